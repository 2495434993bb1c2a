/* Plan a meeting: the questions that fit an agenda item, ranked in the browser as
 * `scrutiny-packs suggest` ranks them (src/scrutiny_packs/packs/suggest.py).
 *
 * Python owns the rule and hands over everything it decides (Suggester.browser_data): the words
 * left out, the glossary's forms longest first, each term's related tokens, and each question's
 * weighted tokens with the index's idf and lengths. This file repeats only the arithmetic: the same
 * words, the same uses of a term, the same weights, the same BM25 sum in the same order, so that
 * tests/js/suggest.test.js finds Python's ranking for every title in tests/fixtures/suggest/.
 *
 * index(data) compiles the data once; rank(idx, text, audience, n) answers any title.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var has = Object.prototype.hasOwnProperty;
  var WORD = "A-Za-z0-9";
  var APOSTROPHES = "'\u2019";

  // A word's stem, enough to meet its plural or verb form: 'referrals' -> 'referral' (suggest.stem).
  function stem(word) {
    if (word.length > 4 && /ies$/.test(word)) return word.slice(0, -3) + "y";
    if (word.length > 3 && /s$/.test(word) && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);
    var suffixes = ["ing", "ed"];
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = suffixes[i];
      if (word.length > suffix.length + 3 && word.slice(-suffix.length) === suffix) return word.slice(0, -suffix.length);
    }
    return word;
  }

  // The text's words, lower-cased, stemmed, without the words every agenda uses (suggest.words).
  function words(text, stopwords) {
    var lowered = text.replace(/\u2019/g, "'").toLowerCase().split("'s").join("");
    return (lowered.match(/[a-z0-9]+/g) || []).filter(function (w) {
      return !has.call(stopwords, w) && w.length > 1;
    }).map(stem);
  }

  function escapeChar(ch) {
    return /[.*+?^${}()|[\]\\\/-]/.test(ch) ? "\\" + ch : ch;
  }

  // One form as a pattern (glossary._pattern): an abbreviation as written, any other form in either case.
  function pattern(form, abbreviation) {
    return form.split(" ").map(function (word) {
      return Array.from(word).map(function (ch) {
        if (APOSTROPHES.indexOf(ch) >= 0) return "['\u2019]";
        var lower = ch.toLowerCase(), upper = ch.toUpperCase();
        if (abbreviation || lower === upper) return escapeChar(ch);
        return "[" + escapeChar(lower) + escapeChar(upper) + "]";
      }).join("");
    }).join("\\s+");
  }

  function index(data) {
    var stopwords = {};
    data.stopwords.forEach(function (w) { stopwords[w] = true; });
    var alternatives = data.forms.map(function (f) { return "(" + pattern(f[0], f[2]) + ")"; });
    var regex = alternatives.length
      ? new RegExp("(?<![" + WORD + "])(?:" + alternatives.join("|") + ")(?![" + WORD + "])", "g")
      : null;
    return { data: data, stopwords: stopwords, regex: regex };
  }

  // Every use of a term in the text, in order, none overlapping: [{text, term}] (Glossary.uses).
  function uses(idx, text) {
    var out = [];
    if (!idx.regex) return out;
    var re = new RegExp(idx.regex.source, "g");
    var m;
    while ((m = re.exec(text)) !== null) {
      for (var i = 1; i < m.length; i++) {
        if (m[i] !== undefined) { out.push({ text: m[0], term: idx.data.forms[i - 1][1] }); break; }
      }
      if (m[0] === "") re.lastIndex++;
    }
    return out;
  }

  // A Map of the text's tokens to their counts, in the order Python's Counter holds them.
  function tokens(idx, text) {
    var out = new Map();
    function add(token) { out.set(token, (out.get(token) || 0) + 1); }
    words(text, idx.stopwords).forEach(add);
    uses(idx, text).forEach(function (use) { add(idx.data.concept + use.term); });
    return out;
  }

  // What an item's words ask for, and how much each counts (Suggester.query_weights), as a Map.
  function queryWeights(idx, text) {
    var d = idx.data;
    var weights = new Map();
    var inside = {};
    uses(idx, text).forEach(function (use) {
      words(use.text, idx.stopwords).forEach(function (w) { inside[w] = true; });
    });
    tokens(idx, text).forEach(function (count, token) {
      if (token.indexOf(d.concept) === 0) weights.set(token, d.queryConceptWeight);
      else weights.set(token, has.call(inside, token) ? d.inTermWeight : 1.0);
    });
    Array.from(weights.keys()).forEach(function (token) {
      if (token.indexOf(d.concept) !== 0) return;
      var id = token.slice(d.concept.length);
      (has.call(d.related, id) ? d.related[id] : []).forEach(function (extra) {
        if (!weights.has(extra)) weights.set(extra, d.relatedWeight);
      });
    });
    return weights;
  }

  // The n questions that best fit the text (for the audience, if given), best first: [{id, score, matched}].
  function rank(idx, text, audience, n) {
    var d = idx.data;
    var weights = queryWeights(idx, text);
    var scored = [];
    d.docs.forEach(function (doc, position) {
      if (audience && doc.audiences.indexOf(audience) < 0) return;
      var score = 0, matched = [];
      var norm = d.k1 * (1 - d.b + d.b * doc.length / d.average);
      weights.forEach(function (weight, token) {
        var f = has.call(doc.tf, token) ? doc.tf[token] : 0;
        if (!f) return;
        score += weight * d.idf[token] * f * (d.k1 + 1) / (f + norm);
        matched.push(token);
      });
      if (score > 0) scored.push({ id: doc.id, score: score, matched: matched, position: position });
    });
    scored.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return scored.slice(0, Math.max(n, 0)).map(function (s) { return { id: s.id, score: s.score, matched: s.matched }; });
  }

  var api = { stem: stem, words: words, index: index, uses: uses, tokens: tokens, queryWeights: queryWeights, rank: rank };

  SP.suggest = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
