// How the site's search reads a query and orders its results (overrides/assets/javascripts/search-query.js).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const sq = require("../../overrides/assets/javascripts/search-query.js");

test("A&E, A & E and A and E are all searched as the index holds A&E", () => {
  for (const said of ["A&E", "A & E", "A and E", "a and e"]) {
    assert.equal(sq.rewrite(said).toLowerCase(), "a&amp;e", said);
  }
  assert.equal(sq.rewrite("nurses in A&E"), "nurses in A&amp;E");
  assert.equal(sq.rewrite('"A and E" nurses').trim(), "A&amp;E  nurses");
});

test("and between words is left alone, and other markup characters are escaped", () => {
  assert.equal(sq.rewrite("children and families"), "children and families");
  assert.equal(sq.rewrite("drug and alcohol"), "drug and alcohol");
  assert.equal(sq.rewrite("Q and A session"), "Q&amp;A session");
  assert.equal(sq.rewrite("under <18> & over"), "under &lt;18&gt; &amp; over");
  assert.equal(sq.rewrite("A&amp;E"), "A&amp;E");
});

test("words drop markup and punctuation and read an escaped ampersand as one", () => {
  assert.deepEqual(sq.words("<p>Nurses in <mark>A&amp;E</mark>? (CAIT)/ GPs'</p>"), ["nurses", "in", "a&e", "cait", "gps"]);
});

function item(location, text, terms, title = "") {
  return { location, title, text, terms };
}

function order(groups, query, found) {
  return sq.rerank(groups, query, found).map((g) => g[0].location);
}

test("a result holding every word comes before one holding some, even when lunr scored it lower", () => {
  const some = [item("questions/q001/", "children in care", { children: true, need: false })];
  const all = [item("questions/q002/", "children in need", { children: true, need: true })];
  assert.deepEqual(order([some, all], "children in need"), ["questions/q002/", "questions/q001/"]);
});

test("a long page holding each word in a different section is not taken for holding them all", () => {
  const page = [
    item("modules/guide/", "", {}),
    item("modules/guide/#a", "fathers", { fathers: true, mental: false }),
    item("modules/guide/#b", "mental health", { fathers: false, mental: true }),
  ];
  const question = [item("questions/q150/", "fathers with mental health needs", { fathers: true, mental: true })];
  assert.deepEqual(order([page, question], "fathers mental"), ["questions/q150/", "modules/guide/"]);
});

test("question pages come before the pages that list them; then the words in the order typed", () => {
  const area = [item("areas/workforce/", "workforce stability", { workforce: true, stability: true })];
  const scattered = [item("questions/q040/", "stability of the workforce", { workforce: true, stability: true })];
  const phrase = [item("questions/q041/", "workforce stability", { workforce: true, stability: true })];
  assert.deepEqual(order([area, scattered, phrase], "workforce stability"),
    ["questions/q041/", "questions/q040/", "areas/workforce/"]);
});

test("a quoted phrase goes to lunr as words, since a required stop word would match nothing", () => {
  assert.equal(sq.rewrite('"children in need" plans').trim(), "children in need  plans");
});

test("a quoted phrase keeps only the results holding it, unless none does", () => {
  const scattered = [item("questions/q001/", "children whose need is in doubt", { children: true, need: true })];
  const phrase = [item("questions/q002/", "a plan for children in need", { children: true, need: true })];
  assert.deepEqual(order([scattered, phrase], '"children in need"'), ["questions/q002/"]);
  assert.deepEqual(order([scattered], '"children in need"'), ["questions/q001/"]);
});

test("the search worker gets the rewritten query and the page gets the results in the new order", async () => {
  const made = [];
  class FakeWorker extends EventTarget {
    constructor(url) { super(); this.url = url; this.sent = []; made.push(this); }
    postMessage(message) { this.sent.push(message); }
    terminate() {}
  }
  const Wrapped = sq.wrap(FakeWorker);
  assert.ok(new Wrapped("assets/javascripts/other.js") instanceof FakeWorker, "only the search worker is wrapped");

  const worker = new Wrapped("assets/javascripts/workers/search.js");
  const inner = made[made.length - 1];
  const received = new Promise((resolve) => worker.addEventListener("message", (ev) => resolve(ev.data)));
  worker.postMessage({ type: 0, data: { docs: [] } });
  worker.postMessage({ type: 2, data: "A and E nurses" });
  assert.deepEqual(inner.sent, [{ type: 0, data: { docs: [] } }, { type: 2, data: "A&amp;E nurses" }]);

  const some = [item("questions/q001/", "nurses", { "a&amp;e": false, nurses: true })];
  const all = [item("questions/q006/", "nurses in A&amp;E", { "a&amp;e": true, nurses: true })];
  inner.dispatchEvent(new MessageEvent("message", { data: { type: 3, data: { items: [some, all] } } }));
  const answer = await received;
  assert.equal(answer.type, 3);
  assert.deepEqual(answer.data.items.map((g) => g[0].location), ["questions/q006/", "questions/q001/"]);
});

