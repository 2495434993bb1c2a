"""`scrutiny-packs validate` warns, without failing, about near-duplicates and questions with no source."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rapidfuzz import fuzz, process

from scrutiny_packs.cli import main
from scrutiny_packs.content.duplicates import meaningful, near_duplicates, normalise, word_change
from scrutiny_packs.model import Question


def validate(project, *args: str):
    return CliRunner().invoke(main, ["validate", "--root", str(project), *args], catch_exceptions=False)


def add_question(project, qid: str, text: str, extra: str = "source:\n  document: test\n") -> None:
    (project / "content" / "questions" / f"{qid}.yml").write_text(
        f'text: "{text}"\nareas: [workforce]\naudiences: [councillors]\n{extra}added: 2026-11-23\n', encoding="utf-8"
    )


def test_the_shipped_bank_has_no_near_duplicates(bank):
    assert near_duplicates(bank.active_questions()) == []


LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "near-duplicates.yml"


def labelled_scores(pairs: list[dict], **options) -> tuple[float, float]:
    """(precision, recall) of the warning on hand-labelled pairs."""
    flagged = []
    for pair in pairs:
        questions = [
            Question(id="q001", text=pair["a"], areas=("a",), audiences=("b",)),
            Question(id="q002", text=pair["b"], areas=("a",), audiences=("b",)),
        ]
        flagged.append(bool(near_duplicates(questions, **options)))
    hits = sum(f and p["same"] for f, p in zip(flagged, pairs))
    return hits / max(1, sum(flagged)), hits / sum(p["same"] for p in pairs)


def test_the_warning_agrees_with_hand_labelled_pairs():
    pairs = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 40
    assert sum(p["same"] for p in pairs) >= 20 and sum(not p["same"] for p in pairs) >= 20
    precision, recall = labelled_scores(pairs)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
    # The character score alone misses the rewordings of short questions.
    assert labelled_scores(pairs, by_words=False)[1] < recall


def test_a_word_added_and_a_word_changed_is_flagged_in_words(project):
    add_question(project, "q900", "Does A&E have paediatric nurses on duty 24 hours each day?")
    result = validate(project)
    assert result.exit_code == 0, result.output
    assert (
        "content/questions/q900.yml:1: warning: text: q900 reads almost the same as q010 "
        "('duty' added, 'per' changed to 'each') (if they ask the same thing, keep q010 and drop this one; "
        "if they ask different things, make the difference clear, or add 'distinct_from: [q010]' to this file)"
    ) in result.output


def test_distinct_from_acknowledges_a_pair_a_reviewer_judged_different(project):
    add_question(
        project,
        "q900",
        "Does A&E have paediatric nurses on duty 24 hours each day?",
        extra="source:\n  document: test\ndistinct_from: [q010]\n",
    )
    result = validate(project)
    assert result.exit_code == 0 and "reads almost the same" not in result.output, result.output


def test_distinct_from_must_name_a_question(project):
    add_question(
        project,
        "q900",
        "How many officers are trained in child protection?",
        extra="source:\n  document: test\ndistinct_from: [q9999]\n",
    )
    result = validate(project)
    assert result.exit_code == 1
    assert re.search(
        r"^content/questions/q900\.yml:6: distinct_from\[0\]: 'q9999' is not a known question "
        r"\(known: \d+ ids, from q001 to q\d+: each is the name of a file in its folder under content/",
        result.output,
        re.M,
    ), result.output


def test_the_shipped_bank_validates_with_no_warnings():
    result = CliRunner().invoke(main, ["validate"], catch_exceptions=False)
    # The example meeting record's overdue action is meant to be overdue (it shows the follow-up at work);
    # a citation of a superseded edition is a review flag, kept until an editor has checked the item.
    warned = [
        line
        for line in result.output.splitlines()
        if ": warning: " in line and "action overdue" not in line and "which is superseded by" not in line
    ]
    assert result.exit_code == 0 and not warned, result.output


def test_a_near_duplicate_is_flagged_naming_both_ids_and_the_score(project, bank):
    original = bank.questions["q030"].text
    # The same question with a word changed and the framing written out.
    reworded = original.replace("{we}", "you", 1).replace("?", " now?")
    assert reworded != original
    add_question(project, "q900", reworded)
    result = validate(project)
    assert result.exit_code == 0, result.output  # a warning, not an error
    lines = [line for line in result.output.splitlines() if "reads almost the same" in line]
    assert len(lines) == 1, result.output
    match = re.fullmatch(
        r"content/questions/q900\.yml:1: warning: text: q900 reads almost the same as q030 "
        r"\(similarity (\d+) out of 100\) \(.+\)",
        lines[0],
    )
    assert match, lines[0]
    assert 90 <= int(match.group(1)) <= 100
    assert [
        line
        for line in result.output.splitlines()
        if ": warning: " in line
        and "action overdue" not in line
        and "which is superseded by" not in line
        and "inline" not in line
        and "ids.yml" not in line
    ] == lines


def test_reordered_words_still_count_as_the_same_question(project):
    add_question(project, "q900", "How do the police know how many officers are trained in child protection?")
    add_question(project, "q901", "How many officers are trained in child protection, and how do the police know?")
    result = validate(project)
    assert "q901 reads almost the same as q900" in result.output


def test_a_different_question_is_not_flagged(project):
    add_question(project, "q900", "How many officers are trained in child protection?")
    add_question(project, "q901", "How many health visitors have caseloads above the agreed limit?")
    assert "reads almost the same" not in validate(project).output


def test_retired_questions_are_not_compared(project, bank):
    add_question(project, "q900", bank.questions["q030"].text.replace("?", " now?"))
    path = project / "content" / "questions" / "q030.yml"
    path.write_text(path.read_text(encoding="utf-8") + "status: retired\nreplaced_by: q900\n", encoding="utf-8")
    assert "reads almost the same" not in validate(project).output


def test_the_similarity_threshold_is_an_option(project):
    add_question(project, "q900", "How many officers are trained in child protection?")
    add_question(project, "q901", "How many officers are trained in domestic abuse?")
    assert "reads almost the same" not in validate(project).output
    assert "q901 reads almost the same as q900" in validate(project, "--similarity", "70").output
    bad = validate(project, "--similarity", "20")
    assert bad.exit_code == 2 and "20 is not in the range 70<=x<=100" in bad.output


def test_a_question_with_no_source_is_a_warning_not_an_error(project):
    add_question(project, "q900", "How many officers are trained in child protection?", extra="")
    result = validate(project)
    assert result.exit_code == 0
    assert (
        "content/questions/q900.yml: warning: source: no source given "
        "(say where the question comes from, so reviewers can check it)"
    ) in result.output


def test_github_format_adds_annotations_on_file_and_line(project, bank):
    add_question(project, "q900", bank.questions["q030"].text.replace("?", " now?"), extra="")
    out = validate(project, "--format", "github").output
    assert "::warning file=content/questions/q900.yml,line=1,title=text::q900 reads almost the same as q030" in out
    assert "::warning file=content/questions/q900.yml,title=source::no source given" in out


def exhaustive(questions: list[Question], cutoff: int) -> set[frozenset[str]]:
    keys = [normalise(q.text) for q in questions]
    found = set()
    for i, key in enumerate(keys):
        for _, _, j in process.extract(key, keys[i + 1 :], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
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
        found = {frozenset((d.newer, d.older)) for d in near_duplicates(questions, cutoff, by_words=False)}
        assert found == exhaustive(questions, cutoff)
    # The edited copies really are found: the check above is not comparing two empty sets.
    assert len(found) >= len(bank.active_questions()) // 2


def exhaustive_by_words(questions: list[Question]) -> set[frozenset[str]]:
    words = [meaningful(q.text) for q in questions]
    return {
        frozenset((questions[i].id, questions[j].id))
        for i, j in itertools.combinations(range(len(questions)), 2)
        if word_change(words[i], words[j]) is not None
    }


def test_the_word_index_finds_every_pair_the_word_test_passes(bank):
    # The shipped questions and an edited copy of each, every pair among them also compared one by one
    # (slow, so one such bank: the shipped questions' own pairs are among its pairs).
    questions = mutated_bank(bank, 3)
    found = {frozenset((d.newer, d.older)) for d in near_duplicates(questions, threshold=None)}
    assert found == exhaustive_by_words(questions)
    assert len(found) >= len(bank.active_questions()) // 3
