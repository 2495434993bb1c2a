// Where My pack keeps the pack (overrides/assets/javascripts/my-pack/storage.js).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const storage = require("../../overrides/assets/javascripts/my-pack/storage.js");
const link = require("../../overrides/assets/javascripts/my-pack/link.js");

const rules = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "mypack-links", "cases.json"), "utf8")).rules;

function memoryBackend() {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => { items.set(key, String(value)); },
    removeItem: (key) => { items.delete(key); }
  };
}

function pack(ids, more) {
  return Object.assign(link.emptyPack(), { questions: ids }, more || {});
}

test("the pack is kept in the link's own format", () => {
  const backend = memoryBackend();
  const store = storage.open(backend, rules);
  assert.equal(store.works, true);
  assert.deepEqual(store.load(), link.emptyPack(), "nothing kept yet: an empty pack");
  store.save(pack(["q014", "q001"], { framing: "we", title: "Item six" }));
  assert.equal(backend.items.get(storage.KEY), "ids=q014,q001&f=we&title=Item%20six");
  assert.deepEqual(store.load(), pack(["q014", "q001"], { framing: "we", title: "Item six" }));
  assert.deepEqual([...backend.items.keys()], [storage.KEY], "the probe leaves nothing behind");
});

test("a kept pack is read as a link is, so a damaged one cannot break the page", () => {
  const backend = memoryBackend();
  backend.setItem(storage.KEY, "ids=q001,<x>,q001&f=they&opts=zz");
  assert.deepEqual(storage.open(backend, rules).load(), pack(["q001"], {
    options: { benchmarks: false, evidence: false, notes_space: false, rag: false } }));
});

test("the earlier pack a link replaced is kept apart, and can be let go", () => {
  const store = storage.open(memoryBackend(), rules);
  store.keepPrevious("ids=q010");
  assert.equal(store.readPrevious(), "ids=q010");
  store.keepPrevious(null);
  assert.equal(store.readPrevious(), null);
});

test("without storage the pack lives in memory, and says so", () => {
  const refusing = { getItem() { throw new Error("denied"); }, setItem() { throw new Error("denied"); },
    removeItem() { throw new Error("denied"); } };
  for (const backend of [null, refusing]) {
    const store = storage.open(backend, rules);
    assert.equal(store.works, false);
    store.save(pack(["q001"]));
    assert.deepEqual(store.load().questions, ["q001"]);
  }
});

test("a full storage keeps the latest pack in memory", () => {
  const backend = memoryBackend();
  const store = storage.open(backend, rules);
  store.save(pack(["q001"]));
  backend.setItem = () => { throw new Error("QuotaExceededError"); };
  store.save(pack(["q001", "q002"]));
  assert.deepEqual(store.load().questions, ["q001", "q002"]);
});

test("a kept pack is untrusted input: what cannot be used is said, set aside as it was, and the rest kept", () => {
  const backend = memoryBackend();
  const damaged = "ids=q001,<x>,q001&f=they&date=2027-02-29";
  backend.setItem(storage.KEY, damaged);
  const result = storage.open(backend, rules).inspect();
  assert.deepEqual(result.pack.questions, ["q001"]);
  assert.deepEqual(result.notices.map((n) => [n.kind, n.field]),
    [["invalid", "ids"], ["repeated", "ids"], ["invalid", "f"], ["invalid", "date"]]);
  assert.equal(backend.items.get(storage.SET_ASIDE_KEY), damaged, "set aside, not lost");
  assert.equal(backend.items.get(storage.KEY), "ids=q001", "the repaired pack is kept in its place");
  assert.deepEqual(storage.open(backend, rules).inspect().notices, [], "and read cleanly next time");
});

test("a kept pack that is fine is read without a word and nothing is set aside", () => {
  const backend = memoryBackend();
  backend.setItem(storage.KEY, "ids=q001,q002&f=we");
  const result = storage.open(backend, rules).inspect();
  assert.deepEqual(result.notices, []);
  assert.equal(backend.items.has(storage.SET_ASIDE_KEY), false);
  assert.deepEqual(storage.open(memoryBackend(), rules).inspect(), { pack: link.emptyPack(), notices: [] });
});

