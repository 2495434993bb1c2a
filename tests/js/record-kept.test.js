// Record answers: what this browser kept is untrusted input (overrides/assets/javascripts/record/kept.js).
// Any shape another page or an older version wrote is read without throwing; what can be repaired is,
// what cannot is set aside, and each change is said.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const kept = require("../../overrides/assets/javascripts/record/kept.js");

const shape = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "record-yaml", "cases.json"), "utf8")).shape;
const good = { values: { rag: "green", summary: "Heard" }, actions: [{ action: "Do it", owner: "Scrutiny Officer", due: "2027-04-01", status: "open" }] };

function read(value) {
  return kept.read(typeof value === "string" ? value : JSON.stringify(value), shape);
}

test("nothing kept: an empty form and nothing to say", () => {
  assert.deepEqual(kept.read(null, shape), { state: { on: false, entries: {}, recommendations: [], requests: [] }, notes: [], setAside: [] });
});

test("a good entry is kept as it was", () => {
  const r = read({ on: true, entries: { "5|q004": good } });
  assert.deepEqual(r.state, { on: true, entries: { "5|q004": good }, recommendations: [], requests: [] });
  assert.deepEqual(r.notes, []);
});

for (const [name, bad] of [
  ["not JSON", "{not json"],
  ["a list", []],
  ["null", null],
  ["a number", 7],
  ["entries a string", { on: true, entries: "x" }],
]) {
  test(`kept state that is ${name} starts afresh, set aside with a notice`, () => {
    const r = read(bad);
    assert.deepEqual(r.state.entries, {});
    if (bad !== null) {
      assert.equal(r.notes.length, 1);
      assert.match(r.notes[0], /could not be read; they are set aside/);
      assert.equal(r.setAside.length, 1);
    }
  });
}

test("bad entries are repaired or set aside one by one; the good ones are untouched", () => {
  const r = read({ on: true, entries: {
    "5|q004": good,
    "5|q005": {},
    "5|q006": { values: null, actions: "none" },
    "6|q017": { values: { rag: "purple", summary: 42, "revisit.date": {} }, actions: [null, { action: "Ask", status: "lost", owner: ["x"] }] },
    "6|q018": "a string",
    "6|q019": null
  } });
  assert.deepEqual(r.state.entries["5|q004"], good);
  assert.deepEqual(r.state.entries["5|q005"], { values: {}, actions: [] });
  assert.deepEqual(r.state.entries["5|q006"], { values: {}, actions: [] });
  assert.deepEqual(r.state.entries["6|q017"], { values: { summary: "42" }, actions: [{ action: "Ask", status: "open" }] });
  assert.ok(!("6|q018" in r.state.entries) && !("6|q019" in r.state.entries));
  const said = r.notes.join("\n");
  assert.match(said, /Item 6, question q017: the kept RAG status \u201cpurple\u201d is not one of red, amber, green/);
  assert.match(said, /Item 5, question q006: the kept actions could not be read/);
  assert.match(said, /Item 6, question q017, action 1: could not be read/);
  assert.match(said, /action 2: the kept status \u201clost\u201d is not one of/);
  assert.match(said, /Item 6, question q018: the kept entry could not be read/);
  assert.ok(!said.includes("q004") && !said.includes("q005"), "nothing is said about entries that were fine");
  assert.deepEqual(r.setAside.map((a) => Object.keys(a)[0]).sort(), ["5|q006", "6|q017", "6|q018", "6|q019"]);
});

test("'on' is on only when it is true", () => {
  assert.equal(read({ on: "yes", entries: {} }).state.on, false);
});

test("keys inherited from Object are not entries", () => {
  const r = read('{"entries": {"__proto__": {"values": {"rag": "red"}}}}');
  assert.equal(Object.getPrototypeOf(r.state.entries), Object.prototype);
  assert.deepEqual(Object.keys(r.state.entries), []);
  assert.equal(r.notes.length, 1);
});
