// My pack's notices in words (overrides/assets/javascripts/my-pack/notices.js): what a link or the
// kept pack held that could not be used, said in the words of the My pack page's form.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const link = require("../../overrides/assets/javascripts/my-pack/link.js");
const notices = require("../../overrides/assets/javascripts/my-pack/notices.js");

const rules = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "mypack-links", "cases.json"), "utf8")).rules;
const bank = JSON.parse(fs.readFileSync(path.join(__dirname, "bank.json"), "utf8"));

test("every notice a damaged link gives is one sentence naming what was left out", () => {
  const read = link.decode("ids=q001,<x>,q001&f=they&date=2027-02-29&opts=z&title=" + "x".repeat(rules.maxText + 5), rules);
  const said = read.notices.map((n) => notices.noticeText(n, rules));
  assert.deepEqual(said, [
    "\u201c<x>\u201d is not a question reference, so it was left out.",
    "q001 was listed more than once; it is in the pack once.",
    "\u201cthey\u201d is not a framing, so the pack uses \u201cyou\u201d.",
    `The agenda item title was longer than ${rules.maxText} characters, so only the first ${rules.maxText} were kept.`,
    "\u201c2027-02-29\u201d is not a date, so the pack has no date.",
    "\u201cz\u201d is not one of the pack\u2019s options, so it was ignored."
  ]);
});

test("a long value is shown cut at 40 characters", () => {
  const said = notices.noticeText({ kind: "invalid", field: "ids", value: "y".repeat(60) }, rules);
  assert.equal(said, "\u201c" + "y".repeat(40) + "\u2026\u201d is not a question reference, so it was left out.");
});

test("checked keeps what the bank offers and says what it left out", () => {
  const retired = Object.keys(bank.questions).find((id) => bank.questions[id].retired);
  const active = Object.keys(bank.questions).find((id) => !bank.questions[id].retired);
  const result = notices.checked(Object.assign(link.emptyPack(), { questions: [active, retired, "q999"] }), bank, rules);
  assert.deepEqual(result.pack.questions, [active]);
  assert.equal(result.notices.length, 2);
  assert.match(result.notices[0], new RegExp(`^${retired} has been retired`));
  assert.match(result.notices[1], /^q999 is not a question in the bank/);
});
