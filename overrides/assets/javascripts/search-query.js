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

  // What each abbreviation in the query, written as the glossary writes it, stands for, and what each of
  // the glossary's plain names and search words in it names (in any case, as whole words), unless the
  // query says it already. abbreviations: {"CSE": "Child sexual exploitation"}; synonyms:
  // {"off-rolling": ["Children missing education"]}; both from search-help-data.js (the build writes them
  // from the glossary, src/scrutiny_packs/site/search_help.py). Returns {"CSE": ["Child sexual exploitation"]}.
  function meanings(query, abbreviations, synonyms) {
    var found = {}, lower = query.toLowerCase();
    function add(key, said) {
      said = [].concat(said).filter(function (m) { return lower.indexOf(m.toLowerCase()) < 0; });
      if (said.length) found[key] = (found[key] || []).concat(said.filter(function (m) { return (found[key] || []).indexOf(m) < 0; }));
    }
    query.split(/[\s"]+/).forEach(function (word) {
      var bare = word.replace(/^[^A-Za-z0-9&]+|[^A-Za-z0-9&]+$/g, "");
      if (abbreviations && Object.prototype.hasOwnProperty.call(abbreviations, bare)) add(bare, abbreviations[bare]);
    });
    // As site/search_help.py's plain_words keys the names: curly apostrophes straight, the rest a space.
    var plain = " " + lower.replace(/\u2019/g, "'").replace(/[^a-z0-9&'\-]+/g, " ").split(/\s+/).join(" ") + " ";
    Object.keys(synonyms || {}).forEach(function (name) {
      if (plain.indexOf(" " + name + " ") >= 0) add(name, synonyms[name]);
    });
    return found;
  }

  // The query with those meanings added, so lunr finds the pages using either.
  function expand(query, found) {
    var extra = [];
    Object.keys(found || {}).forEach(function (k) {
      [].concat(found[k]).forEach(function (m) { if (extra.indexOf(m) < 0) extra.push(m); });
    });
    return extra.length ? query + " " + extra.join(" ") : query;
  }

  // A query's words of five letters or more, each allowed one letter wrong ("neglet" finds "neglect"): what
  // is searched when the query as typed finds nothing. "" when there is no such word.
  function nearSpellings(query) {
    var near = rewrite(query).split(/[\s\-]+/).filter(function (w) { return /^[A-Za-z]{5,}$/.test(w); });
    return near.length ? near.map(function (w) { return w + "~1"; }).join(" ") : "";
  }

  // A result's text as a reader sees it: the names a question's terms go by are there for search only.
  function shown(text) {
    return String(text).replace(/\s*Terms: [\s\S]*?(?=<\/p>|$)/, "");
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
  // (alternatives: {"cse": [["child", "sexual", "exploitation"]]}, one list for each meaning); those words
  // are not the query's own.
  // A word that no result holds at all ("kids", where the pages say "children") tells the results apart
  // in nothing: when anywhere is given (the words some result holds), only those words count.
  // added: the words of the meanings ({"child": true, ...}), which are not the query's own.
  function heldWords(item, alternatives, added) {
    var terms = item.terms || {};
    var own = Object.keys(terms).filter(function (t) { return !added[t] || alternatives[t]; });
    var held = own.filter(function (t) {
      return terms[t] || (alternatives[t] && alternatives[t].some(function (list) {
        return list.every(function (w) { return !(w in terms) || terms[w]; });
      }));
    });
    return { own: own, held: held };
  }

  function coverage(found, anywhere) {
    var own = anywhere ? found.own.filter(function (t) { return anywhere[t]; }) : found.own;
    var held = anywhere ? found.held.filter(function (t) { return anywhere[t]; }) : found.held;
    return own.length ? held.length / own.length : 0;
  }

  // The words of a result Material lists as found or "Missing": the query's own, a word found through its
  // glossary meaning counted as found, and the meaning's words, which the reader did not type, left out.
  function typedTerms(terms, held, added, alternatives) {
    var out = {};
    Object.keys(terms).forEach(function (t) {
      if (added[t] && !alternatives[t]) return;
      out[t] = !!terms[t] || held.indexOf(t) >= 0;
    });
    return out;
  }

  // A retired question's page (its own entry, not one of its sections, which may come first) starts its
  // search text with "Retired question." (written by the build, site/views/questions.py: RETIRED_IN_SEARCH).
  function isRetired(group) {
    return group.some(function (item) {
      return !/#/.test(item.location || "") && /(^| )retired question( |$)/.test(words(item.text || "").join(" "));
    });
  }

  function isQuestion(group) {
    return /(^|\/)questions\/[^/]+\/?(\.html)?([#?]|$)/.test(group[0] ? group[0].location : "");
  }

  // groups: Material's results, each a page's sections, best first; query: as typed; found: its meanings.
  function rerank(groups, query, found) {
    query = String(query).slice(0, RERANK_QUERY_LENGTH);
    var queryWords = words(rewrite(query));
    var alternatives = {};
    Object.keys(found || {}).forEach(function (key) {
      var lists = [].concat(found[key]).map(function (m) { return rewrite(m).trim().toLowerCase().split(/[\s\-]+/); });
      rewrite(key).trim().toLowerCase().split(/[\s\-]+/).forEach(function (w) {
        alternatives[w] = (alternatives[w] || []).concat(lists);
      });
    });
    var wanted = phrases(query);
    var added = {}, anywhere = {};
    Object.keys(alternatives).forEach(function (a) {
      alternatives[a].forEach(function (list) { list.forEach(function (w) { added[w] = true; }); });
    });
    var held = groups.map(function (group) {
      return group.map(function (item) {
        var found = heldWords(item, alternatives, added);
        found.held.forEach(function (t) { anywhere[t] = true; });
        return found;
      });
    });
    var ranked = groups.map(function (group, place) {
      var best = { coverage: 0, run: 0, phrases: false };
      group.forEach(function (item, i) {
        var textWords = words(item.title + " " + item.text);
        best.coverage = Math.max(best.coverage, coverage(held[place][i], anywhere));
        if (queryWords.length > 1) best.run = Math.max(best.run, longestRun(queryWords, textWords));
        best.phrases = best.phrases || wanted.every(function (p) { return longestRun(p, textWords) === p.length; });
      });
      best.group = group;
      best.place = place;
      best.question = isQuestion(group) ? 1 : 0;
      best.current = isRetired(group) ? 0 : 1;
      return best;
    });
    if (wanted.length && ranked.some(function (r) { return r.phrases; })) {
      ranked = ranked.filter(function (r) { return r.phrases; });
    }
    ranked.sort(function (a, b) {
      return (b.coverage - a.coverage) || (b.current - a.current) || (b.question - a.question) || (b.run - a.run) ||
        (a.place - b.place);
    });
    return ranked.map(function (r) {
      return r.group.map(function (item, i) {
        var copy = {};
        Object.keys(item).forEach(function (key) { copy[key] = item[key]; });
        if (typeof item.text === "string") copy.text = shown(item.text);
        if (item.terms) copy.terms = typedTerms(item.terms, held[r.place][i].held, added, alternatives);
        return copy;
      });
    });
  }

  var api = {
    meanings: meanings, expand: expand, rewrite: rewrite, words: words, longestRun: longestRun, rerank: rerank,
    nearSpellings: nearSpellings, shown: shown, wrap: wrap
  };
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
          var lazy = root.ScrutinyPacksSearchLazy;
          if (isQuery(message) && !root.ScrutinyPacksSearchHelp && lazy && lazy.withHelp && !message.spWaited) {
            // The vocabulary is loaded with the index (search-lazy.js): a query waits for it, in order.
            message.spWaited = true;
            lazy.withHelp(function () { self.postMessage(message); });
            return;
          }
          if (isQuery(message)) {
            var help = root.ScrutinyPacksSearchHelp;
            var found = meanings(message.data, help && help.abbreviations, help && help.synonyms);
            asked.push({ query: message.data, found: found, type: message.type });
            message = { type: message.type, data: rewrite(expand(message.data, found)) };
          }
          worker.postMessage(message);
        }
      };
      worker.addEventListener("message", function (ev) {
        var data = ev.data;
        if (isResult(data) && asked.length) {
          var sent = asked.shift();
          if (!sent.near) api.nearFor = null;
          // Nothing found, and no newer query waiting: search again allowing a letter wrong in longer words.
          var near = !data.data.items.length && !sent.near && !asked.length && nearSpellings(sent.query);
          if (near) {
            api.nearFor = sent.query; // search-help.js says the results are near spellings, not matches
            asked.push({ query: sent.query, found: sent.found, type: sent.type, near: true });
            worker.postMessage({ type: sent.type, data: near });
            return;
          }
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
