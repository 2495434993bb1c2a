/* My pack's notices: what link.decode and link.check found that could not be used, each said as a
 * sentence in the words of the My pack page's form. Plain functions, tested under Node (tests/js/).
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var link = SP.link || (typeof require === "function" ? require("./link.js") : null);

  // What a notice names, in the words of the form on the My pack page.
  var FIELD_NAMES = { body: "body or committee", meeting: "meeting", item: "agenda item number",
    title: "agenda item title" };

  function shown(value) {
    value = String(value);
    return "\u201c" + (link.length(value) > 40 ? link.firstChars(value, 40) + "\u2026" : value) + "\u201d";
  }

  // A notice from link.decode or link.check, as a sentence for the reader.
  function noticeText(n, rules) {
    var name = FIELD_NAMES[n.field];
    if (n.field === "link") return "The link is over " + rules.maxQuery + " characters; only the start was read.";
    if (n.kind === "unknown") {
      return n.value + " is not a question in the bank, so it was left out. It may have been removed, "
        + "or the link was cut short.";
    }
    if (n.kind === "retired") {
      return n.value + " has been retired, so it was left out" + (n.replacedBy ? "; " + n.replacedBy + " replaces it." : ".");
    }
    if (n.kind === "repeated") return n.value + " was listed more than once; it is in the pack once.";
    if (n.kind === "too-many") return "The link lists more than " + rules.maxQuestions + " questions; the rest were left out.";
    if (n.kind === "too-long") {
      return "The " + name + " was longer than " + rules.maxText + " characters, so only the first "
        + rules.maxText + " were kept.";
    }
    if (n.field === "ids") return shown(n.value) + " is not a question reference, so it was left out.";
    if (n.field === "f") return shown(n.value) + " is not a framing, so the pack uses \u201cyou\u201d.";
    if (n.field === "date") return shown(n.value) + " is not a date, so the pack has no date.";
    if (n.field === "opts") return shown(n.value) + " is not one of the pack\u2019s options, so it was ignored.";
    return "The " + name + " had characters that cannot be shown or printed; each was read as a space.";
  }

  // The pack with only what the bank can offer, and what was left out in words: {pack, notices}.
  function checked(candidate, bank, rules) {
    var result = link.check(candidate, bank);
    return { pack: result.pack, notices: result.notices.map(function (n) { return noticeText(n, rules); }) };
  }

  var api = { noticeText: noticeText, checked: checked };
  SP.notices = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
