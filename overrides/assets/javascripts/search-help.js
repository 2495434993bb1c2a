/* When the site's search finds nothing: words to try instead, from the glossary (the names its
 * terms go by, also when the search was misspelt) and the areas of the bank; a line saying the
 * bank may not cover this yet; and a link to propose a question. A classic script, no modules,
 * so it works in the offline copy opened from disk. Data: window.ScrutinyPacksSearchHelp, set by
 * assets/javascripts/search-help-data.js, a file the build writes once for the whole site
 * (src/scrutiny_packs/site/search_help.py), not into every page. */
(function () {
  "use strict";
  // The data comes with the search index, when search is first used (search-lazy.js).
  function start() {
    var data = window.ScrutinyPacksSearchHelp;
    var input = document.querySelector("input.md-search__input");
    var meta = document.querySelector(".md-search-result__meta");
    if (!input || !meta || !data) return;
    var MAX = 8;

    function words(text) {
      return text.toLowerCase().split(/[^a-z0-9&']+/).filter(function (w) { return w.length > 1; });
    }

    // At most one letter added, dropped, changed or two swapped ('fostring' ~ 'fostering').
    function close(a, b) {
      if (a === b) return true;
      if (Math.abs(a.length - b.length) > 1 || a.length < 4) return false;
      var i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      if (a.length === b.length) {
        return a.slice(i + 1) === b.slice(i + 1) ||
          (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
      }
      var longer = a.length > b.length ? a : b, shorter = a.length > b.length ? b : a;
      return longer.slice(i + 1) === shorter.slice(i);
    }

    function matches(queryWords, name) {
      var nameWords = words(name);
      return queryWords.some(function (q) {
        return nameWords.some(function (n) {
          return (q.length >= 3 && n.indexOf(q) === 0) || close(q, n);
        });
      });
    }

    function suggestions(query) {
      var q = words(query), found = [];
      if (!q.length) return found;
      data.terms.forEach(function (t) {
        if (found.length < MAX && t.names.some(function (n) { return matches(q, n); })) found.push(t.term);
      });
      data.areas.forEach(function (a) {
        if (found.length < MAX && matches(q, a) && found.indexOf(a) < 0) found.push(a);
      });
      return found;
    }

    function search(text) {
      input.value = text;
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      input.focus();
    }

    var box = document.createElement("div");
    box.className = "sp-search-help";
    box.setAttribute("aria-live", "polite"); // "Nothing matched exactly" is heard, not only seen
    box.hidden = true;
    meta.parentNode.insertBefore(box, meta.nextSibling);

    function el(tag, text, className) {
      var node = document.createElement(tag);
      if (text) node.textContent = text;
      if (className) node.className = className;
      return node;
    }

    function show(query, near) {
      while (box.firstChild) box.removeChild(box.firstChild);
      if (near) box.appendChild(el("p", "Nothing matched \u201c" + query + "\u201d exactly: the results below are for words spelt nearly the same."));
      var found = suggestions(query);
      var tryThese = found.length ? found : data.areas.slice(0, MAX);
      box.appendChild(el("p", found.length ? "Try searching for:" : "Try searching for an area of the bank:"));
      var list = el("ul", "", "sp-search-help__list");
      tryThese.forEach(function (text) {
        var item = el("li");
        var button = el("button", text, "sp-search-help__try");
        button.type = "button";
        button.addEventListener("click", function () { search(text); });
        item.appendChild(button);
        list.appendChild(item);
      });
      box.appendChild(list);
      box.appendChild(el("p", "The bank may not cover this yet: it holds questions on the areas listed on its Areas page."));
      if (data.propose) {
        var p = el("p");
        var link = el("a", "Propose a question on this");
        link.href = data.propose;
        p.appendChild(link);
        box.appendChild(p);
      }
      box.hidden = false;
    }

    // Shown when the search found nothing, or found only words spelt nearly the same (search-query.js
    // tries those when nothing matches as typed, and says so in ScrutinyPacksSearchQuery.nearFor).
    function update() {
      var query = input.value.trim();
      var engine = window.ScrutinyPacksSearchQuery;
      var near = !!(engine && engine.nearFor && engine.nearFor.trim() === query && query !== "");
      var empty = /^No matching/.test(meta.textContent.trim()) && query !== "";
      if (empty || near) show(query, near && !empty);
      else if (!box.hidden) box.hidden = true;
    }

    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
    update();  // loaded with the search's data: a search may already have come back empty
  }

  var lazy = window.ScrutinyPacksSearchLazy;
  if (lazy && lazy.whenHelp) lazy.whenHelp(start);
  else start();
})();
