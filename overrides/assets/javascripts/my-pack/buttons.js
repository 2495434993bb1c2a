/* My pack on every page: the "Add to my pack" buttons (rendered hidden; shown here) and the
 * "My pack (N)" link in the header. start(doc, store, say) shows them, wires the buttons and
 * gives {update(pack)}, which redraws both for the pack given; it keeps no pack of its own.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};

  function placeHeaderLink(doc, headerLink) {
    var inner = doc.querySelector(".md-header__inner");
    if (inner && headerLink.parentNode !== inner) {
      var before = inner.querySelector("label[for='__search'], .md-header__source");
      inner.insertBefore(headerLink, before);
    }
    headerLink.hidden = false;
  }

  function updateHeader(headerLink, pack) {
    if (!headerLink) return;
    var count = headerLink.querySelector("[data-sp-mypack-count]");
    if (count) count.textContent = String(pack.questions.length);
  }

  // A question in the pack says so on its button, and what a tap would do: on any page, not only
  // where it was added, so a tap never takes a question out unannounced.
  function updateButtons(buttons, pack) {
    buttons.forEach(function (button) {
      var chosen = pack.questions.indexOf(button.getAttribute("data-sp-add")) !== -1;
      var label = button.querySelector("[data-sp-add-label]");
      if (label) label.textContent = chosen ? "In your pack \u2014 remove" : "Add to my pack";
      button.classList.toggle("sp-add--chosen", chosen);
    });
  }

  function start(doc, headerLink, store, say) {
    if (headerLink) placeHeaderLink(doc, headerLink);
    var buttons = Array.prototype.slice.call(doc.querySelectorAll("button[data-sp-add]"));
    function update(pack) {
      updateButtons(buttons, pack);
      updateHeader(headerLink, pack);
    }
    buttons.forEach(function (button) {
      var holder = button.closest("[data-sp-add-holder]") || button;
      holder.hidden = false;
      button.hidden = false;
      button.addEventListener("click", function () {
        var id = button.getAttribute("data-sp-add");
        var pack = store.load();
        var at = pack.questions.indexOf(id);
        if (at === -1) pack.questions.push(id);
        else pack.questions.splice(at, 1);
        store.save(pack);
        update(pack);
        say((at === -1 ? "Added " + id + " to your pack. " : "Removed " + id + " from your pack. ")
          + "Your pack has " + SP.words.plural(pack.questions.length, "question") + ".");
      });
    });
    update(store.load());
    return { update: update, updateHeader: function (pack) { updateHeader(headerLink, pack); } };
  }

  SP.buttons = { start: start };
})(typeof window !== "undefined" ? window : globalThis);
