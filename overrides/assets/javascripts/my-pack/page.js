/* My pack on the page: choose questions anywhere on the site, then print, share
 * or copy them as a pack from the My pack page. Nothing is sent anywhere.
 *
 * Every page: the "Add to my pack" buttons (rendered hidden; shown here) and the
 * "My pack (N)" link in the header, which carries the link's rules
 * (data-sp-link). The My pack page also carries the bank as JSON
 * (<script type="application/json" id="sp-bank">, site/mypack.py) and draws the
 * pack from it (render.js).
 *
 * The other files: link.js (the link format), storage.js (where the pack is
 * kept), view.js (the pack as shown), render.js (drawing it), exports.js (CSV
 * and text), word.js (the Word file, with the docx package that only the My
 * pack page loads). They load first, as classic scripts (so that the offline
 * copy works from disk), each adding itself to window.ScrutinyPacks.
 */
(function () {
  "use strict";

  var SP = window.ScrutinyPacks;
  var link = SP.link;
  var el = function (tag, attributes, children) { return SP.render.el(document, tag, attributes, children); };

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
  try { backend = window.localStorage; } catch (error) { backend = null; }
  var store = SP.storage.open(backend, rules);

  // ------------------------------------------------------------ small helpers

  function hiddenText(text) {
    return el("span", { className: "sp-mypack-vh" }, [text]);
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  var liveRegion = null;

  function announce(message) {
    if (!liveRegion) {
      liveRegion = el("div", { className: "sp-mypack-vh", role: "status", "aria-live": "polite" });
      document.body.appendChild(liveRegion);
    }
    // Cleared first, so the same words said twice are still read out.
    liveRegion.textContent = "";
    window.setTimeout(function () { liveRegion.textContent = message; }, 50);
  }

  // ------------------------------------------------------------ every page: buttons and header link

  function placeHeaderLink() {
    if (!headerLink) return null;
    var inner = document.querySelector(".md-header__inner");
    if (inner && headerLink.parentNode !== inner) {
      var before = inner.querySelector("label[for='__search'], .md-header__source");
      inner.insertBefore(headerLink, before);
    }
    headerLink.hidden = false;
    return headerLink;
  }

  placeHeaderLink();

  function updateHeader(pack) {
    if (!headerLink) return;
    var count = headerLink.querySelector("[data-sp-mypack-count]");
    if (count) count.textContent = String(pack.questions.length);
  }

  var addButtons = Array.prototype.slice.call(document.querySelectorAll("button[data-sp-add]"));

  // A question in the pack says so on its button, and what a tap would do: on any page, not only
  // where it was added, so a tap never takes a question out unannounced.
  function updateButtons(pack) {
    addButtons.forEach(function (button) {
      var chosen = pack.questions.indexOf(button.getAttribute("data-sp-add")) !== -1;
      var label = button.querySelector("[data-sp-add-label]");
      if (label) label.textContent = chosen ? "In your pack \u2014 remove" : "Add to my pack";
      button.classList.toggle("sp-add--chosen", chosen);
    });
  }

  addButtons.forEach(function (button) {
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
      updateButtons(pack);
      updateHeader(pack);
      announce((at === -1 ? "Added " + id + " to your pack. " : "Removed " + id + " from your pack. ")
        + "Your pack has " + plural(pack.questions.length, "question") + ".");
    });
  });

  var initial = store.load();
  updateButtons(initial);
  updateHeader(initial);

  // For other scripts that change the pack (add-shown.js): the kept pack, and redrawing after a change.
  SP.myPack = {
    store: store,
    changed: function () { var now = store.load(); updateButtons(now); updateHeader(now); }
  };

  if (!bank) {
    window.addEventListener("storage", function (event) {
      if (event.key !== store.key) return;
      var pack = store.load();
      updateButtons(pack);
      updateHeader(pack);
    });
    return;
  }

  // ------------------------------------------------------------ the My pack page

  var pack;
  var form = page.querySelector("[data-sp-mypack-form]");
  var list = page.querySelector("[data-sp-mypack-list]");
  var empty = page.querySelector("[data-sp-mypack-empty]");
  var countText = page.querySelector("[data-sp-mypack-count-text]");
  var noticeBox = page.querySelector("[data-sp-mypack-notices]");
  var preview = page.querySelector("[data-sp-mypack-preview]");
  var linkBox = page.querySelector("[data-sp-mypack-share]");
  var linkField = page.querySelector("[data-sp-mypack-share-url]");
  var textBox = page.querySelector("[data-sp-mypack-text]");
  var textField = page.querySelector("[data-sp-mypack-text-field]");
  var pageStatus = page.querySelector("[data-sp-mypack-status]");
  if (pageStatus) liveRegion = pageStatus;

  // What a notice names, in the words of the form on this page.
  var FIELD_NAMES = { body: "body or committee", meeting: "meeting", item: "agenda item number",
    title: "agenda item title" };

  function shown(value) {
    value = String(value);
    return "\u201c" + (link.length(value) > 40 ? link.firstChars(value, 40) + "\u2026" : value) + "\u201d";
  }

  // A notice from link.decode or link.check, as a sentence for the reader.
  function noticeText(n) {
    var name = FIELD_NAMES[n.field];
    if (n.field === "link") return "The link is over " + rules.maxQuery + " characters; only the start was read.";
    if (n.kind === "unknown") {
      return n.value + " is not a question in the bank, so it was left out. It may have been removed, "
        + "or the link was cut short.";
    }
    if (n.kind === "retired") {
      return n.value + " has been retired, so it was left out" + (n.replacedBy ? "; " + n.replacedBy + " replaces it." : ".");
    }
    if (n.kind === "repeated") return n.value + " was listed more than once; it is in the pack once.";
    if (n.kind === "too-many") return "The link lists more than " + rules.maxQuestions + " questions; the rest were left out.";
    if (n.kind === "too-long") {
      return "The " + name + " was longer than " + rules.maxText + " characters, so only the first "
        + rules.maxText + " were kept.";
    }
    if (n.field === "ids") return shown(n.value) + " is not a question reference, so it was left out.";
    if (n.field === "f") return shown(n.value) + " is not a framing, so the pack uses \u201cyou\u201d.";
    if (n.field === "date") return shown(n.value) + " is not a date, so the pack has no date.";
    if (n.field === "opts") return shown(n.value) + " is not one of the pack\u2019s options, so it was ignored.";
    return "The " + name + " had characters that cannot be shown or printed; each was read as a space.";
  }

  function checked(candidate) {
    var result = link.check(candidate, bank);
    return { pack: result.pack, notices: result.notices.map(noticeText) };
  }

  // -- drawing the page

  function drawList() {
    var count = pack.questions.length;
    list.textContent = "";
    pack.questions.forEach(function (id, index) {
      var q = bank.questions[id];
      var area = bank.areas[q.area];
      var name = " (ref. " + id + ")";
      var up = el("button", { type: "button", className: "md-button sp-mypack-move", "data-action": "up",
        "aria-disabled": index === 0 ? "true" : null }, ["Move up", hiddenText(name)]);
      var down = el("button", { type: "button", className: "md-button sp-mypack-move", "data-action": "down",
        "aria-disabled": index === count - 1 ? "true" : null }, ["Move down", hiddenText(name)]);
      var remove = el("button", { type: "button", className: "md-button sp-mypack-remove", "data-action": "remove" },
        ["Remove", hiddenText(name)]);
      var text = SP.view.frame(q.text, pack.framing, bank);
      list.appendChild(el("li", { className: "sp-mypack-item", "data-question": id }, [
        el("p", { className: "sp-mypack-item__text" }, [q.href ? el("a", { href: q.href }, [text]) : text]),
        el("p", { className: "sp-mypack-item__meta" }, ["Ref. " + id + (area ? " \u00b7 Area: " + area.name : "")]),
        el("div", { className: "sp-mypack-item__actions" }, [up, down, remove])
      ]));
    });
    list.hidden = count === 0;
    empty.hidden = count !== 0;
    countText.textContent = count === 0 ? "No questions chosen yet." : "You have chosen " + plural(count, "question") + ".";
    page.querySelectorAll("[data-sp-mypack-needs-questions]").forEach(function (button) {
      button.setAttribute("aria-disabled", count === 0 ? "true" : "false");
    });
  }

  function drawPreview() {
    preview.textContent = "";
    if (pack.questions.length) preview.appendChild(SP.render.drawPack(document, pack, bank));
  }

  function fillForm() {
    form.elements.namedItem("framing").value = pack.framing;
    ["body", "meeting", "date", "item", "title"].forEach(function (name) {
      form.elements.namedItem(name).value = pack[name];
    });
    link.OPTION_LETTERS.forEach(function (pair) { form.elements.namedItem(pair[1]).checked = pack.options[pair[1]]; });
  }

  function redraw() {
    drawList();
    drawPreview();
    updateHeader(pack);
  }

  function commit() {
    store.save(pack);
    redraw();
  }

  function showNotices(lines, title) {
    if (!lines.length) return;
    noticeBox.appendChild(el("div", { className: "admonition warning sp-mypack-notice" }, [
      el("p", { className: "admonition-title" }, [title]),
      el("ul", {}, lines.map(function (line) { return el("li", {}, [line]); }))
    ]));
    noticeBox.hidden = false;
  }

  function showReplaced(previous) {
    var restore = el("button", { type: "button", className: "md-button" }, ["Put back my earlier pack"]);
    var box = el("div", { className: "admonition info sp-mypack-notice" }, [
      el("p", { className: "admonition-title" }, ["This link replaced your earlier pack"]),
      el("p", {}, ["You had " + plural(link.decode(previous, rules).pack.questions.length, "question")
        + " in your pack before you opened this link. "]),
      el("p", {}, [restore])
    ]);
    restore.addEventListener("click", function () {
      pack = checked(link.decode(previous, rules).pack).pack;
      store.keepPrevious(null);
      fillForm();
      commit();
      box.remove();
      if (!noticeBox.children.length) noticeBox.hidden = true;
      countText.focus();
      announce("Your earlier pack is back. It has " + plural(pack.questions.length, "question") + ".");
    });
    noticeBox.appendChild(box);
    noticeBox.hidden = false;
  }

  // -- starting up: a shared link wins over what was stored, which is kept to put back

  (function start() {
    if (link.hasLink(window.location.search, rules)) {
      var read = link.decode(link.queryOf(window.location.search, rules), rules);
      var kept = checked(read.pack);
      pack = kept.pack;
      var previous = store.read();
      if (previous !== null && link.decode(previous, rules).pack.questions.length && previous !== link.encode(pack)) {
        store.keepPrevious(previous);
        showReplaced(previous);
      }
      store.save(pack);
      // The pack now lives in this browser; a reload should not undo later changes.
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + window.location.hash);
      }
      showNotices(read.notices.map(noticeText).concat(kept.notices), "Some of the link could not be used");
    } else {
      var stored = checked(store.load());
      pack = stored.pack;
      if (stored.notices.length) store.save(pack);
      showNotices(stored.notices, "Some questions have left your pack");
    }
    if (!store.works) {
      showNotices(["This browser is not letting the site keep your pack, so it will be lost when you leave "
        + "this page. Use \u201cCopy link\u201d to keep it."], "Your pack is not being saved");
    }
    fillForm();
    redraw();
    page.querySelectorAll("[data-sp-mypack-js]").forEach(function (part) { part.hidden = false; });
    page.querySelectorAll("[data-sp-mypack-nojs]").forEach(function (part) { part.hidden = true; });
  })();

  // -- the list: move and remove, with focus kept where the reader is

  function focusAction(id, action) {
    var item = list.querySelector("[data-question='" + id + "']");
    var button = item && item.querySelector("[data-action='" + action + "']");
    if (button) button.focus();
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    var id = button.closest("[data-question]").getAttribute("data-question");
    var at = pack.questions.indexOf(id);
    var action = button.getAttribute("data-action");
    var count = pack.questions.length;
    if (action === "up" || action === "down") {
      var to = action === "up" ? at - 1 : at + 1;
      if (to < 0 || to >= count) return;
      pack.questions.splice(at, 1);
      pack.questions.splice(to, 0, id);
      commit();
      focusAction(id, action);
      announce(id + " moved " + action + " to position " + (to + 1) + " of " + count + ".");
    } else if (action === "remove") {
      pack.questions.splice(at, 1);
      commit();
      var next = pack.questions[Math.min(at, pack.questions.length - 1)];
      if (next) focusAction(next, "remove");
      else countText.focus();
      announce("Removed " + id + ". " + (pack.questions.length ? "Your pack has "
        + plural(pack.questions.length, "question") + "." : "Your pack is empty."));
    }
  });

  // -- framing, meeting details and options

  form.addEventListener("submit", function (event) { event.preventDefault(); });

  form.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.name) return;
    if (field.name === "framing") {
      if (!field.checked) return;
      pack.framing = field.value === "we" ? "we" : "you";
      commit();
      announce("Questions now framed as \u201c" + pack.framing + "\u201d.");
    } else if (field.name in link.DEFAULT_OPTIONS) {
      pack.options[field.name] = field.checked;
      commit();
    } else if (field.name === "date") {
      pack.date = link.realDate(field.value) ? field.value : "";
      commit();
    } else if (link.TEXT_FIELDS.indexOf(field.name) !== -1) {
      // As typed (spaces tidied when the reader moves on), within the link's limit.
      pack[field.name] = link.firstChars(field.value, rules.maxText);
      store.save(pack);
      drawPreview();
    }
  });

  // Text fields are kept as a link reads them once the reader moves on.
  form.addEventListener("change", function (event) {
    var field = event.target;
    if (link.TEXT_FIELDS.indexOf(field.name) === -1) return;
    pack[field.name] = link.textField(field.value, rules).text;
    // The list does not show meeting details: redrawing it here would pull a button
    // out from under a click that moved focus away from this field.
    store.save(pack);
    drawPreview();
  });

  // -- print, share, copy, download

  function shareUrl() {
    var here = window.location.href.split("#")[0].split("?")[0];
    return here + "?" + link.encode(pack);
  }

  function copyText(text, done, failed) {
    function fallback() {
      var area = el("textarea", { className: "sp-mypack-vh", "aria-hidden": "true", tabindex: "-1" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      area.remove();
      if (ok) done(); else failed();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function needsQuestions(button) {
    if (button.getAttribute("aria-disabled") !== "true") return true;
    announce("Your pack is empty. Add questions first.");
    return false;
  }

  // A file made here, saved by the browser as a download.
  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    announce("Downloading " + name + ".");
  }

  var making = false;  // a Word file is being made: a second press waits for it

  var actions = {
    print: function () {
      drawPreview();
      window.print();
    },
    link: function () {
      var url = shareUrl();
      linkField.value = url;
      linkBox.hidden = false;
      page.querySelector("[data-sp-mypack-share-local]").hidden = window.location.protocol !== "file:";
      copyText(url, function () {
        announce("Link copied. Anyone who opens it sees this pack.");
      }, function () {
        linkField.focus();
        linkField.select();
        announce("Your browser did not allow copying. The link is selected: copy it with your keyboard.");
      });
    },
    csv: function () {
      var name = SP.exports.fileName(pack, bank, "csv");
      download(new Blob([SP.exports.asCsv(pack, bank)], { type: "text/csv;charset=utf-8" }), name);
    },
    word: function () {
      // window.docx: the docx package's browser bundle, which word.js loads on the first press (publish/vendor.py).
      if (making) return;
      making = true;
      var name = SP.exports.fileName(pack, bank, "docx");
      SP.word.blob(pack, bank, window.docx).then(function (blob) {
        making = false;
        download(blob, name);
      }, function () {
        making = false;
        announce("The Word file could not be made. Print the pack or copy it as text instead.");
      });
    },
    text: function () {
      var text = SP.exports.asText(pack, bank);
      textField.value = text;
      copyText(text, function () {
        textBox.hidden = true;
        announce("The pack is copied as text. Paste it into your report.");
      }, function () {
        textBox.hidden = false;
        textField.focus();
        textField.select();
        announce("Your browser did not allow copying. The text is selected: copy it with your keyboard.");
      });
    },
    clear: function () {
      if (!window.confirm("Remove all " + plural(pack.questions.length, "question") + " from your pack?")) return;
      pack.questions = [];
      commit();
      countText.focus();
      announce("Your pack is empty.");
    }
  };

  page.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-sp-mypack-action]");
    if (!button) return;
    if (button.hasAttribute("data-sp-mypack-needs-questions") && !needsQuestions(button)) return;
    actions[button.getAttribute("data-sp-mypack-action")]();
  });

  window.addEventListener("beforeprint", drawPreview);

  window.addEventListener("storage", function (event) {
    if (event.key !== store.key) return;
    pack = checked(store.load()).pack;
    fillForm();
    redraw();
  });

  // For tests and for anyone curious: the link format and the pack as text.
  window.scrutinyPacksMyPack = {
    encode: link.encode,
    decode: function (query) { return link.decode(query, rules); },
    asText: function () { return SP.exports.asText(pack, bank); },
    asCsv: function () { return SP.exports.asCsv(pack, bank); }
  };
})();
