/* The search index (search/search_index.json, the largest file of the site) is fetched when someone
 * first goes to search, not on every page load. Material asks for it as soon as a page starts; its
 * request is held here until the search box is focused, pressed or typed in, the search is opened (its
 * button, or a keyboard shortcut), or the page was reached from a search result (its address carries
 * the words to highlight, ?h=). Then it goes ahead, and search works as before; anything typed while
 * the index loads is searched once it has arrived.
 *
 * A classic script, loaded in <head> before Material's own script. The offline copy opened from disk
 * loads its index another way (a script, when search is opened) and is left alone.
 */
(function () {
  "use strict";

  /* The search's vocabulary (search-help-data.js, site/search_help.py) is named in the page but not
   * fetched (overrides/main.html): it is loaded with the index, when search is first used. whenHelp
   * waits for it without asking for it; withHelp asks for it too. */
  var helpWaiting = [];
  var helpAsked = false;
  function helpReady() {
    return !!window.ScrutinyPacksSearchHelp || !document.querySelector("script[data-sp-search-help]");
  }
  function helpArrived() {
    // Then what shows words to try when a search finds nothing (search-help.js), which needs the data.
    var ui = document.querySelector("script[data-sp-search-help-ui]");
    if (ui && window.ScrutinyPacksSearchHelp) {
      var script = document.createElement("script");
      script.src = ui.src;
      document.head.appendChild(script);
    }
    helpWaiting.splice(0).forEach(function (go) { go(); });
  }
  function whenHelp(then) {
    if (helpReady()) then();
    else helpWaiting.push(then);
  }
  function loadHelp() {
    var named = document.querySelector("script[data-sp-search-help]");
    if (helpAsked || !named || window.ScrutinyPacksSearchHelp) return;
    helpAsked = true;
    var script = document.createElement("script");
    script.src = named.src;
    script.addEventListener("load", helpArrived);
    script.addEventListener("error", helpArrived);  // search goes on without the vocabulary
    document.head.appendChild(script);
  }
  function withHelp(then) {
    whenHelp(then);
    loadHelp();
  }

  var lazy = { release: loadHelp, isHeld: function () { return false; }, whenHelp: whenHelp, withHelp: withHelp };
  window.ScrutinyPacksSearchLazy = lazy;
  if (typeof XMLHttpRequest !== "function" || window.location.protocol === "file:") {
    document.addEventListener("DOMContentLoaded", loadHelp);  // the offline copy: no page weight to save
    return;
  }

  var INDEX = /\/search\/search_index\.json([?#]|$)/;
  var wanted = /[?&]h=/.test(window.location.search);
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.spSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (this.spSearchIndex && !wanted) {
      var request = this, args = arguments;
      held.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    loadHelp();
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  function isSearch(target) {
    return !!(target && target.closest &&
      target.closest("input.md-search__input, label[for='__search'], .md-search, [data-md-component='search']"));
  }

  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) release(); }, true);
  document.addEventListener("pointerdown", function (event) { if (isSearch(event.target)) release(); }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
  // Material's shortcuts for search ("/", "s", "f") open it from anywhere but a text field.
  document.addEventListener("keydown", function (event) {
    var field = event.target && event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (isSearch(event.target) || (!field && /^[/sf]$/i.test(event.key || ""))) release();
  }, true);

  lazy.release = release;
  lazy.isHeld = function () { return !wanted; };
  if (wanted) document.addEventListener("DOMContentLoaded", loadHelp);
})();
