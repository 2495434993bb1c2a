/* An abbreviation inside a link (a question's text on a list page links to the question) shows what it
 * stands for when tapped on a touch screen, instead of following the link: a phone has no hover to show
 * the tooltip a mouse gets. A tap anywhere else, Escape, or scrolling hides it; a tap on the rest of the
 * link opens the question as before. A mouse click on the link is left alone.
 *
 * Material moves an <abbr>'s title into its own tooltip while the pointer is over it, so the meaning is
 * read once, at load, into data-sp-meaning.
 */
(function () {
  "use strict";

  var lastPointer = "mouse";
  var tip = null;
  var shownFor = null;

  function remember() {
    var marks = document.querySelectorAll("a abbr[title]");
    for (var i = 0; i < marks.length; i++) {
      if (!marks[i].hasAttribute("data-sp-meaning")) {
        marks[i].setAttribute("data-sp-meaning", marks[i].getAttribute("title"));
      }
    }
  }

  function hide() {
    if (tip) tip.hidden = true;
    shownFor = null;
  }

  function show(abbr) {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "sp-abbr-tip";
      tip.setAttribute("role", "status");
      document.body.appendChild(tip);
    }
    tip.textContent = abbr.textContent + ": " + abbr.getAttribute("data-sp-meaning");
    tip.hidden = false;
    var box = abbr.getBoundingClientRect();
    var width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
    shownFor = abbr;
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  }, true);

  document.addEventListener("click", function (event) {
    var abbr = event.target.closest ? event.target.closest("a abbr[data-sp-meaning]") : null;
    var touch = lastPointer === "touch" || lastPointer === "pen";
    if (abbr && touch) {
      event.preventDefault();
      event.stopPropagation();
      if (shownFor === abbr) hide();
      else show(abbr);
      return;
    }
    if (shownFor && !(tip && tip.contains(event.target))) hide();
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("scroll", function () {
    if (shownFor) hide();
  }, { passive: true });

  remember();
  // Material swaps pages in without reloading when instant navigation is on: read the new page's marks too.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(remember);
})();
