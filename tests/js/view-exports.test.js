// The pack as shown (view.js) and as CSV and text (exports.js), from a small bank in the shape the
// build writes (bank.json; tests/site/test_mypack.py checks the shape). Its words are in capitals, so a
// test can tell the build's words (text/sentences.py) from any a script might make up.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const link = require("../../overrides/assets/javascripts/my-pack/link.js");
const views = require("../../overrides/assets/javascripts/my-pack/view.js");
const exports_ = require("../../overrides/assets/javascripts/my-pack/exports.js");

const bank = JSON.parse(fs.readFileSync(path.join(__dirname, "bank.json"), "utf8"));

function pack(ids, more) {
  return Object.assign(link.emptyPack(), { questions: ids }, more || {});
}

test("questions are numbered in the pack's order and grouped while their area runs on", () => {
  const v = views.view(pack(["q002", "q003", "q001"]), bank);
  assert.deepEqual(v.groups.map((g) => [g.areaId, g.questions.map((q) => [q.number, q.id])]), [
    ["front-door", [[1, "q002"]]], ["workforce", [[2, "q003"]]], ["front-door", [[3, "q001"]]]]);
  assert.deepEqual(v.groups.map((g) => g.numbers), ["QUESTION 1", "QUESTION 2", "QUESTION 3"]);
  const together = views.view(pack(["q001", "q002"]), bank).groups;
  assert.equal(together.length, 1);
  assert.equal(together[0].numbers, "QUESTIONS 1 TO 2");
  assert.equal(together[0].guidesTitle, "GOOD: The front door");
});

test("each guide is shown once, under the first area that brings it, and only with benchmarks", () => {
  const v = views.view(pack(["q001", "q003", "q002"]), bank);
  assert.deepEqual(v.groups.map((g) => g.guides), [["b-front-door"], [], []]);
  const plain = views.view(pack(["q001"], { options: { benchmarks: false, evidence: true, notes_space: true, rag: false } }), bank);
  assert.deepEqual(plain.groups[0].guides, []);
});

test("the framing reads the placeholders, and picks the entry the build drew for it", () => {
  const we = views.view(pack(["q001", "q002"], { framing: "we" }), bank).questions;
  assert.equal(we[0].text, "How do we know our front door works?");
  assert.equal(we[0].html, bank.questions.q001.html.we);
  assert.equal(we[1].html, bank.questions.q002.html.you, "a question that reads the same has one entry");
  assert.equal(views.view(pack(["q001"]), bank).questions[0].text, "How do you know your front door works?");
  assert.equal(views.frame("{Our} {unknown} {ours}", "we", bank), "Our {unknown} ours");
});

test("the how-to sentence is the build's, for what the pack shows", () => {
  const opts = (b, e, n, r) => ({ options: { benchmarks: b, evidence: e, notes_space: n, rag: r } });
  assert.equal(views.view(pack(["q001"]), bank).howTo, "HOW-TO[gen]");
  assert.equal(views.view(pack(["q001"], opts(true, true, true, true)), bank).howTo, "HOW-TO[genr]");
  assert.equal(views.view(pack(["q001"], opts(false, false, false, false)), bank).howTo, "HOW-TO[]");
  // q003 has evidence but nothing to listen for and no guide.
  assert.equal(views.view(pack(["q003"], opts(true, true, false, true)), bank).howTo, "HOW-TO[er]");
});

test("the cover: title, details and the footer title", () => {
  const p = pack(["q001"], { body: "Panel", meeting: "Spring meeting", date: "2026-03-04", item: "6", title: "" });
  const v = views.view(p, bank);
  assert.equal(v.title, "Spring meeting");
  assert.deepEqual(v.details, [
    { label: "BODY", value: "Panel" }, { label: "MEETING", value: "Spring meeting" },
    { label: "DATE", value: "4 MARCH 2026", iso: "2026-03-04" }, { label: "AGENDA ITEM", value: "6" },
    { label: "QUESTIONS", value: "1" }]);
  assert.equal(views.view(pack([]), bank).title, "Scrutiny questions");
  assert.equal(views.view(pack([], { title: "A very long agenda item title indeed" }), bank).footerTitle, "A very long agenda\u2026");
  assert.equal(views.shorten("🙂".repeat(30), 20), "🙂".repeat(20) + "\u2026", "counted in characters");
});

test("the running footer: body, date and agenda item (or its title), shortened as the build shortens it", () => {
  const footer = (more) => views.view(pack(["q001"], more), bank).footerMeeting;
  assert.equal(footer({}), "", "no meeting details, no meeting line");
  assert.equal(footer({ body: "Panel", date: "2026-03-04", item: "6", title: "Front door" }),
    "Panel \u00b7 4 MARCH 2026 \u00b7 ITEM 6");
  assert.equal(footer({ body: "Panel", title: "Front door" }), "Panel \u00b7 Front door", "the title when there is no number");
  assert.equal(footer({ meeting: "Spring meeting" }), "", "the meeting's name is not in the footer");
  assert.equal(footer({ body: "A long name of a body that goes on and on" }), "A long name of a body that goes on and\u2026");
});

