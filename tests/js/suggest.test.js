// The Plan a meeting page's suggestions (overrides/assets/javascripts/plan/suggest.js) against what
// Python ranks (tests/fixtures/suggest/golden.json, written from packs/suggest.py by
// tests/packs/test_suggest_parity.py): the same data, the same questions, in the same order.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const suggest = require("../../overrides/assets/javascripts/plan/suggest.js");

const golden = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "suggest", "golden.json"), "utf8"));
const idx = suggest.index(golden.data);

for (const c of golden.cases) {
  test(`same suggestions as Python: ${JSON.stringify(c.text).slice(0, 60)} for ${c.audience || "anyone"}`, () => {
    const ranked = suggest.rank(idx, c.text, c.audience, golden.n);
    assert.deepEqual(ranked.map((r) => r.id), c.ranked.map((r) => r.id));
    ranked.forEach((r, i) => assert.ok(Math.abs(r.score - c.ranked[i].score) < 1e-9, `${r.id}: ${r.score} vs ${c.ranked[i].score}`));
  });
}

test("an abbreviation is a term only as written; other forms in any case", () => {
  const uses = (text) => suggest.uses(idx, text).map((u) => u.term);
  assert.ok(uses("The MASH").length >= 1);
  assert.deepEqual(uses("a mash of things").filter((t) => t === "mash"), []);
  assert.ok(uses("EARLY HELP offer").length >= 1);
});

test("plurals and verb forms meet their stem, as Python's stem does", () => {
  assert.equal(suggest.stem("referrals"), "referral");
  assert.equal(suggest.stem("families"), "family");
  assert.equal(suggest.stem("planning"), "plann");
  assert.equal(suggest.stem("process"), "process");
});
