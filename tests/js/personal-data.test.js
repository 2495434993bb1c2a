// The record page's personal-data checks (overrides/assets/javascripts/record/checks.js) against
// the findings Python makes (tests/fixtures/personal-data/findings.json, written from
// content/personal_data.py by tests/content/test_personal_data_parity.py): the same corpus, the
// same findings, in the same order, from the same rules.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const checks = require("../../overrides/assets/javascripts/record/checks.js");

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "personal-data", "findings.json"), "utf8"));
const rules = fixture.rules;

for (const c of fixture.cases) {
  test(`same findings as Python: ${JSON.stringify(c.text).slice(0, 70)}`, () => {
    const found = checks.personalData(c.text, rules).map((f) => ({ kind: f.kind, text: f.text }));
    assert.deepEqual(found, c.findings);
  });
}

test("every pattern Python hands over compiles as a RegExp with its flags", () => {
  const patterns = [rules.gate, rules.nearName, ...rules.detectors, ...rules.names];
  for (const p of patterns) assert.doesNotThrow(() => new RegExp(p.source, p.flags), p.source);
  assert.ok(rules.detectors.length >= 6 && rules.names.length >= 2);
});

test("a rule the page does not know is an error, not a silent pass", () => {
  const unknown = Object.assign({}, rules, { detectors: [{ kind: "x", rule: "no-such-rule", source: "1", flags: "g" }] });
  assert.throws(() => checks.personalData("1", unknown), /no-such-rule/);
});

test("the NHS number's check digit is worked out as Python works it out", () => {
  assert.equal(checks.nhsNumberValid("9434765919"), true);
  assert.equal(checks.nhsNumberValid("9434765910"), false);
  assert.equal(checks.nhsNumberValid("943476591"), false);
});

test("a date is real when Date reads it back the same: leap years without a calendar of our own", () => {
  const pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
  assert.equal(checks.validDate("2028-02-29", pattern), true);
  assert.equal(checks.validDate("2027-02-29", pattern), false);
  assert.equal(checks.validDate("2100-02-29", pattern), false);
  assert.equal(checks.validDate("2000-02-29", pattern), true);
  assert.equal(checks.validDate("2027-13-01", pattern), false);
  assert.equal(checks.validDate("16/03/2027", pattern), false);
});
