/* Follow-up page: narrow the open actions by body and area. A classic script, so it runs from
 * file:// in the offline copy too. The form ships hidden; without this script every action shows.
 * Each row carries data-body and data-areas (space-separated area ids). A body is compared in the one
 * normal form the build gives it (site/follow_up.py: trimmed, case ignored), on the rows and in the
 * choices alike, so "Panel" and "panel" are one choice.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-sp-followup-filters]");
  if (!form) return;
  var body = form.elements.namedItem("body");
  var area = form.elements.namedItem("area");
  var status = form.querySelector("[data-sp-followup-status]");
  var rows = document.querySelectorAll("table.sp-actions tbody tr");

  function apply() {
    var shown = 0;
    Array.prototype.forEach.call(rows, function (row) {
      var areas = (row.getAttribute("data-areas") || "").split(/\s+/);
      var match = (!body.value || row.getAttribute("data-body") === body.value) &&
        (!area.value || areas.indexOf(area.value) >= 0);
      row.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = shown === rows.length ? "Showing all " + rows.length + " open actions." :
      "Showing " + shown + " of " + rows.length + " open actions.";
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