test("messages are told apart by what they carry, so other type numbers from a newer Material still work", async () => {
  const made = [];
  class FakeWorker extends EventTarget {
    constructor(url) { super(); this.sent = []; made.push(this); }
    postMessage(message) { this.sent.push(message); }
    terminate() {}
  }
  const worker = new (sq.wrap(FakeWorker))("assets/javascripts/workers/search.js");
  const inner = made[0];
  const received = new Promise((resolve) => worker.addEventListener("message", (ev) => resolve(ev.data)));
  worker.postMessage({ type: 17, data: "A and E nurses" });
  assert.deepEqual(inner.sent, [{ type: 17, data: "A&amp;E nurses" }]);
  const some = [item("questions/q001/", "nurses", { "a&amp;e": false, nurses: true })];
  const all = [item("questions/q006/", "nurses in A&amp;E", { "a&amp;e": true, nurses: true })];
  inner.dispatchEvent(new MessageEvent("message", { data: { type: 42, data: { items: [some, all] } } }));
  const answer = await received;
  assert.equal(answer.type, 42);
  assert.deepEqual(answer.data.items.map((g) => g[0].location), ["questions/q006/", "questions/q001/"]);
});

test("an abbreviation written as the glossary writes it is searched with what it stands for", () => {
  const abbreviations = { CSE: "Child sexual exploitation", "A&E": "Accident and emergency" };
  assert.deepEqual(sq.meanings("CSE in parks", abbreviations), { CSE: ["Child sexual exploitation"] });
  assert.deepEqual(sq.meanings("cse", abbreviations), {}, "a lower-case word may be an ordinary word");
  assert.deepEqual(sq.meanings("CSE child sexual exploitation", abbreviations), {}, "already said");
  assert.equal(sq.expand("nurses in A&E", sq.meanings("nurses in A&E", abbreviations)),
    "nurses in A&E Accident and emergency");
  assert.equal(sq.expand("fathers", {}), "fathers");
});

test("a result holding what an abbreviation stands for holds the abbreviation", () => {
  const found = { CSE: "Child sexual exploitation" };
  const spelt = [item("questions/q114/", "child sexual exploitation in parks",
    { cse: false, child: true, sexual: true, exploitation: true, parks: true })];
  const part = [item("questions/q118/", "online sexual abuse in parks",
    { cse: false, child: false, sexual: true, exploitation: false, parks: true })];
  const other = [item("areas/parks/", "parks", { cse: false, child: false, sexual: false, exploitation: false, parks: true })];
  assert.deepEqual(order([other, part, spelt], "CSE parks", found),
    ["questions/q114/", "questions/q118/", "areas/parks/"]);
});

test("a 10,000-character query is re-ranked in well under a second, not seconds", () => {
  // A hostile or pasted query: many different words, each found in the results' text, so that
  // comparing every word of the query with every word of every result would take seconds.
  const vocabulary = [];
  for (let i = 0; i < 400; i++) vocabulary.push("word" + i.toString(36));
  let query = "";
  for (let i = 0; query.length < 10000; i++) query += vocabulary[i % vocabulary.length] + " ";
  query = query.slice(0, 10000);
  const text = vocabulary.join(" ");
  const terms = {};
  vocabulary.forEach((w) => { terms[w] = true; });
  const groups = [];
  for (let g = 0; g < 20; g++) {
    const group = [];
    for (let s = 0; s < 10; s++) group.push(item(`questions/q${g}/#${s}`, text, terms));
    groups.push(group);
  }
  const started = Date.now();
  const found = sq.meanings(query, { CSE: "Child sexual exploitation" });
  sq.rewrite(sq.expand(query, found));
  const ranked = sq.rerank(groups, query, found);
  const took = Date.now() - started;
  assert.equal(ranked.length, groups.length);
  assert.ok(took < 1500, `re-ranking took ${took} ms`);
});

