// MiniSearch on the site's own search documents, for comparison with the site's search (lunr in
// Material's worker, with assets/javascripts/search-query.js). Run by benchmarks/search_engines.py:
//
//   node benchmarks/search_engines.mjs SITE_DIR QUERIES_JSON
//
// SITE_DIR is a built site (its search/search_index.json holds the documents lunr indexes, and
// assets/javascripts/search-help-data.js the glossary's abbreviations); QUERIES_JSON a list of
// {query, answers}. It indexes the same documents, expands each abbreviation with what it stands for
// as the site's search does, and prints one line of JSON: success@5, MRR, the serialised index's size
// (raw and gzipped, as it would ship) and the time to load that index and answer a first query.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

const require = createRequire(import.meta.url);
const MiniSearch = require("minisearch");

const [site, queriesFile] = process.argv.slice(2);
const index = JSON.parse(readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
const sandbox = { window: {} };
vm.runInNewContext(readFileSync(path.join(site, "assets/javascripts/search-help-data.js"), "utf8"), sandbox);
const help = sandbox.window.ScrutinyPacksSearchHelp || {};
const queries = JSON.parse(readFileSync(queriesFile, "utf8"));
const sq = require(path.resolve(path.dirname(new URL(import.meta.url).pathname), "../overrides/assets/javascripts/search-query.js"));

const TOP = 5;
const QUESTION = /(?:^|\/)questions\/([a-z0-9-]+)\/(?:[?#]|$)/;
const page = (location) => location.split("#", 1)[0];
const strip = (html) => String(html).replace(/<[^>]*>/g, " ").replace(/&amp;/g, "&");

const docs = index.docs.map((d, id) => ({ id, location: d.location, title: strip(d.title), text: strip(d.text) }));
const options = {
  fields: ["title", "text"],
  storeFields: ["location"],
  searchOptions: {
    boost: { title: 2 },
    prefix: true,
    fuzzy: (term) => (term.length > 4 ? 0.2 : 0),
    combineWith: "OR",
    boostDocument: (id, term, stored) => (QUESTION.test(stored.location) ? 1.5 : 1),
  },
};
const engine = new MiniSearch(options);
engine.addAll(docs);
const shipped = JSON.stringify(engine);

function search(ms, query) {
  const found = sq.meanings(query, help.abbreviations, help.synonyms);
  const hits = ms.search(sq.expand(query.replace(/"/g, " "), found));
  const pages = [];
  for (const hit of hits) {
    const p = page(hit.location);
    if (!pages.includes(p)) pages.push(p);
  }
  return pages;
}

const started = process.hrtime.bigint();
const loaded = MiniSearch.loadJSON(shipped, options);
search(loaded, "domestic abuse");
const firstResultMs = Number(process.hrtime.bigint() - started) / 1e6;

let success = 0, rr = 0;
const misses = [];
for (const q of queries) {
  const pages = search(loaded, q.query);
  let rank = 0;
  pages.some((p, i) => { const m = QUESTION.exec(p + "/".repeat(p.endsWith("/") ? 0 : 1)); if (m && q.answers.includes(m[1])) { rank = i + 1; return true; } return false; });
  if (rank && rank <= TOP) success += 1; else misses.push(`${q.query}: rank ${rank || "-"}; top: ${pages.slice(0, TOP).join(", ")}`);
  if (rank) rr += 1 / rank;
}
const lunrIndex = readFileSync(path.join(site, "search", "search_index.json"));
console.log(JSON.stringify({
  engine: "minisearch " + JSON.parse(readFileSync(new URL("../node_modules/minisearch/package.json", import.meta.url), "utf8")).version,
  queries: queries.length,
  success_at_5: success / queries.length,
  mrr: rr / queries.length,
  index_bytes: Buffer.byteLength(shipped),
  index_gzip_bytes: gzipSync(shipped).length,
  lunr_index_bytes: lunrIndex.length,
  lunr_index_gzip_bytes: gzipSync(lunrIndex).length,
  first_result_ms: firstResultMs,
  misses,
}));
