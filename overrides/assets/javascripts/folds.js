/* Folds (<details class="sp-fold">) on long pages: an audience's questions under each area, the glossary's
 * terms under each letter. A link to something inside a fold (a term of the glossary, #id in the address,
 * from a question's page or from search) opens the fold and shows it; printing opens every fold, and
 * closes again afterwards those that were closed.
 */
(function () {
  "use strict";

  function openTo(hash) {
    if (!hash || hash.length < 2) return;
    var target = null;
    try { target = document.getElementById(decodeURIComponent(hash.slice(1))); } catch (error) { return; }
    if (!target) return;
    // The fold the target is in, or the fold straight after a heading that is the target.
    var fold = target.closest("details.sp-fold");
    var next = target.nextElementSibling;
    if (!fold && next && next.matches && next.matches("details.sp-fold")) fold = next;
    if (!fold || fold.open) return;
    fold.open = true;
    target.scrollIntoView();
  }

  openTo(window.location.hash);
  window.addEventListener("hashchange", function () { openTo(window.location.hash); });

  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details.sp-fold"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
