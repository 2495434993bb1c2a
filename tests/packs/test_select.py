"""Which questions a pack holds, in what order, under which area, and in which framing."""

from __future__ import annotations

from scrutiny_packs.content.references import PACK_REFERENCES, known_in_bank, pack_fields, unknown_names
from scrutiny_packs.model import Bank, PackOptions, PackSpec, Question, Selection
from scrutiny_packs.packs.defaults import all_packs, default_packs
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.packs.select import select
from scrutiny_packs.text.framing import PLACEHOLDER, SECOND_PERSON, frame


def ids(selected) -> list[str]:
    return [q.id for q in selected.questions]


# -- framing -------------------------------------------------------------------------------


def test_every_question_in_the_bank_reads_cleanly_both_ways(bank):
    for q in bank.questions.values():
        you, we = frame(q.text, "you"), frame(q.text, "we")
        assert not PLACEHOLDER.search(you), f"{q.id}: placeholder left in the you-framing: {you}"
        assert not PLACEHOLDER.search(we), f"{q.id}: placeholder left in the we-framing: {we}"
        assert not SECOND_PERSON.search(we), f"{q.id}: second person left in the we-framing: {we}"


def test_framing_changes_words_and_capitals():
    text = "{We} say {our} plans are {ours}; how do {we} know, and who tells {us}? Ask {ourselves}."
    assert frame(text, "you") == "You say your plans are yours; how do you know, and who tells you? Ask yourselves."
    assert frame(text, "we") == "We say our plans are ours; how do we know, and who tells us? Ask ourselves."


def test_a_we_pack_frames_every_question_as_we(bank):
    spec = PackSpec("t", "T", framing="we", selection=Selection(areas=("adult-mental-health",)))
    view = build_view(bank, spec)
    assert view.count > 0
    for pq in view.questions:
        assert pq.text == frame(bank.questions[pq.id].text, "we")
        assert not SECOND_PERSON.search(pq.text)
    # at least one question actually changed, so the test can fail
    assert any(pq.text != frame(bank.questions[pq.id].text, "you") for pq in view.questions)


# -- selection -----------------------------------------------------------------------------


def test_no_filters_takes_every_active_question(bank):
    assert sorted(ids(select(bank, Selection()))) == sorted(q.id for q in bank.active_questions())


def test_a_parent_area_brings_its_sub_areas(bank):
    chosen = select(bank, Selection(areas=("specific-risk-issues",)))
    under = bank.area_and_descendants("specific-risk-issues")
    assert {"domestic-violence", "adult-mental-health"} <= under
    wanted = {q.id for q in bank.active_questions() if under & set(q.areas)}
    assert set(ids(chosen)) == wanted and wanted


def test_lists_narrow_together_values_widen_and_named_questions_are_added(bank):
    active = bank.active_questions()
    education = {q.id for q in active if "missing-education" in q.areas}
    for_councillors = {q.id for q in active if "councillors" in q.audiences}
    # The meeting: one area and one audience give the area's questions for that audience only.
    narrowed = set(ids(select(bank, Selection(areas=("missing-education",), audiences=("councillors",)))))
    assert narrowed == education & for_councillors and narrowed
    assert len(narrowed) < len(education | for_councillors)
    # Two areas widen; the audience still narrows.
    abuse = {q.id for q in active if "domestic-violence" in q.areas}
    both = set(
        ids(select(bank, Selection(areas=("missing-education", "domestic-violence"), audiences=("councillors",))))
    )
    assert both == (education | abuse) & for_councillors
    # 'questions' adds what it names, whatever the other lists say (as the example packs mean).
    outsider = next(q.id for q in active if q.id not in narrowed)
    plus = ids(select(bank, Selection(areas=("missing-education",), audiences=("councillors",), questions=(outsider,))))
    assert set(plus) == narrowed | {outsider}
    # Named questions alone are just those.
    assert ids(select(bank, Selection(questions=(outsider,)))) == [outsider]


def test_match_any_widens_and_match_all_narrows(bank):
    any_ = set(ids(select(bank, Selection(areas=("workforce",), tags=("front-door",), match="any"))))
    all_ = set(ids(select(bank, Selection(areas=("priority-service-areas",), audiences=("councillors",), match="all"))))
    workforce = {q.id for q in bank.active_questions() if bank.area_and_descendants("workforce") & set(q.areas)}
    front_door = {q.id for q in bank.active_questions() if "front-door" in q.tags}
    priority = {
        q.id for q in bank.active_questions() if bank.area_and_descendants("priority-service-areas") & set(q.areas)
    }
    assert any_ == workforce | front_door
    assert all_ == {qid for qid in priority if "councillors" in bank.questions[qid].audiences}
    assert all_ and all_ < priority  # A&E and midwifery questions are not for councillors


def test_excludes_win_over_includes(bank):
    chosen = ids(
        select(bank, Selection(tags=("front-door",), exclude_questions=("q005",), exclude_audiences=("health",)))
    )
    assert "q005" not in chosen
    assert all("health" not in bank.questions[qid].audiences for qid in chosen)
    assert chosen


