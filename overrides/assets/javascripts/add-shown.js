/* "Add all shown to my pack", beside the filters of the question bank and the
 * area pages (site/_filters.md.j2): adds every question the list shows now,
 * after the filters, to the end of My pack in the list's order, and says how
 * many it added. It never takes a question out, and a question the pack holds
 * already keeps its place.
 *
 * The pack is read and kept through my-pack/page.js (SP.myPack), which also
 * redraws the "Add to my pack" buttons and the header count; without it (no
 * storage rules in the build) the button stays hidden. addShown and
 * addedMessage are plain functions, tested under Node (tests/js/).
 */
(function (root) {
  "use strict";

  var words = (root.ScrutinyPacks && root.ScrutinyPacks.words) || (typeof require === "function" ? require("./words.js") : null);
  var plural = words.plural;

  // The pack with the ids it lacks added at its end, in order: {pack, added, already}.
  function addShown(pack, ids) {
    var questions = pack.questions.slice();
    var added = 0;
    var already = 0;
    var seen = {};
    ids.forEach(function (id) {
      if (seen["#" + id]) return;
      seen["#" + id] = true;
      if (questions.indexOf(id) === -1) {
        questions.push(id);
        added += 1;
      } else {
        already += 1;
      }
    });
    var result = {};
    Object.keys(pack).forEach(function (key) { result[key] = pack[key]; });
    result.questions = questions;
    return { pack: result, added: added, already: already };
  }

  // What the button says it did, in one sentence or two.
  function addedMessage(added, already, total) {
    var inPack = " Your pack has " + plural(total, "question") + ".";
    if (added === 0 && already === 0) return "No questions are shown, so none were added.";
    if (added === 0) {
      return (already === 1 ? "The question shown is already in your pack."
        : "All " + already + " questions shown are already in your pack.") + inPack;
    }
    var said = "Added " + plural(added, "question") + " to your pack";
    if (already) said += " (" + already + (already === 1 ? " was" : " were") + " in it already)";
    return said + "." + inPack;
  }

  var api = { addShown: addShown, addedMessage: addedMessage };
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  var SP = root.ScrutinyPacks || {};
  var button = document.querySelector("button[data-sp-add-shown]");
  var holder = button && button.closest("[data-sp-add-shown-holder]");
  if (!button || !holder || !SP.myPack) return;
  var status = holder.querySelector("[data-sp-add-shown-status]");

  // The questions the lists show now, in page order: cards with an Add button, not hidden by a filter.
  function shownIds() {
    var cards = document.querySelectorAll(".sp-qlist .sp-q[data-question]");
    return Array.prototype.filter.call(cards, function (card) {
      return !card.closest("[hidden]") && card.querySelector("button[data-sp-add]");
    }).map(function (card) { return card.getAttribute("data-question"); });
  }

  // Once the filters change, what was added is no longer what the list shows.
  var form = holder.closest("form");
  if (form && status) form.addEventListener("change", function () { status.textContent = ""; });

  button.addEventListener("click", function () {
    var result = addShown(SP.myPack.store.load(), shownIds());
    if (result.added) {
      SP.myPack.store.save(result.pack);
      SP.myPack.changed();
    }
    var message = addedMessage(result.added, result.already, result.pack.questions.length);
    if (!status) return;
    // Cleared first, so the same words said twice are still read out.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  });
  holder.hidden = false;
})(typeof window !== "undefined" ? window : globalThis);
