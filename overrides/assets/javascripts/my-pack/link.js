/* My pack, the link format: a pack carried whole in a link's query, as in
 *   ?ids=q001,q014&f=we&body=Panel&date=2026-03-04&item=6&title=Front%20door&opts=b,e,r
 *
 * The same format as src/scrutiny_packs/packs/link.py (scrutiny-packs pack --from-url),
 * written down in content/pages/my-pack-links.md; both are tested against the cases in
 * tests/fixtures/mypack-links/. Nothing here touches the page: every function takes
 * what it needs and returns a value. The rules the format checks against (the id
 * pattern, the spaces, the limits) come from the build: bank.link on the My pack
 * page, the header link's data-sp-link elsewhere (packs.link.browser_rules).
 *
 * Reading a link never fails: what cannot be used is left out and reported as a
 * notice, {kind, field, value}, which the page puts in words.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var dates = SP.dates || (typeof require === "function" ? require("../dates.js") : null);

  var PARAMS = ["ids", "f", "body", "meeting", "date", "item", "title", "opts"];
  var TEXT_FIELDS = ["body", "meeting", "item", "title"];
  var OPTION_LETTERS = [["b", "benchmarks"], ["e", "evidence"], ["n", "notes_space"], ["r", "rag"]];
  var DEFAULT_OPTIONS = { benchmarks: true, evidence: true, notes_space: true, rag: false };

  // The rules as regular expressions, made once for each rules object.
  var compiled = typeof WeakMap === "function" ? new WeakMap() : null;

  function compile(rules) {
    var made = compiled && compiled.get(rules);
    if (made) return made;
    made = {
      id: new RegExp(rules.idPattern),
      space: new RegExp(rules.spacePattern, "g"),
      control: new RegExp(rules.controlPattern, "g"),
      hasControl: new RegExp(rules.controlPattern),
      maxQuestions: rules.maxQuestions,
      maxText: rules.maxText,
      maxQuery: rules.maxQuery
    };
    if (compiled) compiled.set(rules, made);
    return made;
  }

  // Lengths are counted in characters (code points), as Python counts them, not in UTF-16 units.
  function length(text) {
    return Array.from(text).length;
  }

  function firstChars(text, count) {
    return Array.from(text).slice(0, count).join("");
  }

  function copyOptions(options) {
    var copy = {};
    OPTION_LETTERS.forEach(function (pair) { copy[pair[1]] = !!options[pair[1]]; });
    return copy;
  }

  function emptyPack() {
    return { questions: [], framing: "you", body: "", meeting: "", date: "", item: "", title: "",
      options: copyOptions(DEFAULT_OPTIONS) };
  }

  function copyPack(pack) {
    var copy = {};
    Object.keys(pack).forEach(function (key) { copy[key] = pack[key]; });
    copy.questions = pack.questions.slice();
    copy.options = copyOptions(pack.options);
    return copy;
  }

  function sameOptions(a, b) {
    return OPTION_LETTERS.every(function (pair) { return !!a[pair[1]] === !!b[pair[1]]; });
  }

  // ------------------------------------------------------------ writing a link

  function encodeValue(value) {
    return encodeURIComponent(value).replace(/%2C/g, ",");
  }

  // The query (without "?") for a pack; empty fields are left out.
  function encode(pack) {
    var parts = [["ids", pack.questions.join(",")]];
    if (pack.framing !== "you") parts.push(["f", pack.framing]);
    parts.push(["body", pack.body], ["meeting", pack.meeting], ["date", pack.date], ["item", pack.item],
      ["title", pack.title]);
    if (!sameOptions(pack.options, DEFAULT_OPTIONS)) {
      parts.push(["opts", OPTION_LETTERS.filter(function (pair) { return pack.options[pair[1]]; })
        .map(function (pair) { return pair[0]; }).join(",")]);
    }
    return parts.filter(function (part) { return part[1] || part[0] === "ids" || part[0] === "opts"; })
      .map(function (part) { return part[0] + "=" + encodeValue(part[1]); }).join("&");
  }

  // ------------------------------------------------------------ reading a link

  // The query of a full link, or the text itself when it is only a query ("?ids=..." or "ids=...").
  function queryOf(url, rules) {
    var r = compile(rules);
    url = String(url).replace(new RegExp("^" + r.space.source + "|" + r.space.source + "$", "g"), "");
    if (url.indexOf("://") !== -1) {
      url = url.replace(/[\t\r\n]/g, "").split("#")[0];  // as a URL parser reads it
      var at = url.indexOf("?");
      return at === -1 ? "" : url.slice(at + 1);
    }
    if (url.indexOf("?") !== -1) url = url.slice(url.indexOf("?") + 1);
    return url.split("#")[0];
  }

  // Each parameter's first value. The leading "&" keeps a "?" at the start part of the
  // first name, as the command line reads it (URLSearchParams would drop it).
  function paramsOf(query) {
    var params = new Map();
    new URLSearchParams("&" + query).forEach(function (value, key) {
      if (!params.has(key)) params.set(key, value);
    });
    return params;
  }

  // A value as the link reads it: control characters and runs of spaces become one space, ends trimmed.
  function tidy(value, rules) {
    var r = compile(rules);
    return String(value).replace(r.control, " ").replace(r.space, " ").replace(/^ +| +$/g, "");
  }

  // A short value (a reference, a framing, a letter): tidied, with A-Z in lower case (only those).
  function word(value, rules) {
    return tidy(value, rules).replace(/[A-Z]+/g, function (letters) { return letters.toLowerCase(); });
  }

  // A meeting field: tidied and kept to the longest allowed, saying whether it was shortened.
  function textField(value, rules) {
    var r = compile(rules);
    var text = tidy(value, rules);
    var long = length(text) > r.maxText;
    if (long) text = firstChars(text, r.maxText).replace(/ +$/, "");
    return { text: text, shortened: long, hadControls: r.hasControl.test(String(value)) };
  }

  // A real date written as the link's rules say (YYYY-MM-DD), as Python's date.fromisoformat reads one.
  function realDate(text, rules) {
    return dates.isoDate(text, rules.datePattern);
  }

  function notice(kind, field, value) {
    return { kind: kind, field: field, value: value };
  }

  // Read a link's query: {pack, notices}. Never throws.
  function decode(query, rules) {
    var r = compile(rules);
    var notices = [];
    query = String(query);
    if (length(query) > r.maxQuery) {
      notices.push(notice("too-long", "link", ""));
      query = firstChars(query, r.maxQuery);
    }
    var params = paramsOf(query);
    var pack = emptyPack();
    var seen = {};
    (params.get("ids") || "").split(",").some(function (raw) {
      var id = word(raw, rules);
      if (!id) return false;
      if (!r.id.test(id)) {
        notices.push(notice("invalid", "ids", raw));
      } else if (seen["#" + id]) {
        notices.push(notice("repeated", "ids", id));
      } else if (pack.questions.length >= r.maxQuestions) {
        notices.push(notice("too-many", "ids", id));
        return true;
      } else {
        seen["#" + id] = true;
        pack.questions.push(id);
      }
      return false;
    });
    if (params.has("f")) {
      var framing = word(params.get("f"), rules);
      if (framing === "you" || framing === "we") pack.framing = framing;
      else notices.push(notice("invalid", "f", params.get("f")));
    }
    TEXT_FIELDS.forEach(function (name) {
      var read = textField(params.get(name) || "", rules);
      if (read.hadControls) notices.push(notice("invalid", name, params.get(name)));
      if (read.shortened) notices.push(notice("too-long", name, tidy(params.get(name), rules)));
      pack[name] = read.text;
    });
    var date = tidy(params.get("date") || "", rules);
    if (date && realDate(date, rules)) pack.date = date;
    else if (date) notices.push(notice("invalid", "date", date));
    if (params.has("opts")) {
      var letters = params.get("opts").split(",").map(function (x) { return word(x, rules); }).filter(Boolean);
      var known = OPTION_LETTERS.map(function (pair) { return pair[0]; });
      letters.forEach(function (letter) {
        if (known.indexOf(letter) === -1) notices.push(notice("invalid", "opts", letter));
      });
      OPTION_LETTERS.forEach(function (pair) { pack.options[pair[1]] = letters.indexOf(pair[0]) !== -1; });
    }
    return { pack: pack, notices: notices };
  }

  // Whether an address's query holds a pack at all (any of the link's parameters).
  function hasLink(search, rules) {
    var params = paramsOf(queryOf(search, rules));
    return PARAMS.some(function (name) { return params.has(name); });
  }

  // ------------------------------------------------------------ against the bank

  // The pack with only the questions the bank can still offer: {pack, notices}.
  function check(pack, bank) {
    var notices = [];
    var kept = pack.questions.filter(function (id) {
      var q = Object.prototype.hasOwnProperty.call(bank.questions, id) ? bank.questions[id] : null;
      if (!q) {
        notices.push(notice("unknown", "ids", id));
        return false;
      }
      if (q.retired) {
        var gone = notice("retired", "ids", id);
        if (q.replacedBy) gone.replacedBy = q.replacedBy;
        notices.push(gone);
        return false;
      }
      return true;
    });
    var checked = copyPack(pack);
    checked.questions = kept;
    return { pack: checked, notices: notices };
  }

  var link = {
    PARAMS: PARAMS,
    TEXT_FIELDS: TEXT_FIELDS,
    OPTION_LETTERS: OPTION_LETTERS,
    DEFAULT_OPTIONS: DEFAULT_OPTIONS,
    emptyPack: emptyPack,
    copyPack: copyPack,
    encode: encode,
    queryOf: queryOf,
    decode: decode,
    hasLink: hasLink,
    check: check,
    tidy: tidy,
    textField: textField,
    realDate: realDate,
    length: length,
    firstChars: firstChars
  };

  SP.link = link;
  if (typeof module === "object" && module && module.exports) module.exports = link;
})(typeof window !== "undefined" ? window : globalThis);