test("terms used in the pack: each once, in the glossary's order, only the chosen questions'", () => {
  const terms = (ids) => views.view(pack(ids), bank).terms.map((t) => t.id);
  assert.deepEqual(terms(["q001"]), ["front-door-term"]);
  assert.deepEqual(terms(["q001", "q003"]), ["ab", "front-door-term"]);
  assert.deepEqual(terms(["q002"]), []);
});

test("CSV: the chosen columns, formulas defused, quoted where needed, UTF-8 marked", () => {
  const csv = exports_.asCsv(pack(["q002", "q001"], { options: { benchmarks: true, evidence: true, notes_space: false, rag: true } }), bank);
  assert.ok(csv.startsWith("\ufeff"));
  assert.ok(csv.endsWith("\r\n"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines[0], "Number,Reference,Area,Question,Ask,LISTEN FOR,EVIDENCE TO ASK FOR,RAG");
  assert.equal(lines[1], "1,q002,The front door,\"What does the data say, \"\"in short\"\"?\",,,,");
  assert.equal(lines[2], "2,q001,The front door,How do you know your front door works?,Children's services,"
    + "Contacts answered the same day; =SUM(A1),Contacts,");
  assert.equal(exports_.csvCell("=SUM(A1)"), "'=SUM(A1)");
  assert.equal(exports_.csvCell("-1"), "'-1");
  assert.equal(exports_.csvCell("@x"), "'@x");
});

test("text: the cover, then each area and its questions, with what the options show", () => {
  const text = exports_.asText(pack(["q001", "q003"], { framing: "we", title: "Item six" }), bank);
  assert.equal(text, [
    "Item six", "", "AGENDA ITEM: Item six", "QUESTIONS: 2", "", "Framed as we.", "",
    "TERMS USED:", "- AB: A BOARD", "- Front door: WHERE CONCERNS COME IN", "",
    "The front door", "",
    "1. How do we know our front door works? (Ask: Children's services) (ref. q001)",
    "   LISTEN FOR:", "   - Contacts answered the same day", "   - =SUM(A1)",
    "   EVIDENCE TO ASK FOR:", "   - Contacts: Contacts a month, and how many led to a referral.",
    "", "Workforce", "",
    "2. How stable is our workforce? (ref. q003)",
    "   EVIDENCE TO ASK FOR:", "   - Vacancies: Social worker posts vacant, and covered by agency staff.",
    "   - Contacts: Contacts a month, and how many led to a referral.", "",
    "SOURCES CITED:", "- A national review (Panel, 2024) (NEWER EDITION OUT)",
    "- Working Together to Safeguard Children (Department for Education, 2026) "
      + "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2", "",
    "SOURCES: WHERE THE QUESTIONS COME FROM.", ""].join("\n"));
});

test("file names come from the pack's title", () => {
  assert.equal(exports_.fileName(pack([], { title: "Item six: the front door!" }), bank, "csv"), "item-six-the-front-door.csv");
  assert.equal(exports_.fileName(pack([], { title: "🙂" }), bank, "csv"), "my-pack.csv");
  assert.equal(exports_.fileName(pack([], { title: "a".repeat(63) + " b" }), bank, "csv"), "a".repeat(63) + ".csv");
  // Cut at a word boundary, never mid-word (the name the Word and CSV downloads take).
  assert.equal(
    exports_.fileName(pack([], { title: "Children missing education and elective home education; domestic abuse" }), bank, "docx"),
    "children-missing-education-and-elective-home-education-domestic.docx",
  );
  assert.equal(exports_.fileName(pack([], { title: "x".repeat(80) }), bank, "docx"), "x".repeat(64) + ".docx");
});

test("the sources cited: each once, what the shown guides cite too, in the order the build gives them", () => {
  const v = views.view(pack(["q003", "q001"]), bank);
  assert.deepEqual(v.cited.map((s) => s.key), ["a-review", "wt-2026"]);
  const plain = views.view(pack(["q003", "q001"], { options: { benchmarks: false, evidence: true, notes_space: true, rag: false } }), bank);
  assert.deepEqual(plain.cited.map((s) => s.key), ["wt-2026"], "a guide left out brings no sources");
  assert.deepEqual(views.view(pack(["q002"], { options: { benchmarks: false, evidence: true, notes_space: true, rag: false } }), bank).cited, []);
  const text = exports_.asText(pack(["q002"], { options: { benchmarks: false, evidence: true, notes_space: true, rag: false } }), bank);
  assert.ok(!text.includes("SOURCES CITED"), "no list when nothing is cited");
});
