/* Recommendations page: narrow the recommendations by committee, status and area, with the choice
 * kept in the page's address (?committee=&status=&area=) so that a link shows the same list.
 * A classic script, so it runs from file:// in the offline copy too. Each form ships hidden; without
 * this script every recommendation shows. Each card carries data-committee (lower case),
 * data-states (space-separated: overdue, open or complete, and its RAG or paused) and data-areas.
 */
(function () {
  "use strict";

  var FIELDS = ["committee", "status", "area"];
  var forms = document.querySelectorAll("form[data-sp-rec-filters]");
  if (!forms.length) return;

  function params() {
    try { return new URLSearchParams(window.location.search); } catch (e) { return null; }
  }

  function choose(select, wanted) {
    // Only a value the list offers is taken from the address; anything else leaves "All".
    var found = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
    select.value = found ? wanted : "";
  }

  Array.prototype.forEach.call(forms, function (form, index) {
    var list = form.nextElementSibling;
    while (list && !list.classList.contains("sp-rec-list")) list = list.nextElementSibling;
    if (!list) return;
    var cards = list.querySelectorAll("article.sp-rec-card");
    var status = form.querySelector("[data-sp-rec-status]");
    var inAddress = index === 0;  // the first form (the council's own) keeps its choice in the address

    function apply(save) {
      var c = form.elements.namedItem("committee").value;
      var s = form.elements.namedItem("status").value;
      var a = form.elements.namedItem("area").value;
      var shown = 0;
      Array.prototype.forEach.call(cards, function (card) {
        var states = (card.getAttribute("data-states") || "").split(/\s+/);
        var areas = (card.getAttribute("data-areas") || "").split(/\s+/);
        var match = (!c || card.getAttribute("data-committee") === c) &&
          (!s || states.indexOf(s) >= 0) && (!a || areas.indexOf(a) >= 0);
        card.hidden = !match;
        if (match) shown += 1;
      });
      var noun = cards.length === 1 ? "recommendation" : "recommendations";
      status.textContent = shown === cards.length ? "Showing all " + cards.length + " " + noun + "." :
        "Showing " + shown + " of " + cards.length + " " + noun + ".";
      if (save && inAddress && window.history && window.history.replaceState) {
        var p = params();
        if (!p) return;
        FIELDS.forEach(function (name) {
          var value = form.elements.namedItem(name).value;
          if (value) p.set(name, value); else p.delete(name);
        });
        var query = p.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    if (inAddress) {
      var p = params();
      if (p) FIELDS.forEach(function (name) { choose(form.elements.namedItem(name), p.get(name) || ""); });
    }
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  });
})();
