/* Dates as every page's scripts read them: a real date written YYYY-MM-DD. The pattern comes from the
 * build (the record schema's, or the My pack link's rules, both Python's); whether the day exists is
 * left to Date, which reads the text and must write it back the same (so 2027-02-29 and 2027-13-01
 * are refused without a calendar of our own). Year 0 is refused, as Python's date refuses it.
 * A classic script on every page, before the scripts that use it; under Node they require it.
 */
(function (root) {
  "use strict";

  function isoDate(text, pattern) {
    text = String(text);
    if (!new RegExp(pattern).test(text) || !/^[0-9]{4}-/.test(text) || Number(text.slice(0, 4)) < 1) return false;
    var d = new Date(text + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
  }

  var api = { isoDate: isoDate };
  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  SP.dates = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
