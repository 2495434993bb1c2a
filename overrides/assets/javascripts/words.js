/* Words every page's scripts share: a count with its noun ("1 question", "3 questions"), as
 * text/plural.py's count_of says it (without its thousands separator). A classic script on every page,
 * before the scripts that use it; under Node (tests/js) they require it.
 */
(function (root) {
  "use strict";

  // "1 question", "2 questions"; `many` for a plural that is not the word and an s ("problems are").
  function plural(count, word, many) {
    return count + " " + (count === 1 ? word : (many || word + "s"));
  }

  var api = { plural: plural };
  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  SP.words = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