test("re-ranking reads only the start of a very long query, and still orders by it", () => {
  const long = "children in need " + "x".repeat(20000);
  const some = [item("questions/q001/", "children in care", { children: true, need: false })];
  const all = [item("questions/q002/", "children in need", { children: true, need: true })];
  assert.deepEqual(order([some, all], long), ["questions/q002/", "questions/q001/"]);
});

test("the glossary's plain names and search words in a query are searched with the terms they name", () => {
  const synonyms = { "off-rolling": ["Children missing education"], "toxic trio": ["Domestic violence", "Hidden Harm"],
    "not going to school": ["Children missing education"] };
  assert.deepEqual(sq.meanings("Off-rolling in academies", {}, synonyms), { "off-rolling": ["Children missing education"] });
  assert.deepEqual(sq.meanings("toxic trio", {}, synonyms), { "toxic trio": ["Domestic violence", "Hidden Harm"] });
  assert.deepEqual(sq.meanings("kids not going to school", {}, synonyms),
    { "not going to school": ["Children missing education"] });
  assert.deepEqual(sq.meanings("trio", {}, synonyms), {}, "whole names only");
  assert.equal(sq.expand("toxic trio", sq.meanings("toxic trio", {}, synonyms)), "toxic trio Domestic violence Hidden Harm");
  const found = sq.meanings("off-rolling", {}, synonyms);
  const named = [item("questions/q120/", "Area: Children missing education.",
    { off: false, rolling: false, children: true, missing: true, education: true })];
  const other = [item("questions/q001/", "children", { off: false, rolling: false, children: true, missing: false, education: false })];
  assert.deepEqual(order([other, named], "off-rolling", found), ["questions/q120/", "questions/q001/"]);
});

test("a query that finds nothing is tried again allowing one letter wrong in its longer words", async () => {
  assert.equal(sq.nearSpellings("neglet in teens"), "neglet~1 teens~1");
  assert.equal(sq.nearSpellings("DA"), "");
  const made = [];
  class FakeWorker extends EventTarget {
    constructor() { super(); this.sent = []; made.push(this); }
    postMessage(message) { this.sent.push(message); }
    terminate() {}
  }
  const worker = new (sq.wrap(FakeWorker))("assets/javascripts/workers/search.js");
  const inner = made[0];
  const answers = [];
  worker.addEventListener("message", (ev) => answers.push(ev.data));
  worker.postMessage({ type: 2, data: "neglet" });
  inner.dispatchEvent(new MessageEvent("message", { data: { type: 3, data: { items: [] } } }));
  assert.deepEqual(inner.sent[1], { type: 2, data: "neglet~1" });
  assert.equal(answers.length, 0, "the empty answer is not shown while the second search runs");
  inner.dispatchEvent(new MessageEvent("message", { data: { type: 3, data: { items: [[item("questions/q105/", "neglect", { "neglet~1": true })]] } } }));
  assert.equal(answers.length, 1);
  assert.equal(answers[0].data.items[0][0].location, "questions/q105/");
});

test("a result shows its question without the list of names its terms go by, and retired questions come last", () => {
  assert.equal(sq.shown("<p>Area: Neglect. For: Councillors. Terms: <mark>Neglect;</mark> DA; A&amp;E.</p> <p>Last asked</p>"),
    "<p>Area: Neglect. For: Councillors.</p> <p>Last asked</p>");
  const retired = [item("questions/q184/", "<p>Retired question. Area: Domestic violence. Terms: <mark>MARAC;</mark> DA.</p>", { marac: true })];
  const current = [item("questions/q183/", "MARAC", { marac: true })];
  assert.deepEqual(order([retired, current], "MARAC"), ["questions/q183/", "questions/q184/"]);
});

test("a result lists as missing only words the reader typed, and a word found through its meaning as found", () => {
  const found = { "off-rolling": ["Children missing education"] };
  const group = [item("questions/q120/", "Area: Children missing education.",
    { off: false, rolling: false, children: true, missing: true, education: true })];
  const [ranked] = sq.rerank([group], "off-rolling", found);
  assert.deepEqual(ranked[0].terms, { off: true, rolling: true });
});

test("a query's curly apostrophes and other marks are read as search_help.py keys the names", () => {
  const synonyms = { "children's services care": ["Children's social care"] };
  assert.deepEqual(sq.meanings("Children\u2019s services / care?", {}, synonyms),
    { "children's services care": ["Children's social care"] });
});
