// "Add all shown to my pack" (overrides/assets/javascripts/add-shown.js): what it adds and what it says.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const { addShown, addedMessage } = require("../../overrides/assets/javascripts/add-shown.js");
const link = require("../../overrides/assets/javascripts/my-pack/link.js");

function pack(ids, more) {
  return Object.assign(link.emptyPack(), { questions: ids }, more || {});
}

test("the questions shown go to the end of the pack, in the list's order", () => {
  const result = addShown(pack(["q010"]), ["q003", "q001", "q007"]);
  assert.deepEqual(result.pack.questions, ["q010", "q003", "q001", "q007"]);
  assert.equal(result.added, 3);
  assert.equal(result.already, 0);
});

test("nothing is taken out, and a question already in the pack keeps its place", () => {
  const before = pack(["q007", "q020", "q001"], { framing: "we", body: "Children's Scrutiny Panel" });
  const result = addShown(before, ["q001", "q002", "q007", "q003"]);
  assert.deepEqual(result.pack.questions, ["q007", "q020", "q001", "q002", "q003"]);
  assert.equal(result.added, 2);
  assert.equal(result.already, 2);
  assert.equal(result.pack.framing, "we", "the rest of the pack is kept");
  assert.equal(result.pack.body, "Children's Scrutiny Panel");
  assert.deepEqual(before.questions, ["q007", "q020", "q001"], "the pack passed in is left as it was");
});

test("a question listed twice on the page (under two areas) is added once", () => {
  const result = addShown(pack([]), ["q004", "q009", "q004"]);
  assert.deepEqual(result.pack.questions, ["q004", "q009"]);
  assert.equal(result.added, 2);
});

test("what it says, with its plurals right", () => {
  assert.equal(addedMessage(7, 0, 7), "Added 7 questions to your pack. Your pack has 7 questions.");
  assert.equal(addedMessage(1, 0, 1), "Added 1 question to your pack. Your pack has 1 question.");
  assert.equal(addedMessage(5, 2, 9), "Added 5 questions to your pack (2 were in it already). Your pack has 9 questions.");
  assert.equal(addedMessage(1, 1, 4), "Added 1 question to your pack (1 was in it already). Your pack has 4 questions.");
  assert.equal(addedMessage(0, 3, 3), "All 3 questions shown are already in your pack. Your pack has 3 questions.");
  assert.equal(addedMessage(0, 1, 2), "The question shown is already in your pack. Your pack has 2 questions.");
  assert.equal(addedMessage(0, 0, 0), "No questions are shown, so none were added.");
});
