/* The My pack page: the list of chosen questions (move, remove), the framing, meeting details and
 * options, the notices, and print, share, copy and download.
 *
 * No state lives in this file. start(ui) makes a session, {pack, making}, and every function here
 * is given the page's parts (`ui`: the elements, the bank, the link's rules, the store, say() and
 * the header's update) and the session it works on.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};

  function el(ui, tag, attributes, children) { return SP.render.el(ui.doc, tag, attributes, children); }

  function hiddenText(ui, text) { return el(ui, "span", { className: "sp-mypack-vh" }, [text]); }

  function plural(count, word) { return SP.words.plural(count, word); }

  function checked(ui, candidate) { return SP.notices.checked(candidate, ui.bank, ui.rules); }

  function noticeText(ui, n) { return SP.notices.noticeText(n, ui.rules); }

  // -- drawing the page

  function drawList(ui, s) {
    var count = s.pack.questions.length;
    ui.list.textContent = "";
    s.pack.questions.forEach(function (id, index) {
      var q = ui.bank.questions[id];
      var area = ui.bank.areas[q.area];
      var name = " (ref. " + id + ")";
      var up = el(ui, "button", { type: "button", className: "md-button sp-mypack-move", "data-action": "up",
        "aria-disabled": index === 0 ? "true" : null }, ["Move up", hiddenText(ui, name)]);
      var down = el(ui, "button", { type: "button", className: "md-button sp-mypack-move", "data-action": "down",
        "aria-disabled": index === count - 1 ? "true" : null }, ["Move down", hiddenText(ui, name)]);
      var remove = el(ui, "button", { type: "button", className: "md-button sp-mypack-remove", "data-action": "remove" },
        ["Remove", hiddenText(ui, name)]);
      var text = SP.view.frame(q.text, s.pack.framing, ui.bank);
      ui.list.appendChild(el(ui, "li", { className: "sp-mypack-item", "data-question": id }, [
        el(ui, "p", { className: "sp-mypack-item__text" }, [q.href ? el(ui, "a", { href: q.href }, [text]) : text]),
        el(ui, "p", { className: "sp-mypack-item__meta" }, ["Ref. " + id + (area ? " \u00b7 Area: " + area.name : "")]),
        el(ui, "div", { className: "sp-mypack-item__actions" }, [up, down, remove])
      ]));
    });
    ui.list.hidden = count === 0;
    ui.empty.hidden = count !== 0;
    ui.countText.textContent = count === 0 ? "No questions chosen yet." : "You have chosen " + plural(count, "question") + ".";
    ui.page.querySelectorAll("[data-sp-mypack-needs-questions]").forEach(function (button) {
      button.setAttribute("aria-disabled", count === 0 ? "true" : "false");
    });
  }

  function drawPreview(ui, s) {
    ui.preview.textContent = "";
    var drawn = s.pack.questions.length ? SP.render.drawPack(ui.doc, s.pack, ui.bank) : null;
    if (drawn) ui.preview.appendChild(drawn);
    setPrintFooter(ui.doc, drawn);
  }

  // The running footer of the printed pack: the body, date and agenda item, then the title, as the
  // built PDFs print them. Chromium prints @page margin boxes but not string(), so the words go into
  // a stylesheet of their own as literal text, written again each time the pack is drawn. Every
  // character but letters, digits and spaces is a CSS escape, so nothing typed can end the rule.
  function cssString(text) {
    return "\"" + Array.from(text).map(function (ch) {
      return /[A-Za-z0-9 ]/.test(ch) ? ch : "\\" + ch.codePointAt(0).toString(16) + " ";
    }).join("") + "\"";
  }

  function setPrintFooter(doc, drawn) {
    var style = doc.getElementById("sp-mypack-print-footer");
    if (!style) {
      style = doc.createElement("style");
      style.id = "sp-mypack-print-footer";
      doc.head.appendChild(style);
    }
    if (!drawn) {
      style.textContent = "";
      return;
    }
    var meeting = drawn.getAttribute("data-footer-meeting") || "";
    var title = cssString(drawn.getAttribute("data-footer-title") || "");
    var box = "@bottom-left { content: " + (meeting ? cssString(meeting) + " \"\\A \" " + title : title)
      + "; white-space: pre-wrap; }";
    style.textContent = "@media print { @page sp-pack { " + box + " } @page sp-pack-meeting { " + box + " } }";
  }

  function fillForm(ui, s) {
    var form = ui.form;
    form.elements.namedItem("framing").value = s.pack.framing;
    ["body", "meeting", "date", "item", "title"].forEach(function (name) {
      form.elements.namedItem(name).value = s.pack[name];
    });
    SP.link.OPTION_LETTERS.forEach(function (pair) { form.elements.namedItem(pair[1]).checked = s.pack.options[pair[1]]; });
  }

  function redraw(ui, s) {
    drawList(ui, s);
    drawPreview(ui, s);
    ui.updateHeader(s.pack);
  }

  function commit(ui, s) {
    ui.store.save(s.pack);
    redraw(ui, s);
  }

  function showNotices(ui, lines, title) {
    if (!lines.length) return;
    ui.noticeBox.appendChild(el(ui, "div", { className: "admonition warning sp-mypack-notice" }, [
      el(ui, "p", { className: "admonition-title" }, [title]),
      el(ui, "ul", {}, lines.map(function (line) { return el(ui, "li", {}, [line]); }))
    ]));
    ui.noticeBox.hidden = false;
  }

  function showReplaced(ui, s, previous) {
    var link = SP.link;
    var restore = el(ui, "button", { type: "button", className: "md-button" }, ["Put back my earlier pack"]);
    var box = el(ui, "div", { className: "admonition info sp-mypack-notice" }, [
      el(ui, "p", { className: "admonition-title" }, ["This link replaced your earlier pack"]),
      el(ui, "p", {}, ["You had " + plural(link.decode(previous, ui.rules).pack.questions.length, "question")
        + " in your pack before you opened this link. "]),
      el(ui, "p", {}, [restore])
    ]);
    restore.addEventListener("click", function () {
      s.pack = checked(ui, link.decode(previous, ui.rules).pack).pack;
      ui.store.keepPrevious(null);
      fillForm(ui, s);
      commit(ui, s);
      box.remove();
      if (!ui.noticeBox.children.length) ui.noticeBox.hidden = true;
      ui.countText.focus();
      ui.say("Your earlier pack is back. It has " + plural(s.pack.questions.length, "question") + ".");
    });
    ui.noticeBox.appendChild(box);
    ui.noticeBox.hidden = false;
  }

  // -- starting up: a shared link wins over what was stored, which is kept to put back

  function firstPack(ui, s, location, history) {
    var link = SP.link, rules = ui.rules, store = ui.store;
    if (link.hasLink(location.search, rules)) {
      var read = link.decode(link.queryOf(location.search, rules), rules);
      var kept = checked(ui, read.pack);
      s.pack = kept.pack;
      var previous = store.read();
      if (previous !== null && link.decode(previous, rules).pack.questions.length && previous !== link.encode(s.pack)) {
        store.keepPrevious(previous);
        showReplaced(ui, s, previous);
      }
      store.save(s.pack);
      // The pack now lives in this browser; a reload should not undo later changes.
      if (history && history.replaceState) history.replaceState(null, "", location.pathname + location.hash);
      showNotices(ui, read.notices.map(function (n) { return noticeText(ui, n); }).concat(kept.notices),
        "Some of the link could not be used");
    } else {
      var inspected = store.inspect();  // what this browser kept, checked as a link is
      var stored = checked(ui, inspected.pack);
      s.pack = stored.pack;
      if (stored.notices.length) store.save(s.pack);
      if (inspected.notices.length) {
        showNotices(ui, inspected.notices.map(function (n) { return noticeText(ui, n); }).concat(stored.notices),
          "Some of what this browser kept for your pack could not be used; it is set aside");
      } else {
        showNotices(ui, stored.notices, "Some questions have left your pack");
      }
    }
    if (!store.works) {
      showNotices(ui, ["This browser is not letting the site keep your pack, so it will be lost when you leave "
        + "this page. Use \u201cCopy link\u201d to keep it."], "Your pack is not being saved");
    }
  }

  // -- the list: move and remove, with focus kept where the reader is

  function focusAction(ui, id, action) {
    var item = ui.list.querySelector("[data-question='" + id + "']");
    var button = item && item.querySelector("[data-action='" + action + "']");
    if (button) button.focus();
  }

  function onListClick(ui, s, event) {
    var button = event.target.closest("button[data-action]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    var id = button.closest("[data-question]").getAttribute("data-question");
    var at = s.pack.questions.indexOf(id);
    var action = button.getAttribute("data-action");
    var count = s.pack.questions.length;
    if (action === "up" || action === "down") {
      var to = action === "up" ? at - 1 : at + 1;
      if (to < 0 || to >= count) return;
      s.pack.questions.splice(at, 1);
      s.pack.questions.splice(to, 0, id);
      commit(ui, s);
      focusAction(ui, id, action);
      ui.say(id + " moved " + action + " to position " + (to + 1) + " of " + count + ".");
    } else if (action === "remove") {
      s.pack.questions.splice(at, 1);
      commit(ui, s);
      var next = s.pack.questions[Math.min(at, s.pack.questions.length - 1)];
      if (next) focusAction(ui, next, "remove");
      else ui.countText.focus();
      ui.say("Removed " + id + ". " + (s.pack.questions.length ? "Your pack has "
        + plural(s.pack.questions.length, "question") + "." : "Your pack is empty."));
    }
  }

  // -- framing, meeting details and options

  function onFormInput(ui, s, event) {
    var link = SP.link;
    var field = event.target;
    if (!field.name) return;
    if (field.name === "framing") {
      if (!field.checked) return;
      s.pack.framing = field.value === "we" ? "we" : "you";
      commit(ui, s);
      ui.say("Questions now framed as \u201c" + s.pack.framing + "\u201d.");
    } else if (field.name in link.DEFAULT_OPTIONS) {
      s.pack.options[field.name] = field.checked;
      commit(ui, s);
    } else if (field.name === "date") {
      s.pack.date = link.realDate(field.value, ui.rules) ? field.value : "";
      commit(ui, s);
    } else if (link.TEXT_FIELDS.indexOf(field.name) !== -1) {
      // As typed (spaces tidied when the reader moves on), within the link's limit.
      s.pack[field.name] = link.firstChars(field.value, ui.rules.maxText);
      ui.store.save(s.pack);
      drawPreview(ui, s);
    }
  }

  // Text fields are kept as a link reads them once the reader moves on.
  function onFormChange(ui, s, event) {
    var field = event.target;
    if (SP.link.TEXT_FIELDS.indexOf(field.name) === -1) return;
    s.pack[field.name] = SP.link.textField(field.value, ui.rules).text;
    // The list does not show meeting details: redrawing it here would pull a button
    // out from under a click that moved focus away from this field.
    ui.store.save(s.pack);
    drawPreview(ui, s);
  }

  // -- print, share, copy, download

  function shareUrl(ui, s) {
    var here = root.location.href.split("#")[0].split("?")[0];
    return here + "?" + SP.link.encode(s.pack);
  }

  function copyText(ui, text, done, failed) {
    function fallback() {
      var area = el(ui, "textarea", { className: "sp-mypack-vh", "aria-hidden": "true", tabindex: "-1" });
      area.value = text;
      ui.doc.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = ui.doc.execCommand("copy"); } catch (error) { ok = false; }
      area.remove();
      if (ok) done(); else failed();
    }
    if (root.navigator.clipboard && root.isSecureContext) {
      root.navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function needsQuestions(ui, button) {
    if (button.getAttribute("aria-disabled") !== "true") return true;
    ui.say("Your pack is empty. Add questions first.");
    return false;
  }

  // A file made here, saved by the browser as a download.
  function download(ui, blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el(ui, "a", { href: url, download: name, hidden: true });
    ui.doc.body.appendChild(a);
    a.click();
    a.remove();
    root.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    ui.say("Downloading " + name + ".");
  }

  var ACTIONS = {
    print: function (ui, s) {
      drawPreview(ui, s);
      root.print();
    },
    link: function (ui, s) {
      var url = shareUrl(ui, s);
      ui.linkField.value = url;
      ui.linkBox.hidden = false;
      ui.page.querySelector("[data-sp-mypack-share-local]").hidden = root.location.protocol !== "file:";
      copyText(ui, url, function () {
        ui.say("Link copied. Anyone who opens it sees this pack.");
      }, function () {
        ui.linkField.focus();
        ui.linkField.select();
        ui.say("Your browser did not allow copying. The link is selected: copy it with your keyboard.");
      });
    },
    csv: function (ui, s) {
      var name = SP.exports.fileName(s.pack, ui.bank, "csv");
      download(ui, new Blob([SP.exports.asCsv(s.pack, ui.bank)], { type: "text/csv;charset=utf-8" }), name);
    },
    word: function (ui, s) {
      // window.docx: the docx package's browser bundle, which word.js loads on the first press (publish/vendor.py).
      if (s.making) return;  // a Word file is being made: a second press waits for it
      s.making = true;
      var name = SP.exports.fileName(s.pack, ui.bank, "docx");
      SP.word.blob(s.pack, ui.bank, root.docx).then(function (blob) {
        s.making = false;
        download(ui, blob, name);
      }, function () {
        s.making = false;
        ui.say("The Word file could not be made. Print the pack or copy it as text instead.");
      });
    },
    text: function (ui, s) {
      var text = SP.exports.asText(s.pack, ui.bank);
      ui.textField.value = text;
      copyText(ui, text, function () {
        ui.textBox.hidden = true;
        ui.say("The pack is copied as text. Paste it into your report.");
      }, function () {
        ui.textBox.hidden = false;
        ui.textField.focus();
        ui.textField.select();
        ui.say("Your browser did not allow copying. The text is selected: copy it with your keyboard.");
      });
    },
    clear: function (ui, s) {
      if (!root.confirm("Remove all " + plural(s.pack.questions.length, "question") + " from your pack?")) return;
      s.pack.questions = [];
      commit(ui, s);
      ui.countText.focus();
      ui.say("Your pack is empty.");
    }
  };

  /* The page's parts: `page` the My pack element, `bank` its data, `rules` the link's rules, `store`
   * (storage.js), `say` (announce.js) and `updateHeader(pack)` (buttons.js). Gives the session. */
  function start(page, bank, rules, store, say, updateHeader) {
    var doc = page.ownerDocument;
    function part(name) { return page.querySelector("[data-sp-mypack-" + name + "]"); }
    var ui = {
      doc: doc, page: page, bank: bank, rules: rules, store: store, say: say, updateHeader: updateHeader,
      form: part("form"), list: part("list"), empty: part("empty"), countText: part("count-text"),
      noticeBox: part("notices"), preview: part("preview"), linkBox: part("share"), linkField: part("share-url"),
      textBox: part("text"), textField: part("text-field")
    };
    var s = { pack: null, making: false };
    firstPack(ui, s, root.location, root.history);
    fillForm(ui, s);
    redraw(ui, s);
    page.querySelectorAll("[data-sp-mypack-js]").forEach(function (p) { p.hidden = false; });
    page.querySelectorAll("[data-sp-mypack-nojs]").forEach(function (p) { p.hidden = true; });

    ui.list.addEventListener("click", function (event) { onListClick(ui, s, event); });
    ui.form.addEventListener("submit", function (event) { event.preventDefault(); });
    ui.form.addEventListener("input", function (event) { onFormInput(ui, s, event); });
    ui.form.addEventListener("change", function (event) { onFormChange(ui, s, event); });
    page.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-sp-mypack-action]");
      if (!button) return;
      if (button.hasAttribute("data-sp-mypack-needs-questions") && !needsQuestions(ui, button)) return;
      ACTIONS[button.getAttribute("data-sp-mypack-action")](ui, s);
    });
    root.addEventListener("beforeprint", function () { drawPreview(ui, s); });
    // After another pack is shown (packs.js): the pack kept now, read as on arrival.
    s.reload = function () {
      s.pack = checked(ui, store.inspect().pack).pack;
      fillForm(ui, s);
      redraw(ui, s);
    };
    root.addEventListener("storage", function (event) {
      if (event.key !== store.key) return;
      s.pack = checked(ui, store.load()).pack;
      fillForm(ui, s);
      redraw(ui, s);
    });
    return s;
  }

  SP.editor = { start: start };
})(typeof window !== "undefined" ? window : globalThis);
