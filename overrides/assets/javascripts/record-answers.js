/* A meeting page's "Record answers" mode: the clerk notes, for each question asked, its RAG status, a
 * summary of the answer, the actions agreed and when to come back to it; the entries are kept in this
 * browser (localStorage, by meeting id) until cleared, and "Download record file" writes
 * <meeting id>.record.yml for content/meetings/. A classic script, so it runs from file:// in the
 * offline copy too. Everything about the record's shape (field names, order, required fields,
 * lengths, RAG values, statuses) and the validator's rules for personal data come from the JSON
 * block the build adds to the page (<script id="sp-record-data">, site/record_form.py).
 *
 * This file starts the mode and wires its buttons. The jobs are in record/: checks.js (what
 * `validate` would refuse), yaml.js (the record file's text), kept.js (reading what this browser
 * kept, as untrusted input), form.js (the form under each item) and problem-list.js (the problems
 * that stop the download); words.js says counts. The entries ({on, entries}) are made here and
 * handed to each of them.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks || {};
  var checks = SP.recordChecks, yaml = SP.recordYaml, kept = SP.recordKept, form = SP.recordForm;
  var agreed = SP.recordAgreed, problemList = SP.recordProblems, plural = SP.words && SP.words.plural;
  if (!checks || !yaml || !kept || !form || !agreed || !problemList || !plural) return;
  var KINDS = ["recommendation", "request"];

  function part(holder, name) { return holder.querySelector("[data-sp-record-" + name + "]"); }

  // Storage that works, or null (private windows, blocked site data): the entries then live in memory.
  function openStore(key) {
    try {
      var store = root.localStorage;
      store.setItem(key + ":probe", "1");
      store.removeItem(key + ":probe");
      return store;
    } catch (e) {
      return null;
    }
  }

  // What this browser kept, checked (kept.js); what could not be used is kept beside it, not lost.
  function readKept(store, key, shape, follow) {
    var fromStore = { state: { on: false, entries: {}, recommendations: [], requests: [] }, notes: [], setAside: [] };
    try {
      fromStore = kept.read(store ? store.getItem(key) : null, shape, follow);
    } catch (e) { /* storage that cannot be read at all: start afresh */ }
    if (store && fromStore.setAside.length) {
      var aside = [];
      try { aside = JSON.parse(store.getItem(key + ":set-aside") || "[]"); } catch (e) { /* replaced below */ }
      try {
        store.setItem(key + ":set-aside", JSON.stringify((Array.isArray(aside) ? aside : []).concat(fromStore.setAside)));
        store.setItem(key, JSON.stringify(fromStore.state));
      } catch (e) { /* kept as it was */ }
    }
    return fromStore;
  }

  function showKeptNotes(doc, mode, notes) {
    var notice = part(mode, "kept-notice");
    if (!notice || !notes.length) return;
    var list = notice.querySelector("ul");
    notes.forEach(function (note) {
      var li = doc.createElement("li");
      li.textContent = note + ".";
      list.appendChild(li);
    });
    notice.hidden = false;
  }

  function start(doc, data, mode) {
    var shape = data.record, names = shape.names;
    var finish = doc.querySelector("[data-sp-record-finish]");
    var ui = {
      shape: shape, names: names, template: part(finish, "action-template"),
      toggle: part(mode, "toggle"), finishLink: part(mode, "finish-link"), status: part(mode, "status"),
      finish: finish, forms: Array.prototype.slice.call(doc.querySelectorAll("[data-sp-record-item]")),
      problems: { box: part(finish, "problems"), list: part(finish, "problem-list"),
        title: finish.querySelector(".sp-record-problems-title") },
      confirmBox: part(finish, "confirm"), clearButton: part(finish, "clear"), downloadButton: part(finish, "download")
    };
    var section = doc.querySelector("[data-sp-record-agreed]");
    var drafts = { save: part(finish, "save-draft"), open: part(finish, "open-draft"), reopen: part(finish, "reopen") };
    var store = openStore(data.storageKey);
    var fromStore = readKept(store, data.storageKey, shape, data.followUp);
    var state = fromStore.state;
    var firstItem = data.items.length ? String(data.items[0].number) : "";

    // The published record, in the form's terms; kept entries come first, as the clerk's own.
    function published(on) {
      return kept.read(JSON.stringify(Object.assign({}, data.published, { on: on })), shape, data.followUp).state;
    }
    var openedPublished = false;
    if (data.published && !kept.hasEntries(state)) {
      state = published(state.on);
      openedPublished = true;
    }

    function say(message) {
      ui.status.textContent = "";
      root.setTimeout(function () { ui.status.textContent = message; }, 50);
    }

    function save() {
      if (!store) return;
      try { store.setItem(data.storageKey, JSON.stringify(state)); } catch (e) { say("This browser would not keep the entries: download the record file before you leave the page."); }
    }

    function entryOf(q) { return state.entries[q.key] || kept.emptyEntry(); }

    var blocks = form.questionBlocks(ui.forms);
    data.firstField = blocks.length ? blocks[0].block.id + "-rag-" + shape.rag[0] : "";

    function agreedRows() {
      return agreed.forChecks("recommendation", state.recommendations).concat(agreed.forChecks("request", state.requests));
    }

    function drawAgreed() {
      KINDS.forEach(function (kind) { agreed.draw(section, kind, state[kind + "s"], firstItem); });
    }

    function fillAll() {
      blocks.forEach(function (q) { form.fill(ui, q, entryOf(q)); });
      drawAgreed();
    }

    function recheck() {
      if (!ui.problems.box.hidden) {
        problemList.show(doc, ui.problems, checks.problems(form.entriesInOrder(ui, blocks, state.entries), data, agreedRows()));
      }
    }

    function download() {
      var entries = form.entriesInOrder(ui, blocks, state.entries);
      var rows = agreedRows();
      var found = checks.problems(entries, data, rows);
      problemList.show(doc, ui.problems, found);
      if (found.length) {
        ui.problems.box.focus();
        say("The record file was not downloaded: " + plural(found.length, "problem") + " to fix first.");
        return;
      }
      var heading = [shape.schemaComment, "# The record of " + data.meeting.title + ", made on the meeting's page.",
        "# Records are published: roles, never names, and nothing about any child, family or member of staff."];
      var text = yaml.toYaml(yaml.record(entries, data, rows), shape, heading, data.followUp);
      var link = doc.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
      link.download = data.fileName;
      link.hidden = true;
      doc.body.appendChild(link);
      link.click();
      root.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      say("Downloaded " + data.fileName + " with " + plural(entries.length, "answer") + ", " +
        plural(state.recommendations.length, "recommendation") + " and " + plural(state.requests.length, "information request") +
        ". Add it to content/meetings/ in the repository, in place of the one there.");
    }

    function show() {
      ui.toggle.setAttribute("aria-pressed", state.on ? "true" : "false");
      ui.forms.forEach(function (f) { f.hidden = !state.on; });
      ui.finish.hidden = !state.on;
      section.hidden = !state.on;
      ui.finishLink.hidden = !state.on;
    }

    blocks.forEach(function (q) {
      form.fieldOf(q.block, names.summary).maxLength = shape.answer.maxLength[names.summary];
      form.fill(ui, q, entryOf(q));
      function read() { state.entries[q.key] = form.read(ui, q); }
      q.block.addEventListener("input", function () {
        read();
        save();
        recheck();
      });
      q.block.addEventListener("change", function () { read(); save(); });
      q.block.addEventListener("click", function (event) {
        var add = event.target.closest("[data-sp-record-add-action]");
        var remove = event.target.closest("[data-sp-record-remove-action]");
        if (!add && !remove) return;
        read();
        var entry = state.entries[q.key];
        if (add) {
          var fresh = {};
          fresh[names.status] = shape.statusDefault;
          entry.actions.push(fresh);
          form.drawActions(ui, q, entry);
          var rows = form.actionRows(q.block).querySelectorAll("[data-sp-record-action]");
          rows[rows.length - 1].querySelector("input").focus();
          say("Action " + entry.actions.length + " added.");
        } else {
          var index = Number(remove.getAttribute("data-index"));
          entry.actions.splice(index, 1);
          form.drawActions(ui, q, entry);
          q.block.querySelector("[data-sp-record-add-action]").focus();
          say("Action " + (index + 1) + " removed.");
        }
        save();
      });
    });

    function readAgreed() {
      KINDS.forEach(function (kind) { state[kind + "s"] = agreed.read(section, kind, state[kind + "s"]); });
    }
    section.addEventListener("input", function () { readAgreed(); save(); recheck(); });
    section.addEventListener("change", function () { readAgreed(); save(); });
    section.addEventListener("click", function (event) {
      var add = event.target.closest("[data-sp-record-add]");
      var remove = event.target.closest("[data-sp-record-remove]");
      if (!add && !remove) return;
      readAgreed();
      var kind = (add || remove).getAttribute(add ? "data-sp-record-add" : "data-kind");
      var list = state[kind + "s"];
      var word = kind === "request" ? "Information request " : "Recommendation ";
      if (add) {
        var fresh = { item: firstItem };
        if (kind === "recommendation") fresh.ref = nextRef();
        list.push(fresh);
        agreed.draw(section, kind, list, firstItem);
        var rows = section.querySelector("[data-sp-record-rows=\"" + kind + "\"]").children;
        rows[rows.length - 1].querySelector("input, select, textarea").focus();
        say(word + list.length + " added.");
      } else {
        var index = Number(remove.getAttribute("data-index"));
        list.splice(index, 1);
        agreed.draw(section, kind, list, firstItem);
        section.querySelector("[data-sp-record-add=\"" + kind + "\"]").focus();
        say(word + (index + 1) + " removed.");
      }
      save();
    });

    // The next free reference: the build's, after any this form has added in the same municipal year.
    function nextRef() {
      var suggested = (data.rules && data.rules.nextRef) || "";
      var m = /^(.*\/)([0-9]+)$/.exec(suggested);
      if (!m) return suggested;
      var n = Number(m[2]);
      state.recommendations.forEach(function (r) {
        var own = typeof r.ref === "string" && r.ref.indexOf(m[1]) === 0 ? Number(r.ref.slice(m[1].length)) : 0;
        if (own >= n) n = own + 1;
      });
      return m[1] + n;
    }

    drafts.save.addEventListener("click", function () {
      var name = data.meeting.id + ".record-draft.json";
      var link = doc.createElement("a");
      link.href = URL.createObjectURL(new Blob([kept.draftText(state, data.meeting.id)], { type: "application/json" }));
      link.download = name;
      link.hidden = true;
      doc.body.appendChild(link);
      link.click();
      root.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      say("Saved the draft as " + name + ". Open it here, on this device or another, to carry on.");
    });
    drafts.open.addEventListener("change", function () {
      var file = drafts.open.files && drafts.open.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var opened = kept.readDraft(text, data.meeting.id, shape, data.followUp);
        drafts.open.value = "";
        if (opened.error) { say(opened.error + "."); return; }
        state = opened.state;
        save();
        fillAll();
        show();
        showKeptNotes(doc, mode, opened.notes);
        say("Opened the draft " + file.name + (opened.notes.length ? "; some of it could not be used, as said above." : "."));
      }, function () { say("The file could not be read, so nothing was opened."); });
    });
    drafts.reopen.hidden = !data.published;
    drafts.reopen.addEventListener("click", function () {
      state = published(true);
      save();
      fillAll();
      problemList.show(doc, ui.problems, []);
      say("The form now holds the published record again.");
    });

    ui.toggle.addEventListener("click", function () {
      state.on = !state.on;
      save();
      show();
      say(state.on ? "Record answers is on: each agenda item now has a form under its questions." : "Record answers is off. Your entries are kept.");
    });
    ui.downloadButton.addEventListener("click", download);
    ui.clearButton.addEventListener("click", function () {
      ui.confirmBox.hidden = false;
      ui.confirmBox.querySelector("[data-sp-record-confirm-yes]").focus();
    });
    ui.confirmBox.querySelector("[data-sp-record-confirm-no]").addEventListener("click", function () {
      ui.confirmBox.hidden = true;
      ui.clearButton.focus();
    });
    ui.confirmBox.querySelector("[data-sp-record-confirm-yes]").addEventListener("click", function () {
      state.entries = {};
      state.recommendations = [];
      state.requests = [];
      save();
      fillAll();
      problemList.show(doc, ui.problems, []);
      ui.confirmBox.hidden = true;
      ui.clearButton.focus();
      say("Every entry for this meeting is cleared from this browser.");
    });

    // What was kept and could not be used, said where the clerk sees it before anything else.
    showKeptNotes(doc, mode, fromStore.notes);
    drawAgreed();
    mode.hidden = false;
    // Where the meeting's record is published the page comes saying the form holds it (so nothing moves
    // when this starts); that stays true unless this browser's own entries were opened instead.
    if (!openedPublished) {
      ui.status.textContent = store ? "" : "This browser does not keep entries: download the record file before you leave the page.";
    }
    show();
  }

  var dataElement = document.getElementById("sp-record-data");
  var mode = document.querySelector("[data-sp-record-mode]");
  if (!dataElement || !mode) return;
  var data;
  try { data = JSON.parse(dataElement.textContent); } catch (e) { return; }
  start(document, data, mode);
})(typeof window !== "undefined" ? window : this);
