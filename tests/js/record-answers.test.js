// A meeting page's Record answers mode (overrides/assets/javascripts/record/): the record file it
// writes (yaml.js) and the problems it finds before writing it (checks.js).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const yaml = require("../../overrides/assets/javascripts/record/yaml.js");
const recordChecks = require("../../overrides/assets/javascripts/record/checks.js");
const record = Object.assign({}, yaml, recordChecks);

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "record-yaml", "cases.json"), "utf8"));
const shape = fixture.shape;

for (const c of fixture.cases) {
  test(`record file: ${c.name}`, () => {
    assert.equal(record.toYaml(c.record, shape), c.yaml);
  });
}

test("the file opens with the lines it is given, then the record", () => {
  const text = record.toYaml(fixture.cases[0].record, shape, ["# first", "# second"]);
  assert.deepEqual(text.split("\n").slice(0, 3), ["# first", "# second", "items:"]);
});

test("a lone half of a surrogate pair becomes a replacement character, never a broken escape", () => {
  assert.equal(record.quote("a\ud800b"), JSON.stringify("a\ufffdb"));
  assert.equal(record.quote("\udc00"), JSON.stringify("\ufffd"));
  assert.equal(record.quote("\ud83d\udcca"), JSON.stringify("\ud83d\udcca"), "a whole pair is kept");
});

// The patterns as the build hands them over (site/record_form.checks), read from the page of a meeting.
const checks = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "record-yaml", "checks.json"), "utf8"));

test("e-mail addresses, phone numbers and names are found; roles are not", () => {
  const kinds = (text) => record.personalData(text, checks.personalData).map((f) => f.kind);
  assert.deepEqual(kinds("Write to clerk@example.org"), ["e-mail address"]);
  assert.deepEqual(kinds("Ring 01632 960 123 today"), ["phone number"]);
  assert.deepEqual(kinds("Call +44 1632 960123"), ["phone number"]);
  assert.deepEqual(kinds("Cllr Smith asked"), ["name"]);
  assert.deepEqual(kinds("Jane Doe said so"), ["name"]);
  assert.deepEqual(kinds("The Head of Service and the Designated Nurse agreed"), []);
  assert.deepEqual(kinds("Referrals rose by 120 in 2026"), [], "numbers that are not phone numbers");
});

function dataFor(entries) {
  return { record: shape, checks, meeting: { id: "m", date: "2027-03-16" }, firstField: "first" };
}

function entry(answer, actions) {
  return {
    item: "5", label: "Item 5, question 1", answer: Object.assign({ question: "q004", summary: "", rag: "", revisit: "" }, answer),
    ids: { rag: "rag-id", summary: "summary-id", revisit: "revisit-id" }, revisitDate: answer.revisit || "", revisitBoth: false,
    actions: (actions || []).map((values, i) => ({
      values: Object.assign({ action: "", owner: "", due: "", status: "open" }, values),
      ids: { action: `a${i}-what`, owner: `a${i}-owner`, due: `a${i}-due`, status: `a${i}-status` },
      label: `Item 5, question 1, action ${i + 1}`
    }))
  };
}

test("a clean entry has no problems and makes the record in the schema's names", () => {
  const e = entry({ summary: "Heard", rag: "green" }, [{ action: "Do it", owner: "Scrutiny Officer", due: "2027-03-16" }]);
  assert.deepEqual(record.problems([e], dataFor()), []);
  assert.deepEqual(record.record([e], dataFor()), { items: [{ number: "5", answers: [{
    question: "q004", summary: "Heard", rag: "green",
    actions: [{ action: "Do it", owner: "Scrutiny Officer", due: "2027-03-16", status: "open" }] }] }] });
});

test("each problem is one line naming the question and pointing at its field", () => {
  const found = record.problems([entry({ summary: "", rag: "", revisit: "16/03/2027" },
    [{ action: "Do it", due: "2027-01-01" }])], dataFor());
  assert.deepEqual(found.map((p) => p.field), ["rag-id", "summary-id", "revisit-id", "a0-owner", "a0-due"]);
  assert.ok(found.every((p) => !p.message.includes("\n") && p.message.startsWith("Item 5, question 1")));
  assert.match(found[3].message, /needs an owner/);
  assert.match(found[4].message, /before the meeting on 2027-03-16/);
});

test("nothing recorded is a problem too: a record needs one answer", () => {
  const found = record.problems([], dataFor());
  assert.equal(found.length, 1);
  assert.equal(found[0].field, "first");
});

test("a record holding a date of birth or an NHS number cannot be downloaded: the field and the reason are said", () => {
  const e = entry({ summary: "Child seen, DOB 12/03/2015", rag: "red" },
    [{ action: "Write to NHS number 943 476 5919", owner: "Designated Nurse", due: "2027-04-01" }]);
  const found = record.problems([e], dataFor());
  assert.deepEqual(found.map((p) => p.field), ["summary-id", "a0-what"]);
  assert.match(found[0].message, /^Item 5, question 1: summary holds what looks like a date of birth \(\u201cDOB 12\/03\/2015\u201d\)/);
  assert.match(found[1].message, /action 1: action holds what looks like an NHS number \(\u201c943 476 5919\u201d\)/);
  assert.ok(found.every((p) => p.message.includes("records are published")));
});

test("a RAG status or a status the schema does not allow is a problem, never written silently", () => {
  const e = entry({ summary: "Heard", rag: "purple" }, [{ action: "Do it", owner: "Scrutiny Officer", due: "2027-03-16", status: "lost" }]);
  const found = record.problems([e], dataFor());
  assert.deepEqual(found.map((p) => p.field), ["rag-id", "a0-status"]);
  assert.match(found[0].message, /\u201cpurple\u201d is not one of red, amber, green/);
});
