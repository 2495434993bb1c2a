/* My pack on the page: choose questions anywhere on the site, then print, share
 * or copy them as a pack from the My pack page. Nothing is sent anywhere.
 *
 * Every page: the "Add to my pack" buttons (rendered hidden; shown here) and the
 * "My pack (N)" link in the header, which carries the link's rules
 * (data-sp-link). The My pack page also loads the bank's data, a script of its own
 * (assets/javascripts/my-pack-data.js, site/mypack.py, setting window.ScrutinyPacksBank),
 * and draws the pack from it.
 *
 * This file only starts the others, each with what it needs; it keeps no state. They load
 * first, as classic scripts (so that the offline copy works from disk), each adding itself to
 * window.ScrutinyPacks. On every page: link.js (the link format), storage.js (where the pack is
 * kept), announce.js (spoken messages) and buttons.js (every page's buttons and header link).
 * On the My pack page only (overrides/main.html): view.js (the pack as shown), render.js
 * (drawing it), exports.js (CSV and text), word.js (the Word file, with the docx package it
 * loads when Download Word is pressed), notices.js (what could not be used, in words) and
 * editor.js (the page itself).
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks;
  var link = SP.link;

  function readJson(text) {
    try { return JSON.parse(text); } catch (error) { return null; }
  }

  var headerLink = document.querySelector("[data-sp-mypack-link]");
  var page = SP.editor ? document.getElementById("sp-mypack") : null;
  // The My pack page names the bank's data (assets/javascripts/my-pack-data.js, site/mypack.py) in a
  // script element that is neither fetched nor run (type text/plain, overrides/main.html): it is
  // loaded below when the page has a pack to draw.
  var named = page ? document.querySelector("script[data-sp-mypack-data]") : null;
  var headerRules = headerLink && headerLink.hasAttribute("data-sp-link")
    ? readJson(headerLink.getAttribute("data-sp-link")) : null;
  var rules = (root.ScrutinyPacksBank && root.ScrutinyPacksBank.link) || headerRules;
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

  if (!page || !(named || root.ScrutinyPacksBank)) {
    root.addEventListener("storage", function (event) {
      if (event.key === store.key) buttons.update(store.load());
    });
    return;
  }

  /* The bank's data, loaded once, then `then()`. The editor is given one bank object from the start:
   * what the script sets is copied into it. */
  var bank = { questions: {}, areas: {} };
  var loaded = false;
  var waiting = [];
  function withBank(then) {
    if (loaded) { then(); return; }
    waiting.push(then);
    if (waiting.length > 1) return;
    function ready() {
      Object.keys(root.ScrutinyPacksBank).forEach(function (key) { bank[key] = root.ScrutinyPacksBank[key]; });
      loaded = true;
      waiting.splice(0).forEach(function (next) { next(); });
    }
    if (root.ScrutinyPacksBank) { ready(); return; }
    var script = document.createElement("script");
    script.src = named.src;
    script.addEventListener("load", function () { if (root.ScrutinyPacksBank) ready(); });
    script.addEventListener("error", function () {
      announcer.use(page.querySelector("[data-sp-mypack-status]"));
      announcer.say("The bank's questions could not be loaded, so your pack cannot be shown: reload the page to try again.");
    });
    document.head.appendChild(script);
  }

  /* Something to draw: a link to a pack, or anything this browser kept for My pack (the pack, the one a
   * link replaced, one set aside). A first visit with nothing chosen needs none of the bank's data. */
  function hasPack() {
    if (link.hasLink(root.location.search, rules)) return true;
    if (!store.works) return false;
    try {
      for (var i = 0; i < backend.length; i += 1) {
        if ((backend.key(i) || "").indexOf(store.key) === 0) return true;
      }
    } catch (error) { return true; }
    return false;
  }

  // A pack that arrives later (a question added in another tab) waits for the data before the editor sees it.
  root.addEventListener("storage", function (event) {
    if (loaded || !event.key || event.key.indexOf(store.key) !== 0) return;
    event.stopImmediatePropagation();
    withBank(function () {
      root.dispatchEvent(new StorageEvent("storage", { key: event.key, oldValue: event.oldValue,
        newValue: event.newValue, url: event.url, storageArea: event.storageArea }));
    });
  });

  var session = null;
  function startEditor() {
    announcer.use(page.querySelector("[data-sp-mypack-status]"));
    session = SP.editor.start(page, bank, rules, store, announcer.say, buttons.updateHeader);
    // For packs.js, the named packs' switcher, which only this page loads: it starts once the editor has.
    SP.myPack.session = session;
    SP.myPack.say = announcer.say;
    if (SP.packs) SP.packs.boot();
  }
  if (hasPack()) withBank(startEditor);
  else startEditor();

  // For tests and for anyone curious: the link format and the pack as text.
  root.scrutinyPacksMyPack = {
    encode: link.encode,
    decode: function (query) { return link.decode(query, rules); },
    asText: function () { return session && SP.exports.asText(session.pack, bank); },
    asCsv: function () { return session && SP.exports.asCsv(session.pack, bank); }
  };
})(window);