// -- named packs: one per agenda item, the one shown kept where every page's buttons read it

test("a pack kept before packs had names is the first named pack, unchanged", () => {
  const backend = memoryBackend();
  backend.setItem(storage.KEY, "ids=q014,q001&f=we&title=Item%20six");
  const store = storage.open(backend, rules);
  assert.deepEqual(store.packs(), { active: 0, names: ["Pack 1"], notices: [] });
  assert.equal(backend.items.get(storage.KEY), "ids=q014,q001&f=we&title=Item%20six");
  assert.equal(store.addPack("Item 7: domestic abuse"), true);
  assert.deepEqual(store.load(), link.emptyPack(), "the new pack is shown, empty");
  store.save(pack(["q017"]));
  assert.deepEqual(store.packs().names, ["Pack 1", "Item 7: domestic abuse"]);
  assert.equal(store.packs().active, 1);
  assert.equal(store.switchTo(0), true);
  assert.deepEqual(store.load(), pack(["q014", "q001"], { framing: "we", title: "Item six" }), "nothing lost");
  assert.equal(store.switchTo(1), true);
  assert.deepEqual(store.load().questions, ["q017"]);
  assert.equal(store.switchTo(5), false);
});

test("renaming and deleting packs keeps the others as they were", () => {
  const store = storage.open(memoryBackend(), rules);
  store.save(pack(["q001"]));
  store.addPack("Second");
  store.save(pack(["q002"]));
  store.addPack("Third");
  store.save(pack(["q003"]));
  store.renamePack(0, "  First \n pack ");
  assert.deepEqual(store.packs().names, ["First pack", "Second", "Third"]);
  store.removePack(2);  // the one shown: its neighbour is shown instead
  assert.deepEqual(store.packs(), { active: 1, names: ["First pack", "Second"], notices: [] });
  assert.deepEqual(store.load().questions, ["q002"]);
  store.removePack(0);
  assert.deepEqual(store.packs(), { active: 0, names: ["Second"], notices: [] });
  assert.deepEqual(store.load().questions, ["q002"]);
  store.removePack(0);  // the last pack is emptied, not removed
  assert.deepEqual(store.packs().names, ["Pack 1"]);
  assert.deepEqual(store.load(), link.emptyPack());
});

test("a damaged list of packs is set aside and the pack shown is kept", () => {
  for (const damaged of ["{not json", "[]", '{"active":3,"packs":[{"name":"x"}]}', '{"active":0,"packs":[null]}',
    JSON.stringify({ active: 0, packs: new Array(40).fill({ name: "x" }) })]) {
    const backend = memoryBackend();
    backend.setItem(storage.KEY, "ids=q001");
    backend.setItem(storage.PACKS_KEY, damaged);
    const store = storage.open(backend, rules);
    const packs = store.packs();
    assert.deepEqual(packs.names, ["Pack 1"], damaged);
    assert.equal(packs.notices.length, 1, damaged);
    assert.equal(backend.items.get(storage.PACKS_SET_ASIDE_KEY), damaged);
    assert.deepEqual(store.load().questions, ["q001"], damaged);
  }
});

test("a named pack's odd name or contents are repaired, and said", () => {
  const backend = memoryBackend();
  backend.setItem(storage.PACKS_KEY, JSON.stringify({ active: 0, packs: [{ name: "A" }, { name: 7, stored: { x: 1 } },
    { name: "x".repeat(200), stored: "ids=q001,<script>" }] }));
  const store = storage.open(backend, rules);
  const packs = store.packs();
  assert.deepEqual(packs.names, ["A", "Pack 2", "x".repeat(80)]);
  assert.equal(packs.notices.length, 3);
  store.switchTo(1);
  assert.deepEqual(store.load(), link.emptyPack());
  store.switchTo(2);
  const read = store.inspect();
  assert.deepEqual(read.pack.questions, ["q001"], "a stored pack is read as a link is");
  assert.ok(read.notices.length >= 1);
});
