// The My pack link format (overrides/assets/javascripts/my-pack/link.js) against the cases
// tests/packs/test_link_cases.py holds the Python side to: both read every link alike.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const link = require("../../overrides/assets/javascripts/my-pack/link.js");

const CASES = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "mypack-links", "cases.json"), "utf8"));
const rules = CASES.rules;

function expectedPack(c) {
  const want = Object.assign({}, CASES.defaults, c.pack);
  want.options = Object.assign({}, CASES.defaults.options, c.pack.options || {});
  return want;
}

function said(notices) {
  return notices.map((n) => [n.kind, n.field, n.value]);
}

for (const c of CASES.links) {
  test(`link: ${c.name}`, () => {
    const read = link.decode(link.queryOf(c.link, rules), rules);
    assert.deepEqual(read.pack, expectedPack(c));
    assert.deepEqual(said(read.notices), c.notices.map((n) => [n.kind, n.field, n.value]));
    if ("encoded" in c) {
      assert.equal(link.encode(read.pack), c.encoded);
      assert.deepEqual(link.decode(c.encoded, rules), { pack: read.pack, notices: [] });
    }
  });
}

for (const c of CASES.checks.cases) {
  test(`check: ${c.name}`, () => {
    const pack = Object.assign(link.emptyPack(), { questions: c.questions.slice() });
    const before = JSON.stringify(pack);
    const checked = link.check(pack, CASES.checks.bank);
    assert.deepEqual(checked.pack.questions, c.kept);
    assert.deepEqual(said(checked.notices), c.notices.map((n) => [n.kind, n.field, n.value]));
    checked.notices.forEach((n, i) => assert.equal(n.replacedBy, c.notices[i].replacedBy));
    assert.equal(JSON.stringify(pack), before, "the pack checked is left as it was");
  });
}

test("a link is told from an address without one", () => {
  assert.equal(link.hasLink("?ids=q001", rules), true);
  assert.equal(link.hasLink("?f=we", rules), true);
  assert.equal(link.hasLink("", rules), false);
  assert.equal(link.hasLink("?q=search&h=word", rules), false, "the theme's search parameters are not a pack");
});

// A small random generator, so that the round trip is tried on more than the cases.
function randomPacks(count, seed) {
  let state = seed;
  const next = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const pick = (items) => items[Math.floor(next() * items.length)];
  const pieces = ["a", "Z", " ", "&", "=", ",", "%", "+", "#", "?", "é", "🙂", "\u2019", "'", "(", "\t", "é\u0301", "中"];
  const text = () => {
    let out = "";
    const size = Math.floor(next() * 30);
    for (let i = 0; i < size; i += 1) out += pick(pieces);
    return link.textField(out, rules).text;
  };
  const packs = [];
  for (let n = 0; n < count; n += 1) {
    const ids = [];
    const size = Math.floor(next() * 6);
    for (let i = 0; i < size; i += 1) {
      const id = "q" + Math.floor(next() * 1000) + pick(["", "-a", "b"]);
      if (ids.indexOf(id) === -1) ids.push(id);
    }
    packs.push({
      questions: ids, framing: pick(["you", "we"]), body: text(), meeting: text(),
      date: pick(["", "2026-03-04", "1999-12-31", "0001-01-01"]), item: text(), title: text(),
      options: { benchmarks: next() < 0.5, evidence: next() < 0.5, notes_space: next() < 0.5, rag: next() < 0.5 }
    });
  }
  return packs;
}

test("any pack reads back from its link as itself", () => {
  for (const pack of randomPacks(500, 7)) {
    const query = link.encode(pack);
    assert.deepEqual(link.decode(query, rules), { pack, notices: [] }, query);
    assert.deepEqual(link.decode(link.queryOf("https://example.org/my-pack/?" + query + "#top", rules), rules).pack, pack);
  }
});

test("a meeting field is kept to the limit in characters, never splitting one", () => {
  const read = link.textField("🙂".repeat(250), rules);
  assert.equal(read.shortened, true);
  assert.equal(Array.from(read.text).length, rules.maxText);
  assert.doesNotThrow(() => encodeURIComponent(read.text));
});
