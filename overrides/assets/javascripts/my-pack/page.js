/* My pack on the page: choose questions anywhere on the site, then print, share
 * or copy them as a pack from the My pack page. Nothing is sent anywhere.
 *
 * Every page: the "Add to my pack" buttons (rendered hidden; shown here) and the
 * "My pack (N)" link in the header, which carries the link's rules
 * (data-sp-link). The My pack page also carries the bank as JSON
 * (<script type="application/json" id="sp-bank">, site/mypack.py) and draws the
 * pack from it.
 *
 * This file only starts the others, each with what it needs; it keeps no state. They load
 * first, as classic scripts (so that the offline copy works from disk), each adding itself to
 * window.ScrutinyPacks: link.js (the link format), storage.js (where the pack is kept),
 * view.js (the pack as shown), render.js (drawing it), exports.js (CSV and text), word.js (the
 * Word file, with the docx package that only the My pack page loads), notices.js (what could
 * not be used, in words), announce.js (spoken messages), buttons.js (every page's buttons and
 * header link) and editor.js (the My pack page).
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks;
  var link = SP.link;

  function readJson(text) {
    try { return JSON.parse(text); } catch (error) { return null; }
  }

  var headerLink = document.querySelector("[data-sp-mypack-link]");
  var dataElement = document.getElementById("sp-bank");
  var page = document.getElementById("sp-mypack");
  var bank = page && dataElement ? readJson(dataElement.textContent) : null;
  var rules = (bank && bank.link)
    || (headerLink && headerLink.hasAttribute("data-sp-link") ? readJson(headerLink.getAttribute("data-sp-link")) : null);
  // Without the link's rules (a copy of the site built without the hook) the pack cannot be kept.
  if (!rules) return;

  var backend = null;
  try { backend = root.localStorage; } catch (error) { backend = null; }
  var store = SP.storage.open(backend, rules);
  var announcer = SP.announce.announcer(document);
  var buttons = SP.buttons.start(document, headerLink, store, announcer.say);

  // For other scripts that change the pack (add-shown.js): the kept pack, and redrawing after a change.
  SP.myPack = {
    store: store,
    changed: function () { buttons.update(store.load()); }
  };

  if (!bank) {
    root.addEventListener("storage", function (event) {
      if (event.key === store.key) buttons.update(store.load());
    });
    return;
  }

  announcer.use(page.querySelector("[data-sp-mypack-status]"));
  var session = SP.editor.start(page, bank, rules, store, announcer.say, buttons.updateHeader);
  // For packs.js, the named packs' switcher, which only this page loads.
  SP.myPack.session = session;
  SP.myPack.say = announcer.say;

  // For tests and for anyone curious: the link format and the pack as text.
  root.scrutinyPacksMyPack = {
    encode: link.encode,
    decode: function (query) { return link.decode(query, rules); },
    asText: function () { return SP.exports.asText(session.pack, bank); },
    asCsv: function () { return SP.exports.asCsv(session.pack, bank); }
  };
})(window);
