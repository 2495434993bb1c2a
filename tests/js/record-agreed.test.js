// Record answers' recommendations and information requests (overrides/assets/javascripts/record/):
// what the checks refuse (as `validate` does), the record file they are written into, and a draft file
// read back as untrusted input.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const yaml = require("../../overrides/assets/javascripts/record/yaml.js");
const recordChecks = require("../../overrides/assets/javascripts/record/checks.js");
const kept = require("../../overrides/assets/javascripts/record/kept.js");
const agreed = require("../../overrides/assets/javascripts/record/agreed.js");

const fixtures = path.join(__dirname, "..", "fixtures", "record-yaml");
const shape = JSON.parse(fs.readFileSync(path.join(fixtures, "cases.json"), "utf8")).shape;
const checks = JSON.parse(fs.readFileSync(path.join(fixtures, "checks.json"), "utf8"));
const followUp = JSON.parse(fs.readFileSync(path.join(fixtures, "follow-up.json"), "utf8")).followUp;

const data = {
  record: shape, checks, followUp, meeting: { id: "m-2026-10", date: "2026-10-13" },
  rules: { responseDue: "2026-12-13", refsTaken: ["2026-27/4"], nextRef: "2026-27/3", example: false }
};

const REC = { ref: "2026-27/3", item: "5", text: "That the service report waiting times.", to: "Cabinet Member",
  lead: "Director of Children's Services", response_due: "", "response.decision": "", "response.date": "",
  "response.text": "", status: "", paused_reason: "" };
const REQ = { item: "6", asked: "The quarterly figures.", of: "Head of Early Help", due: "2027-01-20", received: "" };

function rows(recs, reqs) {
  return agreed.forChecks("recommendation", recs || []).concat(agreed.forChecks("request", reqs || []));
}

function messages(recs, reqs) {
  return recordChecks.problems([], data, rows(recs, reqs)).map((p) => p.message);
}

test("a complete recommendation and request pass, with nothing else recorded", () => {
  assert.deepEqual(messages([REC], [REQ]), []);
});

test("the checks refuse what validate refuses", () => {
  const found = messages(
    [Object.assign({}, REC, { ref: "2026-27/4", text: "The child, DOB 12/03/2015, waited.", to: "", status: "paused" }),
      Object.assign({}, REC, { ref: "27/1", "response.decision": "accepted" })],
    [Object.assign({}, REQ, { due: "2026-10-01", asked: "" })]);
  assert.ok(found.includes("Recommendation 1: reference 2026-27/4 is already used in another meeting's record; give each recommendation the next free number, e.g. 2026-27/3"), found);
  assert.ok(found.some((m) => /^Recommendation 1: recommendation holds what looks like a date of birth \(\u201cDOB 12\/03\/2015\u201d\)/.test(m)), found);
  assert.ok(found.includes("Recommendation 1: say to whom it is addressed: a role or body"), found);
  assert.ok(found.some((m) => m.startsWith("Recommendation 1: a paused recommendation needs its reason")), found);
  assert.ok(found.some((m) => m.startsWith("Recommendation 2: \u201c27/1\u201d is not a reference")), found);
  assert.ok(found.includes("Recommendation 2: a response needs the date it was received"), found);
  assert.ok(found.some((m) => m.startsWith("Information request 1: the due date 2026-10-01 is before the meeting on 2026-10-13")), found);
  assert.ok(found.includes("Information request 1: say what was asked for"), found);
});

test("what is carried as published is checked for personal data too", () => {
  const found = messages([Object.assign({}, REC, { history: [{ date: "2026-12-01", status: "amber", note: "Call 01632 960 123" }] })]);
  assert.ok(found.some((m) => m.startsWith("Recommendation 1, status update 1: note holds what looks like a phone number")), found);
});

test("two recommendations of the same record cannot share a reference", () => {
  const found = messages([REC, Object.assign({}, REC)]);
  assert.ok(found.some((m) => m.startsWith("Recommendation 2: reference 2026-27/3 is already used in recommendation 1")), found);
});

test("the record file holds the recommendations and requests before the items, a response as a mapping", () => {
  const published = Object.assign({}, REC, { "response.decision": "accepted", "response.date": "2026-12-01",
    "response.text": "Agreed: from January.", history: [{ date: "2026-12-01", status: "amber", note: "Accepted" }] });
  const record = yaml.record([], Object.assign({}, data, { rules: Object.assign({}, data.rules, { example: true }) }),
    rows([published], [REQ]));
  const text = yaml.toYaml(record, shape, [], followUp);
  assert.equal(text, [
    "example: true",
    "recommendations:",
    "  - ref: \"2026-27/3\"",
    "    item: \"5\"",
    "    text: \"That the service report waiting times.\"",
    "    to: \"Cabinet Member\"",
    "    lead: \"Director of Children's Services\"",
    "    response:",
    "      decision: \"accepted\"",
    "      date: \"2026-12-01\"",
    "      text: \"Agreed: from January.\"",
    "    history:",
    "      - date: \"2026-12-01\"",
    "        status: \"amber\"",
    "        note: \"Accepted\"",
    "requests:",
    "  - item: \"6\"",
    "    asked: \"The quarterly figures.\"",
    "    of: \"Head of Early Help\"",
    "    due: \"2027-01-20\"",
    "items:",
    ""
  ].join("\n"));
});

test("a draft file opens only for its own meeting, and what it holds is checked", () => {
  const state = { on: true, entries: {}, recommendations: [REC], requests: [REQ] };
  const text = kept.draftText(state, "m-2026-10");
  const opened = kept.readDraft(text, "m-2026-10", shape, followUp);
  assert.deepEqual(opened.notes, []);
  assert.equal(opened.state.recommendations[0].text, REC.text);
  assert.match(kept.readDraft(text, "another", shape, followUp).error, /another meeting \(m-2026-10\)/);
  assert.match(kept.readDraft("not json", "m-2026-10", shape, followUp).error, /not a draft/);
  const hostile = JSON.parse(text);
  hostile.state.recommendations = [{ ref: "2026-27/3", text: { toString: 1 }, history: "x" }, 7];
  hostile.state.requests = "nope";
  const repaired = kept.readDraft(JSON.stringify(hostile), "m-2026-10", shape, followUp);
  assert.deepEqual(repaired.state.recommendations, [{ ref: "2026-27/3" }]);
  assert.deepEqual(repaired.state.requests, []);
  assert.equal(repaired.notes.length, 3, repaired.notes.join("\n"));
});
