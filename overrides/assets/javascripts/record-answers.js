/* A meeting page's "Record answers" mode: the clerk notes, for each question asked, its RAG status, a
 * summary of the answer, the actions agreed and when to come back to it; the entries are kept in this
 * browser (localStorage, by meeting id) until cleared, and "Download record file" writes
 * <meeting id>.record.yml for content/meetings/. A classic script, so it runs from file:// in the
 * offline copy too. Everything about the record's shape (field names, order, required fields,
 * lengths, RAG values, statuses) and the validator's rules for personal data come from the JSON
 * block the build adds to the page (<script id="sp-record-data">, site/record_form.py).
 *
 * This file is the page: the form, its fields and the buttons. Its jobs are in record/: checks.js (what
 * `validate` would refuse), yaml.js (the record file's text) and kept.js (reading what this browser
 * kept, as untrusted input); words.js says counts.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks || {};
  var checks = SP.recordChecks, yaml = SP.recordYaml, kept = SP.recordKept, plural = SP.words && SP.words.plural;
  if (!checks || !yaml || !kept || !plural) return;

  // -- the page --------------------------------------------------------------------------------
  var dataElement = document.getElementById("sp-record-data");
  var mode = document.querySelector("[data-sp-record-mode]");
  if (!dataElement || !mode) return;
  var data;
  try { data = JSON.parse(dataElement.textContent); } catch (e) { return; }
  var shape = data.record;
  var names = shape.names;
  var toggle = mode.querySelector("[data-sp-record-toggle]");
  var finishLink = mode.querySelector("[data-sp-record-finish-link]");
  var status = mode.querySelector("[data-sp-record-status]");
  var finish = document.querySelector("[data-sp-record-finish]");
  var forms = Array.prototype.slice.call(document.querySelectorAll("[data-sp-record-item]"));
  function part(name) { return finish.querySelector("[data-sp-record-" + name + "]"); }
  var template = part("action-template"), problemBox = part("problems"), problemList = part("problem-list");
  var problemTitle = finish.querySelector(".sp-record-problems-title");
  var confirmBox = part("confirm"), clearButton = part("clear"), downloadButton = part("download");

  var store = null;
  try {
    store = root.localStorage;
    store.setItem(data.storageKey + ":probe", "1");
    store.removeItem(data.storageKey + ":probe");
  } catch (e) {
    store = null;
  }
  var fromStore = { state: { on: false, entries: {} }, notes: [], setAside: [] };
  try {
    fromStore = kept.read(store ? store.getItem(data.storageKey) : null, shape);
  } catch (e) { /* storage that cannot be read at all: start afresh */ }
  var state = fromStore.state;
  if (store && fromStore.setAside.length) {
    // What could not be used is kept beside the entries, not lost; the repaired entries replace it.
    var aside = [];
    try { aside = JSON.parse(store.getItem(data.storageKey + ":set-aside") || "[]"); } catch (e) { /* replaced below */ }
    try {
      store.setItem(data.storageKey + ":set-aside", JSON.stringify((Array.isArray(aside) ? aside : []).concat(fromStore.setAside)));
      store.setItem(data.storageKey, JSON.stringify(state));
    } catch (e) { /* kept as it was */ }
  }

  function save() {
    if (!store) return;
    try { store.setItem(data.storageKey, JSON.stringify(state)); } catch (e) { say("This browser would not keep the entries: download the record file before you leave the page."); }
  }

  function say(message) {
    status.textContent = "";
    root.setTimeout(function () { status.textContent = message; }, 50);
  }

  function questionBlocks() {
    var out = [];
    forms.forEach(function (form) {
      Array.prototype.forEach.call(form.querySelectorAll("[data-sp-record-question]"), function (block) {
        out.push({ item: form.getAttribute("data-sp-record-item"), block: block,
          question: block.getAttribute("data-sp-record-question"),
          key: form.getAttribute("data-sp-record-item") + "|" + block.getAttribute("data-sp-record-question") });
      });
    });
    return out;
  }

  function fieldOf(block, name, part) {
    var selector = "[data-sp-record-field=\"" + name + "\"]" + (part ? "[data-sp-record-part=\"" + part + "\"]" : "");
    return block.querySelector(selector);
  }

  var emptyEntry = kept.emptyEntry;

  function actionRows(block) { return block.querySelector("[data-sp-record-action-rows]"); }

  function drawActions(q) {
    var entry = state.entries[q.key] || emptyEntry();
    var rows = actionRows(q.block);
    rows.textContent = "";
    var number = q.block.querySelector("legend").textContent.split(":")[0];
    entry.actions.forEach(function (values, index) {
      var row = template.firstElementChild.cloneNode(true);
      var base = q.block.id + "-action-" + (index + 1);
      row.querySelector("[data-sp-record-action-legend]").textContent = "Action " + (index + 1) + " on " + number.toLowerCase();
      Array.prototype.forEach.call(row.querySelectorAll("[data-id]"), function (input) {
        input.id = base + "-" + input.getAttribute("data-id");
        var name = input.getAttribute("data-sp-record-field");
        input.value = values[name] || (input.tagName === "SELECT" ? shape.statusDefault : "");
      });
      Array.prototype.forEach.call(row.querySelectorAll("label[data-for]"), function (label) {
        label.htmlFor = base + "-" + label.getAttribute("data-for");
      });
      var remove = row.querySelector("[data-sp-record-remove-action]");
      remove.textContent = "Remove action " + (index + 1);
      remove.setAttribute("data-index", String(index));
      rows.appendChild(row);
    });
    rows.hidden = entry.actions.length === 0;
  }

  function fill(q) {
    var entry = state.entries[q.key] || emptyEntry();
    var v = entry.values;
    Array.prototype.forEach.call(q.block.querySelectorAll("input[type=radio]"), function (radio) {
      radio.checked = v[names.rag] === radio.value;
    });
    fieldOf(q.block, names.summary).value = v[names.summary] || "";
    fieldOf(q.block, names.revisit, "date").value = v[names.revisit + ".date"] || "";
    fieldOf(q.block, names.revisit, "meeting").value = v[names.revisit + ".meeting"] || "";
    drawActions(q);
  }

  function read(q) {
    var v = {};
    var checked = q.block.querySelector("input[type=radio]:checked");
    if (checked) v[names.rag] = checked.value;
    v[names.summary] = fieldOf(q.block, names.summary).value;
    v[names.revisit + ".date"] = fieldOf(q.block, names.revisit, "date").value;
    v[names.revisit + ".meeting"] = fieldOf(q.block, names.revisit, "meeting").value;
    var actions = Array.prototype.map.call(actionRows(q.block).querySelectorAll("[data-sp-record-action]"), function (row) {
      var values = {};
      Array.prototype.forEach.call(row.querySelectorAll("[data-sp-record-field]"), function (input) {
        values[input.getAttribute("data-sp-record-field")] = input.value;
      });
      return values;
    });
    state.entries[q.key] = { values: v, actions: actions };
  }

  function filled(entry) {
    var v = entry.values;
    return Boolean(v[names.rag] || (v[names.summary] || "").trim() || (v[names.revisit + ".date"] || "").trim() ||
      v[names.revisit + ".meeting"] || entry.actions.length);
  }

  // The entries as the checks and the record read them, in agenda order.
  function entriesInOrder() {
    var out = [];
    var blocks = questionBlocks();
    blocks.forEach(function (q) {
      var entry = state.entries[q.key];
      if (!entry || !filled(entry)) return;
      var v = entry.values;
      var label = "Item " + q.item + ", " + q.block.querySelector("legend").textContent.split(":")[0].toLowerCase();
      var date = (v[names.revisit + ".date"] || "").trim(), meeting = v[names.revisit + ".meeting"] || "";
      var answer = {};
      answer[names.question] = q.question;
      answer[names.summary] = (v[names.summary] || "").trim();
      answer[names.rag] = v[names.rag] || "";
      answer[names.revisit] = date || meeting;
      var ids = {};
      ids[names.rag] = q.block.id + "-rag-" + shape.rag[0];
      ids[names.summary] = fieldOf(q.block, names.summary).id;
      ids[names.revisit] = fieldOf(q.block, names.revisit, "date").id;
      out.push({ item: q.item, label: label, answer: answer, ids: ids, revisitDate: date,
        revisitBoth: Boolean(date && meeting),
        actions: entry.actions.map(function (values, index) {
          var clean = {}, actionIds = {};
          shape.action.order.forEach(function (n) {
            clean[n] = (values[n] || "").trim();
            actionIds[n] = q.block.id + "-action-" + (index + 1) + "-" +
              template.querySelector("[data-sp-record-field=\"" + n + "\"]").getAttribute("data-id");
          });
          return { values: clean, ids: actionIds, label: label + ", action " + (index + 1) };
        }) });
    });
    return out;
  }

  function clearMarks() {
    Array.prototype.forEach.call(document.querySelectorAll(".sp-record-error"), function (p) { p.remove(); });
    Array.prototype.forEach.call(document.querySelectorAll("[aria-invalid]"), function (input) {
      input.removeAttribute("aria-invalid");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id.indexOf("-error") < 0;
      });
      if (described.length) input.setAttribute("aria-describedby", described.join(" "));
      else input.removeAttribute("aria-describedby");
    });
  }

  function showProblems(found) {
    clearMarks();
    problemList.textContent = "";
    problemBox.hidden = found.length === 0;
    if (!found.length) return;
    problemTitle.textContent = "The record file cannot be downloaded until " + plural(found.length, "problem is", "problems are") + " fixed:";
    var count = {};
    found.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + p.field;
      a.textContent = p.message;
      a.addEventListener("click", function (event) {
        var target = document.getElementById(p.field);
        if (!target) return;
        event.preventDefault();
        target.focus();
      });
      li.appendChild(a);
      problemList.appendChild(li);
      var input = document.getElementById(p.field);
      if (!input) return;
      var holder = input.closest(".sp-record-field, .sp-record-rag") || input.parentNode;
      count[p.field] = (count[p.field] || 0) + 1;
      var note = document.createElement("p");
      note.className = "sp-record-error";
      note.id = p.field + "-error-" + count[p.field];
      note.textContent = p.message;
      holder.appendChild(note);
      var target = input.type === "radio" ? holder : input;
      target.setAttribute("aria-invalid", "true");
      target.setAttribute("aria-describedby", ((target.getAttribute("aria-describedby") || "") + " " + note.id).trim());
    });
  }

  function download() {
    var entries = entriesInOrder();
    var found = checks.problems(entries, data);
    showProblems(found);
    if (found.length) {
      problemBox.focus();
      say("The record file was not downloaded: " + plural(found.length, "problem") + " to fix first.");
      return;
    }
    var heading = [shape.schemaComment, "# The record of " + data.meeting.title + ", made on the meeting's page.",
      "# Records are published: roles, never names, and nothing about any child, family or member of staff."];
    var text = yaml.toYaml(yaml.record(entries, data), shape, heading);
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
    link.download = data.fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    root.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    say("Downloaded " + data.fileName + " with " + plural(entries.length, "answer") +
      ". Add it to content/meetings/ in the repository.");
  }

  function show() {
    toggle.setAttribute("aria-pressed", state.on ? "true" : "false");
    forms.forEach(function (form) { form.hidden = !state.on; });
    finish.hidden = !state.on;
    finishLink.hidden = !state.on;
  }

  var blocks = questionBlocks();
  data.firstField = blocks.length ? blocks[0].block.id + "-rag-" + shape.rag[0] : "";
  blocks.forEach(function (q) {
    fieldOf(q.block, names.summary).maxLength = shape.answer.maxLength[names.summary];
    fill(q);
    q.block.addEventListener("input", function () { read(q); save(); if (!problemBox.hidden) showProblems(checks.problems(entriesInOrder(), data)); });
    q.block.addEventListener("change", function () { read(q); save(); });
    q.block.addEventListener("click", function (event) {
      var add = event.target.closest("[data-sp-record-add-action]");
      var remove = event.target.closest("[data-sp-record-remove-action]");
      if (!add && !remove) return;
      read(q);
      var entry = state.entries[q.key] || emptyEntry();
      if (add) {
        var fresh = {};
        fresh[names.status] = shape.statusDefault;
        entry.actions.push(fresh);
        drawActions(q);
        var rows = actionRows(q.block).querySelectorAll("[data-sp-record-action]");
        rows[rows.length - 1].querySelector("input").focus();
        say("Action " + entry.actions.length + " added.");
      } else {
        var index = Number(remove.getAttribute("data-index"));
        entry.actions.splice(index, 1);
        drawActions(q);
        q.block.querySelector("[data-sp-record-add-action]").focus();
        say("Action " + (index + 1) + " removed.");
      }
      save();
    });
  });

  toggle.addEventListener("click", function () {
    state.on = !state.on;
    save();
    show();
    say(state.on ? "Record answers is on: each agenda item now has a form under its questions." : "Record answers is off. Your entries are kept.");
  });
  downloadButton.addEventListener("click", download);
  clearButton.addEventListener("click", function () {
    confirmBox.hidden = false;
    confirmBox.querySelector("[data-sp-record-confirm-yes]").focus();
  });
  confirmBox.querySelector("[data-sp-record-confirm-no]").addEventListener("click", function () {
    confirmBox.hidden = true;
    clearButton.focus();
  });
  confirmBox.querySelector("[data-sp-record-confirm-yes]").addEventListener("click", function () {
    state.entries = {};
    save();
    blocks.forEach(fill);
    showProblems([]);
    confirmBox.hidden = true;
    clearButton.focus();
    say("Every entry for this meeting is cleared from this browser.");
  });

  // What was kept and could not be used, said where the clerk sees it before anything else.
  var keptNotice = mode.querySelector("[data-sp-record-kept-notice]");
  if (keptNotice && fromStore.notes.length) {
    var list = keptNotice.querySelector("ul");
    fromStore.notes.forEach(function (note) {
      var li = document.createElement("li");
      li.textContent = note + ".";
      list.appendChild(li);
    });
    keptNotice.hidden = false;
  }
  mode.hidden = false;
  if (!store) status.textContent = "This browser does not keep entries: download the record file before you leave the page.";
  show();
})(typeof window !== "undefined" ? window : this);
