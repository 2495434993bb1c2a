/* Keyboard and screen reader fixes for Material for MkDocs.
 *
 * 1. Single-key shortcuts off (WCAG 2.1.4). Material opens search on "f", "s"
 *    and "/" and changes page on "p", ",", "n" and "."; speech input users
 *    trigger these by accident. The keys still type normally in text fields,
 *    and work inside the open search box, which is where a user expects them.
 * 2. The menu and search buttons in the header are labels, which the keyboard
 *    cannot reach: each gets a button inside it (a label may not take a role
 *    itself), with a name and Enter/Space.
 * 3. The search dialog gets a name, and its result count is announced.
 */
(function () {
  "use strict";

  var SHORTCUT_KEYS = ["f", "s", "/", "p", ",", "n", "."];

  function searchIsOpen() {
    var toggle = document.getElementById("__search");
    return Boolean(toggle && toggle.checked);
  }

  // Material listens on window; stopping the key at document keeps it from
  // arriving there without changing what the key does where it was pressed.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (SHORTCUT_KEYS.indexOf(event.key.toLowerCase()) === -1) return;
    if (searchIsOpen()) return;
    event.stopPropagation();
  });

  function toggleButton(label, name, onOpen) {
    var box = document.getElementById(label.getAttribute("for"));
    if (!box) return null;
    var button = document.createElement("span");
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    button.className = "sp-header-toggle";
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", name);
    var sync = function () {
      button.setAttribute("aria-expanded", box.checked ? "true" : "false");
    };
    var opened = function () {
      sync();
      if (box.checked && onOpen) onOpen();
    };
    sync();
    box.addEventListener("change", sync);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      label.click();
      // The checkbox changes after the click; let Material react first.
      window.setTimeout(opened, 0);
    });
    label.addEventListener("click", function () {
      window.setTimeout(sync, 0);
    });
    return button;
  }

  var menuLabel = document.querySelector('.md-header__button[for="__drawer"]');
  var menu = menuLabel ? toggleButton(menuLabel, "Menu") : null;
  var open = document.querySelector('.md-header__button[for="__search"]');
  if (open) {
    toggleButton(open, "Search", function () {
      var input = document.querySelector(".md-search__input");
      if (input) input.focus();
    });
  }

  // Escape closes the open menu and puts focus back on its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var drawer = document.getElementById("__drawer");
    if (!drawer || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
    if (menu) menu.focus();
  });

  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", "Search this site");
  }
  var count = document.querySelector(".md-search-result__meta");
  if (count) {
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    count.setAttribute("aria-atomic", "true");
  }
})();
