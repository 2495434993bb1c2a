"""`scrutiny-packs validate` warns, without failing, about near-duplicates and questions with no source."""

from __future__ import annotations

import random
import re

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz, process

from scrutiny_packs.cli import main
from scrutiny_packs.content.duplicates import near_duplicates, normalise
from scrutiny_packs.model import Question


def validate(project, *args: str):
    return CliRunner().invoke(main, ["validate", "--root", str(project), *args], catch_exceptions=False)


def add_question(project, qid: str, text: str, extra: str = "source:\n  document: test\n") -> None:
    (project / "content" / "questions" / f"{qid}.yml").write_text(
        f'text: "{text}"\nareas: [workforce]\naudiences: [councillors]\n{extra}added: 2026-11-23\n',
        encoding="utf-8")


def test_the_shipped_bank_has_no_near_duplicates(bank):
    assert near_duplicates(bank.active_questions()) == []


def test_a_near_duplicate_is_flagged_naming_both_ids_and_the_score(project, bank):
    original = bank.questions["q030"].text
    # The same question with a word changed and the framing written out.
    reworded = original.replace("{we}", "you", 1).replace("?", " now?")
    assert reworded != original
    add_question(project, "q100", reworded)
    result = validate(project)
    assert result.exit_code == 0, result.output  # a warning, not an error
    lines = [line for line in result.output.splitlines() if "reads almost the same" in line]
    assert len(lines) == 1, result.output
    match = re.fullmatch(r"content/questions/q100\.yml:1: warning: text: q100 reads almost the same as q030 "
                         r"\(similarity (\d+) out of 100\) \(.+\)", lines[0])
    assert match, lines[0]
    assert 90 <= int(match.group(1)) <= 100
    assert "1 warning." in result.output


def test_reordered_words_still_count_as_the_same_question(project):
    add_question(project, "q100", "How do the police know how many officers are trained in child protection?")
    add_question(project, "q101", "How many officers are trained in child protection, and how do the police know?")
    result = validate(project)
    assert "q101 reads almost the same as q100" in result.output


def test_a_different_question_is_not_flagged(project):
    add_question(project, "q100", "How many officers are trained in child protection?")
    add_question(project, "q101", "How many health visitors have caseloads above the agreed limit?")
    assert "reads almost the same" not in validate(project).output


def test_retired_questions_are_not_compared(project, bank):
    add_question(project, "q100", bank.questions["q030"].text.replace("?", " now?"))
    path = project / "content" / "questions" / "q030.yml"
    path.write_text(path.read_text(encoding="utf-8") + "status: retired\nreplaced_by: q100\n", encoding="utf-8")
    assert "reads almost the same" not in validate(project).output


def test_the_similarity_threshold_is_an_option(project):
    add_question(project, "q100", "How many officers are trained in child protection?")
    add_question(project, "q101", "How many officers are trained in domestic abuse?")
    assert "reads almost the same" not in validate(project).output
    assert "q101 reads almost the same as q100" in validate(project, "--similarity", "70").output
    bad = validate(project, "--similarity", "20")
    assert bad.exit_code == 2 and "20 is not in the range 70<=x<=100" in bad.output


def test_a_question_with_no_source_is_a_warning_not_an_error(project):
    add_question(project, "q100", "How many officers are trained in child protection?", extra="")
    result = validate(project)
    assert result.exit_code == 0
    assert ("content/questions/q100.yml: warning: source: no source given "
            "(say where the question comes from, so reviewers can check it)") in result.output


def test_github_format_adds_annotations_on_file_and_line(project, bank):
    add_question(project, "q100", bank.questions["q030"].text.replace("?", " now?"), extra="")
    out = validate(project, "--format", "github").output
    assert "::warning file=content/questions/q100.yml,line=1,title=text::q100 reads almost the same as q030" in out
    assert "::warning file=content/questions/q100.yml,title=source::no source given" in out


def exhaustive(questions: list[Question], cutoff: int) -> set[frozenset[str]]:
    keys = [normalise(q.text) for q in questions]
    found = set()
    for i, key in enumerate(keys):
        for _, _, j in process.extract(key, keys[i + 1:], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
            found.add(frozenset((questions[i].id, questions[i + 1 + j].id)))
    return found


def mutated_bank(bank, seed: int) -> list[Question]:
    """The shipped questions plus edited copies: words dropped, swapped, misspelt or added."""
    rng = random.Random(seed)
    out = list(bank.active_questions())
    for n, q in enumerate(bank.active_questions()):
        words = q.text.split()
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(words))
            action = rng.choice(["drop", "typo", "add", "swap"])
            if action == "drop" and len(words) > 3:
                words.pop(k)
            elif action == "typo" and len(words[k]) > 3:
                w = words[k]
                words[k] = w[:1] + w[2] + w[1] + w[3:]
            elif action == "add":
                words.insert(k, rng.choice(["really", "locally", "now", "all"]))
            else:
                j = rng.randrange(len(words))
                words[k], words[j] = words[j], words[k]
        out.append(Question(id=f"x{n:03d}", text=" ".join(words), areas=q.areas, audiences=q.audiences))
    return out


@pytest.mark.parametrize("cutoff", [70, 80, 90])
def test_the_word_index_finds_every_pair_a_full_comparison_finds(bank, cutoff):
    for questions in (bank.active_questions(), mutated_bank(bank, 1), mutated_bank(bank, 2)):
        found = {frozenset((d.newer, d.older)) for d in near_duplicates(questions, cutoff)}
        assert found == exhaustive(questions, cutoff)
    # The edited copies really are found: the check above is not comparing two empty sets.
    assert len(found) >= len(bank.active_questions()) // 2
