/* My pack's named packs: one pack per agenda item, say, each kept under its name in this browser
 * (storage.js), one shown at a time. The list of packs is a row of buttons, the one shown marked
 * (aria-current); a pack is named, added and deleted here. Switching keeps the pack shown as it is and
 * shows the other, which every page's "Add to my pack" buttons then add to.
 *
 * Only the My pack page loads this file (overrides/main.html, front matter sp_my_pack), after page.js,
 * which hands over the editor's session (SP.myPack). start() keeps nothing outside its closure.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};

  function start(section, store, session, say) {
    var doc = section.ownerDocument;
    var el = function (tag, attributes, children) { return SP.render.el(doc, tag, attributes, children); };
    var list = section.querySelector("[data-sp-mypack-packs]");
    var nameField = section.querySelector("[data-sp-mypack-pack-name]");
    var noticeBox = section.querySelector("[data-sp-mypack-packs-notices]");

    function draw(focusIndex) {
      var packs = store.packs();
      list.textContent = "";
      packs.names.forEach(function (name, index) {
        var shown = index === packs.active;
        list.appendChild(el("li", {}, [el("button", {
          type: "button", className: "md-button sp-mypack-pack" + (shown ? " md-button--primary" : ""),
          "data-sp-mypack-switch": String(index), "aria-current": shown ? "true" : null
        }, [name])]));
      });
      nameField.value = packs.names[packs.active];
      if (typeof focusIndex === "number") {
        var button = list.querySelector("[data-sp-mypack-switch=\"" + focusIndex + "\"]");
        if (button) button.focus();
      }
      return packs;
    }

    function shown() {
      session.reload();
      return draw(store.packs().active);
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-sp-mypack-switch]");
      if (!button) return;
      var index = Number(button.getAttribute("data-sp-mypack-switch"));
      if (button.getAttribute("aria-current") === "true") return;
      store.switchTo(index);
      var packs = shown();
      say("Showing " + packs.names[index] + ": " + SP.words.plural(session.pack.questions.length, "question") + ".");
    });

    nameField.addEventListener("change", function () {
      var packs = store.packs();
      store.renamePack(packs.active, nameField.value);
      var now = draw();
      say("This pack is now called " + now.names[now.active] + ".");
    });
    nameField.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); nameField.dispatchEvent(new Event("change")); }
    });

    section.addEventListener("click", function (event) {
      var button = event.target.closest("[data-sp-mypack-pack-action]");
      if (!button) return;
      var action = button.getAttribute("data-sp-mypack-pack-action");
      if (action === "new") {
        if (!store.addPack("")) { say("There are already " + SP.storage.PACK_LIMIT + " packs: delete one first."); return; }
        var packs = shown();
        nameField.focus();
        nameField.select();
        say("New empty pack, " + packs.names[packs.active] + ", shown. Give it a name, then add questions to it.");
      } else if (action === "delete") {
        var before = store.packs();
        var name = before.names[before.active];
        if (!root.confirm("Delete the pack \u201c" + name + "\u201d and its questions?")) return;
        store.removePack(before.active);
        var after = shown();
        say("Deleted " + name + ". Showing " + after.names[after.active] + ".");
      }
    });

    var first = draw();
    if (first.notices.length) {
      noticeBox.hidden = false;
      noticeBox.appendChild(el("ul", {}, first.notices.map(function (n) { return el("li", {}, [n]); })));
    }
    section.hidden = false;
    root.addEventListener("storage", function (event) {
      if (event.key === SP.storage.PACKS_KEY) draw();
    });
  }

  /* Starts the switcher once, when both it and the editor are there: page.js starts the editor at once,
   * or after the bank's data has loaded (then it calls boot again). */
  function boot() {
    var section = document.querySelector("[data-sp-mypack-packs-section]");
    var my = SP.myPack;
    if (!section || !my || !my.session || !my.store || section.hasAttribute("data-sp-started")) return;
    section.setAttribute("data-sp-started", "");
    start(section, my.store, my.session, my.say);
  }

  SP.packs = { start: start, boot: boot };
  boot();
})(window);
