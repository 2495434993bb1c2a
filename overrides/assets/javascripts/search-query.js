/* The site's search, read the way people ask. Material runs lunr in a worker; this stands between the
 * page and that worker (both the real one and file-worker.js's stand-in in the offline copy), so that
 *
 * - an abbreviation of the glossary, written as the glossary writes it ("CSE"), is searched with what it
 *   stands for ("child sexual exploitation"), so the questions using either are found;
 * - a query is written the way the index holds text: the index keeps the pages' HTML escapes, so
 *   "A&E" is stored as "A&amp;E", and "A and E" or "A & E" (letters joined by "and" or "&") are the
 *   same abbreviation said aloud;
 * - results come back in the order a reader expects: those holding every word of the query before
 *   those holding some, then those holding its words in the order typed (the longest run of them),
 *   then question pages before the pages that list questions, and lunr's own order after that;
 * - a phrase in quotation marks matches as a phrase, its words in order: results without it are
 *   dropped, unless none has it.
 *
 * A classic script, loaded in <head> after file-worker.js and before Material's own script, which
 * creates its worker when it starts. Only the search worker is wrapped. The rules are plain
 * functions on window.ScrutinyPacksSearchQuery, so tests/js can check them without a browser. */
(function (root) {
  "use strict";

  // Material's messages are told apart by what they carry, never by their type numbers, which an update
  // of Material may change: a query is the only one whose data is text, a result the only one whose data
  // holds a list of items.
  function isQuery(message) { return !!message && typeof message.data === "string"; }
  function isResult(message) { return !!message && !!message.data && Array.isArray(message.data.items); }
  // Re-ranking reads this much of a query at most: a question is far shorter, and a pasted page of text
  // would otherwise hold the page's main thread while every word is compared with every result.
  var RERANK_QUERY_LENGTH = 200;

  // "A and E", "A & E", "A&E" -> "A&amp;E"; any other "&", "<" or ">" escaped as the index holds it.
  // Quotation marks are taken off: Material would make each word of a quoted phrase required, and a
  // required stop word ("in" of "children in need") matches no page at all. rerank keeps the phrase.
  function rewrite(query) {
    return query
      .replace(/"/g, " ")
      .replace(/(^|[^A-Za-z0-9&;])([A-Za-z])\s*(?:&|\s\band\b\s)\s*([A-Za-z])(?![A-Za-z0-9])/g, "$1$2&$3")
      .replace(/&(?!amp;|lt;|gt;)/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;");
  }

  // What each abbreviation in the query, written as the glossary writes it, stands for, unless the
  // query says it already. abbreviations: {"CSE": "Child sexual exploitation"}, from search-help-data.js.
  function meanings(query, abbreviations) {
    var found = {};
    query.split(/[\s"]+/).forEach(function (word) {
      var bare = word.replace(/^[^A-Za-z0-9&]+|[^A-Za-z0-9&]+$/g, "");
      if (abbreviations && Object.prototype.hasOwnProperty.call(abbreviations, bare) &&
          query.toLowerCase().indexOf(abbreviations[bare].toLowerCase()) < 0) found[bare] = abbreviations[bare];
    });
    return found;
  }

  // The query with those meanings added, so lunr finds the pages using either.
  function expand(query, found) {
    var extra = [];
    Object.keys(found || {}).forEach(function (k) { if (extra.indexOf(found[k]) < 0) extra.push(found[k]); });
    return extra.length ? query + " " + extra.join(" ") : query;
  }

  // Words as search compares them: lower case, markup and punctuation gone, "&amp;" as "&".
  function words(text) {
    return String(text).toLowerCase()
      .replace(/<[^>]*>/g, " ")
      .replace(/&amp;/g, "&")
      .split(/[^a-z0-9&']+/)
      .map(function (w) { return w.replace(/^'+|'+$/g, ""); })
      .filter(Boolean);
  }

  // The longest run of the query's words found one after another in the text (each word as a prefix,
  // as Material's search matches a word: "review" finds "reviews"). One pass over the text, keeping for
  // each query word the length of the run ending on it, so the work grows with text x query words.
  function longestRun(queryWords, textWords) {
    var best = 0, previous = new Array(queryWords.length + 1).fill(0), current;
    for (var i = 0; i < textWords.length; i++) {
      current = new Array(queryWords.length + 1).fill(0);
      for (var j = 0; j < queryWords.length; j++) {
        if (textWords[i].indexOf(queryWords[j]) === 0) {
          current[j + 1] = previous[j] + 1;
          if (current[j + 1] > best) best = current[j + 1];
        }
      }
      previous = current;
    }
    return best;
  }

  function phrases(query) {
    var found = [], re = /"([^"]+)"/g, m;
    while ((m = re.exec(query))) found.push(words(rewrite(m[1])));
    return found.filter(function (p) { return p.length > 1; });
  }

  // Share of the query's words (lunr's stop words left aside) that one part of the result holds: a page's
  // section, or a question with its area and terms. A long page holding each word somewhere is not a match.
  // An abbreviation counts as held when the part holds it or every word of what it stands for
  // (alternatives: {"cse": ["child", "sexual", "exploitation"]}); those words are not the query's own.
  function coverage(item, alternatives) {
    var terms = item.terms || {}, added = {};
    Object.keys(alternatives).forEach(function (a) { alternatives[a].forEach(function (w) { added[w] = true; }); });
    var own = Object.keys(terms).filter(function (t) { return !added[t] || alternatives[t]; });
    var held = own.filter(function (t) {
      return terms[t] || (alternatives[t] && alternatives[t].every(function (w) { return !(w in terms) || terms[w]; }));
    });
    return own.length ? held.length / own.length : 0;
  }

  function isQuestion(group) {
    return /(^|\/)questions\/[^/]+\/?(\.html)?([#?]|$)/.test(group[0] ? group[0].location : "");
  }

  // groups: Material's results, each a page's sections, best first; query: as typed; found: its meanings.
  function rerank(groups, query, found) {
    query = String(query).slice(0, RERANK_QUERY_LENGTH);
    var queryWords = words(rewrite(query));
    var alternatives = {};
    Object.keys(found || {}).forEach(function (abbr) {
      alternatives[rewrite(abbr).trim().toLowerCase()] = rewrite(found[abbr]).trim().toLowerCase().split(/\s+/);
    });
    var wanted = phrases(query);
    var ranked = groups.map(function (group, place) {
      var best = { coverage: 0, run: 0, phrases: false };
      group.forEach(function (item) {
        var textWords = words(item.title + " " + item.text);
        best.coverage = Math.max(best.coverage, coverage(item, alternatives));
        if (queryWords.length > 1) best.run = Math.max(best.run, longestRun(queryWords, textWords));
        best.phrases = best.phrases || wanted.every(function (p) { return longestRun(p, textWords) === p.length; });
      });
      best.group = group;
      best.place = place;
      best.question = isQuestion(group) ? 1 : 0;
      return best;
    });
    if (wanted.length && ranked.some(function (r) { return r.phrases; })) {
      ranked = ranked.filter(function (r) { return r.phrases; });
    }
    ranked.sort(function (a, b) {
      return (b.coverage - a.coverage) || (b.question - a.question) || (b.run - a.run) || (a.place - b.place);
    });
    return ranked.map(function (r) { return r.group; });
  }

  var api = { meanings: meanings, expand: expand, rewrite: rewrite, words: words, longestRun: longestRun, rerank: rerank, wrap: wrap };
  root.ScrutinyPacksSearchQuery = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (typeof root.Worker === "function" && typeof EventTarget === "function") root.Worker = wrap(root.Worker);

  // A Worker constructor like Inner whose search worker (its script's address names search) is read
  // through rewrite and rerank; any other worker is Inner's own.
  function wrap(Inner) {
    return function SearchWorker(url, options) {
      var worker = new Inner(url, options);
      if (!/search/.test(String(url))) return worker;
      var target = new EventTarget();
      var asked = []; // the queries sent, oldest first: the worker answers each in turn
      var self = {
        onmessage: null,
        addEventListener: target.addEventListener.bind(target),
        removeEventListener: target.removeEventListener.bind(target),
        dispatchEvent: target.dispatchEvent.bind(target),
        terminate: function () { worker.terminate(); },
        postMessage: function (message) {
          if (isQuery(message)) {
            var help = root.ScrutinyPacksSearchHelp;
            var found = meanings(message.data, help && help.abbreviations);
            asked.push({ query: message.data, found: found });
            message = { type: message.type, data: rewrite(expand(message.data, found)) };
          }
          worker.postMessage(message);
        }
      };
      worker.addEventListener("message", function (ev) {
        var data = ev.data;
        if (isResult(data) && asked.length) {
          var sent = asked.shift();
          var copy = {};
          Object.keys(data.data).forEach(function (key) { copy[key] = data.data[key]; });
          copy.items = rerank(data.data.items, sent.query, sent.found);
          data = { type: data.type, data: copy };
        }
        var event = new MessageEvent("message", { data: data });
        if (typeof self.onmessage === "function") self.onmessage(event);
        target.dispatchEvent(event);
      });
      worker.addEventListener("error", function () { target.dispatchEvent(new Event("error")); });
      return self;
    };
  }
})(typeof window !== "undefined" ? window : globalThis);
