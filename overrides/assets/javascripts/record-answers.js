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
  var problemList = SP.recordProblems, plural = SP.words && SP.words.plural;
  if (!checks || !yaml || !kept || !form || !problemList || !plural) return;

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
  function readKept(store, key, shape) {
    var fromStore = { state: { on: false, entries: {} }, notes: [], setAside: [] };
    try {
      fromStore = kept.read(store ? store.getItem(key) : null, shape);
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
    var store = openStore(data.storageKey);
    var fromStore = readKept(store, data.storageKey, shape);
    var state = fromStore.state;

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

    function download() {
      var entries = form.entriesInOrder(ui, blocks, state.entries);
      var found = checks.problems(entries, data);
      problemList.show(doc, ui.problems, found);
      if (found.length) {
        ui.problems.box.focus();
        say("The record file was not downloaded: " + plural(found.length, "problem") + " to fix first.");
        return;
      }
      var heading = [shape.schemaComment, "# The record of " + data.meeting.title + ", made on the meeting's page.",
        "# Records are published: roles, never names, and nothing about any child, family or member of staff."];
      var text = yaml.toYaml(yaml.record(entries, data), shape, heading);
      var link = doc.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
      link.download = data.fileName;
      link.hidden = true;
      doc.body.appendChild(link);
      link.click();
      root.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      say("Downloaded " + data.fileName + " with " + plural(entries.length, "answer") +
        ". Add it to content/meetings/ in the repository.");
    }

    function show() {
      ui.toggle.setAttribute("aria-pressed", state.on ? "true" : "false");
      ui.forms.forEach(function (f) { f.hidden = !state.on; });
      ui.finish.hidden = !state.on;
      ui.finishLink.hidden = !state.on;
    }

    blocks.forEach(function (q) {
      form.fieldOf(q.block, names.summary).maxLength = shape.answer.maxLength[names.summary];
      form.fill(ui, q, entryOf(q));
      function read() { state.entries[q.key] = form.read(ui, q); }
      q.block.addEventListener("input", function () {
        read();
        save();
        if (!ui.problems.box.hidden) problemList.show(doc, ui.problems, checks.problems(form.entriesInOrder(ui, blocks, state.entries), data));
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
      save();
      blocks.forEach(function (q) { form.fill(ui, q, entryOf(q)); });
      problemList.show(doc, ui.problems, []);
      ui.confirmBox.hidden = true;
      ui.clearButton.focus();
      say("Every entry for this meeting is cleared from this browser.");
    });

    // What was kept and could not be used, said where the clerk sees it before anything else.
    showKeptNotes(doc, mode, fromStore.notes);
    mode.hidden = false;
    if (!store) ui.status.textContent = "This browser does not keep entries: download the record file before you leave the page.";
    show();
  }

  var dataElement = document.getElementById("sp-record-data");
  var mode = document.querySelector("[data-sp-record-mode]");
  if (!dataElement || !mode) return;
  var data;
  try { data = JSON.parse(dataElement.textContent); } catch (e) { return; }
  start(document, data, mode);
})(typeof window !== "undefined" ? window : this);
