"""Problems as GitHub Actions annotations, shown on the changed lines of a pull request.

``scrutiny-packs validate --format github`` prints these so an editor sees
each problem beside the line it concerns in "Files changed".
"""

from __future__ import annotations

from scrutiny_packs.problems import Problem


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    level = "error" if problem.is_error else "warning"
    props = [f"file={_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    if problem.field:
        props.append(f"title={_property(problem.field)}")
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return f"::{level} {','.join(props)}::{_data(message)}"