def test_listed_order_keeps_the_order_given(bank):
    chosen = select(bank, Selection(questions=("q050", "q003", "q020"), order="listed"))
    assert ids(chosen) == ["q050", "q003", "q020"]


def test_retired_questions_never_go_in_and_are_reported(bank):
    live = next(iter(bank.questions.values()))
    retired = Question(id="q999", text="An old question?", areas=live.areas, audiences=live.audiences, status="retired")
    bank2 = Bank(
        settings=bank.settings,
        areas=bank.areas,
        audiences=bank.audiences,
        questions={**bank.questions, "q999": retired},
        benchmarks=bank.benchmarks,
        indicators=bank.indicators,
    )
    chosen = select(bank2, Selection(questions=("q999", live.id)))
    assert ids(chosen) == [live.id]
    assert chosen.left_out == ("q999",)


def test_unknown_names_are_reported_with_a_suggestion(bank):
    spec = PackSpec(
        id="p", title="", audience="councilors", selection=Selection(areas=("domestic-violnce",), tags=("frontdoor",))
    )
    found = unknown_names(pack_fields(spec), PACK_REFERENCES, known_in_bank(bank))
    messages = {(u.field, u.message, u.hint) for u in found}
    assert ("audience", "'councilors' is not a known audience", "did you mean 'councillors'?") in messages
    assert (
        "selection.areas[0]",
        "'domestic-violnce' is not a known area",
        "did you mean 'domestic-violence'?",
    ) in messages
    assert ("selection.tags[0]", "'frontdoor' is not a known tag", "did you mean 'front-door'?") in messages


# -- layout --------------------------------------------------------------------------------


def test_each_question_appears_once_numbered_in_order_under_an_area_it_belongs_to(bank):
    # q001 is in five areas; in a pack on two of them it is shown once, under the first asked for.
    spec = PackSpec("t", "T", selection=Selection(areas=("domestic-violence", "adult-mental-health")))
    view = build_view(bank, spec)
    numbers = [q.number for q in view.questions]
    assert numbers == list(range(1, view.count + 1))
    assert len({q.id for q in view.questions}) == view.count
    for group in view.groups:
        for q in group.questions:
            assert group.area_id in bank.questions[q.id].areas
    q001_group = next(g for g in view.groups if any(q.id == "q001" for q in g.questions))
    assert q001_group.area_id == "domestic-violence"
    assert [g.area_id for g in view.groups] == ["domestic-violence", "adult-mental-health"]


def test_groups_follow_the_toolkit_order_of_areas(bank):
    view = build_view(bank, PackSpec("t", "T"))
    order = [a.id for a in bank.areas_in_order()]
    positions = [order.index(g.area_id) for g in view.groups]
    assert positions == sorted(positions)
    assert len({g.area_id for g in view.groups}) == len(view.groups)


def test_options_switch_guidance_off(bank):
    spec = PackSpec(
        "t",
        "T",
        selection=Selection(tags=("front-door",)),
        options=PackOptions(benchmarks=False, evidence=False, notes_space=False),
    )
    view = build_view(bank, spec)
    assert all(not g.guides for g in view.groups)
    on = build_view(bank, PackSpec("t", "T", selection=Selection(tags=("front-door",))))
    assert any(g.guides for g in on.groups), "the front door questions cite benchmarks"


def test_a_benchmark_is_printed_once_per_pack(bank):
    view = build_view(bank, PackSpec("t", "T"))
    shown = [guide.id for g in view.groups for guide in g.guides]
    assert shown and len(shown) == len(set(shown))


def test_the_cover_carries_the_meeting(bank):
    spec = next(p for p in bank.packs.values() if p.meeting.item)
    view = build_view(bank, spec)
    labels = {d.label: d.value for d in view.details}
    assert labels["Body"] == spec.meeting.body
    assert labels["Agenda item"].startswith(spec.meeting.item)
    assert labels["Audience"] == bank.audiences[spec.audience].name
    assert labels["Questions"] == str(view.count)


# -- default and shipped packs -------------------------------------------------------------


def test_one_default_pack_per_audience_with_all_its_questions(bank):
    packs = default_packs(bank)
    assert [p.id for p in packs] == list(bank.audiences)
    for spec in packs:
        view = build_view(bank, spec)
        assert {q.id for q in view.questions} == {q.id for q in bank.questions_for_audience(spec.audience)}
        assert view.framing == bank.audiences[spec.audience].framing


def test_the_two_shipped_agenda_packs(bank):
    packs = {p.id: p for p in all_packs(bank)}
    front = build_view(bank, packs["front-door-contacts-and-referrals"])
    tagged = {q.id for q in bank.active_questions() if "front-door" in q.tags}
    assert tagged <= {q.id for q in front.questions}
    assert front.framing == "you" and front.audience.startswith("Councillors")
    dv = build_view(bank, packs["domestic-abuse-and-parental-mental-health"])
    assert dv.framing == "we" and dv.options.rag
    assert {"domestic-violence", "adult-mental-health"} <= {g.area_id for g in dv.groups}
