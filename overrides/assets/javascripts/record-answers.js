/* A meeting page's "Record answers" mode: the clerk notes, for each question asked, its RAG status, a
 * summary of the answer, the actions agreed and when to come back to it; the entries are kept in this
 * browser (localStorage, by meeting id) until cleared, and "Download record file" writes
 * <meeting id>.record.yml for content/meetings/. A classic script, so it runs from file:// in the
 * offline copy too. Everything about the record's shape (field names, order, required fields,
 * lengths, RAG values, statuses) and the validator's patterns for personal data come from the JSON
 * block the build adds to the page (<script id="sp-record-data">, site/record_form.py).
 * Under Node (tests/js) it exports its pure parts: the YAML writer and the checks.
 */
(function (root) {
  "use strict";

  // -- YAML: every string double-quoted (JSON's escapes are YAML's), so no text can change meaning ---

  // Characters YAML readers refuse or read as line breaks, written as escapes instead.
  var UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
  var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g;

  function quote(text) {
    var clean = String(text).replace(LONE_SURROGATE, function (m, before) {
      return (before || "") + "\ufffd";
    });
    return JSON.stringify(clean).replace(UNSAFE, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function scalar(value) {
    return typeof value === "number" || typeof value === "boolean" ? String(value) : quote(value);
  }

  // A mapping's fields in the schema's order, lists of mappings as "- " blocks.
  function writeMapping(lines, object, shape, shapes, indent, first) {
    var pad = new Array(indent + 1).join(" ");
    var started = false;
    shape.order.forEach(function (key) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) return;
      var value = object[key];
      var lead = !started && first ? pad.slice(2) + "- " : pad;
      started = true;
      if (Array.isArray(value)) {
        lines.push(lead + key + ":");
        value.forEach(function (member) {
          writeMapping(lines, member, shapes[key], shapes, indent + 4, true);
        });
      } else {
        lines.push(lead + key + ": " + scalar(value));
      }
    });
  }

  /* The record file's text: record is {items: [{number, answers: [{question, ...}]}]} keyed by the
   * schema's names. An item number of plain digits is written as a number, as the agenda has it. */
  function toYaml(record, shape, heading) {
    var names = shape.names;
    var itemsKey = shape.top.order[shape.top.order.length - 1];
    var answersKey = shape.item.order[1];
    var shapes = {};
    shapes[itemsKey] = shape.item;
    shapes[answersKey] = shape.answer;
    shapes[names.actions] = shape.action;
    var items = record[itemsKey].map(function (item) {
      var copy = Object.assign({}, item);
      var number = String(item[shape.item.order[0]]);
      copy[shape.item.order[0]] = /^[1-9][0-9]{0,8}$/.test(number) ? Number(number) : number;
      return copy;
    });
    var top = {};
    top[itemsKey] = items;
    var lines = (heading || []).slice();
    writeMapping(lines, top, shape.top, shapes, 0, false);
    return lines.join("\n") + "\n";
  }

  // -- checks: what `scrutiny-packs validate` would refuse that the browser can know -------------

  function roleWord(word, roleWords) {
    var lower = word.toLowerCase();
    return roleWords.indexOf(lower) >= 0 || lower.split("-").every(function (p) { return roleWords.indexOf(p) >= 0; });
  }

  function compile(pattern) { return new RegExp(pattern, "gu"); }

  function matches(pattern, text) {
    var re = compile(pattern);
    var out = [];
    var m;
    while ((m = re.exec(text)) !== null) {
      out.push(m);
      if (m[0] === "") re.lastIndex += 1;
    }
    return out;
  }

  function digits(text) { return text.replace(/\D/g, ""); }

  /* Likely personal data in one text, as the record checks find it: [{kind, text}]. */
  function personalData(text, checks) {
    var found = [];
    var taken = [];
    function add(kind, m) {
      var start = m.index, end = m.index + m[0].length;
      if (taken.some(function (t) { return start < t[1] && t[0] < end; })) return;
      taken.push([start, end]);
      found.push({ kind: kind, text: m[0].split(/\s+/).join(" "), start: start });
    }
    if (/[\d@]/.test(text)) {
      matches(checks.email, text).forEach(function (m) { add("an e-mail address", m); });
      matches(checks.phone, text).forEach(function (m) {
        var d = digits(m[0]);
        if (d.indexOf("44") === 0) d = "0" + d.slice(2).replace(/^0+/, "");
        if ((d.length === 10 || d.length === 11) && m[0].indexOf("\n") < 0) add("a phone number", m);
      });
      matches(checks.internationalPhone, text).forEach(function (m) {
        var n = digits(m[0]).length;
        if (n >= 9 && n <= 15 && m[0].indexOf("\n") < 0) add("a phone number", m);
      });
    }
    matches(checks.titledName, text).forEach(function (m) { add("a person's name", m); });
    matches(checks.capitalisedPair, text).forEach(function (m) {
      if (!roleWord(m[1], checks.roleWords) && !roleWord(m[2], checks.roleWords)) add("a person's name", m);
    });
    return found.sort(function (a, b) { return a.start - b.start; });
  }

  function validDate(text, pattern) {
    if (!new RegExp(pattern).test(text)) return false;
    var d = new Date(text + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
  }

  function words(name) { return name === "rag" ? "RAG status" : name; }

  /* Problems with the entries, each {field: the input's id, message: one line}. `entries` is a
   * list of {label, ids: {field name: input id}, answer: {...}, actions: [{values, ids, label}]},
   * only those with something filled in. */
  function problems(entries, data) {
    var shape = data.record;
    var names = shape.names;
    var out = [];
    function text(where, id, name, value, limit) {
      if (!value) return;
      if (limit && value.length > limit) {
        out.push({ field: id, message: where + ": " + words(name) + " is " + value.length + " characters; at most " + limit });
      }
      if (compile(data.checks.control).test(value) || compile(data.checks.invisible).test(value)) {
        out.push({ field: id, message: where + ": " + words(name) + " holds an invisible character; delete it (it usually comes from pasting)" });
      }
      personalData(value, data.checks).forEach(function (f) {
        out.push({ field: id, message: where + ": " + words(name) + " holds what looks like " + f.kind +
          " (\u201c" + f.text + "\u201d); records are published: remove it, or name a role instead" });
      });
    }
    if (!entries.length) {
      out.push({ field: data.firstField || "", message: "Nothing is recorded yet: fill in at least one question's RAG status and summary" });
    }
    entries.forEach(function (entry) {
      var a = entry.answer;
      // In the order of the form: the RAG status comes first there.
      shape.answer.required.slice().sort(function (x, y) { return (y === names.rag) - (x === names.rag); }).forEach(function (name) {
        if (name === names.question) return;
        if (!a[name]) {
          out.push({ field: entry.ids[name], message: entry.label + ": " + (name === names.rag ?
            "choose a RAG status" : "the " + words(name) + " is empty; write what was heard") });
        }
      });
      text(entry.label, entry.ids[names.summary], names.summary, a[names.summary], shape.answer.maxLength[names.summary]);
      if (entry.revisitBoth) {
        out.push({ field: entry.ids[names.revisit], message: entry.label + ": come back on a date or at a meeting, not both" });
      } else if (entry.revisitDate && !validDate(entry.revisitDate, shape.datePattern)) {
        out.push({ field: entry.ids[names.revisit], message: entry.label + ": \u201c" + entry.revisitDate +
          "\u201d is not a date; write it as YYYY-MM-DD, e.g. " + data.meeting.date });
      }
      entry.actions.forEach(function (action) {
        var v = action.values;
        shape.action.required.forEach(function (name) {
          if (!v[name]) {
            out.push({ field: action.ids[name], message: action.label + ": " + (name === names.owner ?
              "an action needs an owner: the role that will do it, e.g. \u201cHead of Service\u201d" :
              name === names.due ? "an action needs a due date, YYYY-MM-DD" : "say what is to be done") });
          }
        });
        [names.action, names.owner].forEach(function (name) {
          text(action.label, action.ids[name], name, v[name], shape.action.maxLength[name]);
        });
        var due = v[names.due];
        if (due && !validDate(due, shape.datePattern)) {
          out.push({ field: action.ids[names.due], message: action.label + ": due \u201c" + due + "\u201d is not a date; write it as YYYY-MM-DD" });
        } else if (due && data.meeting.date && due < data.meeting.date) {
          out.push({ field: action.ids[names.due], message: action.label + ": due " + due + ", before the meeting on " +
            data.meeting.date + "; an action agreed at a meeting falls due on or after it" });
        }
      });
    });
    return out;
  }

  /* The record from the entries, in agenda order, keyed by the schema's names. */
  function record(entries, data) {
    var shape = data.record;
    var itemsKey = shape.top.order[shape.top.order.length - 1];
    var numberKey = shape.item.order[0], answersKey = shape.item.order[1];
    var items = [];
    entries.forEach(function (entry) {
      var last = items[items.length - 1];
      if (!last || last[numberKey] !== entry.item) {
        last = {};
        last[numberKey] = entry.item;
        last[answersKey] = [];
        items.push(last);
      }
      var answer = {};
      shape.answer.order.forEach(function (name) {
        if (name === shape.names.actions) {
          if (entry.actions.length) answer[name] = entry.actions.map(function (a) {
            var out = {};
            shape.action.order.forEach(function (n) { if (a.values[n]) out[n] = a.values[n]; });
            return out;
          });
        } else if (entry.answer[name]) {
          answer[name] = entry.answer[name];
        }
      });
      last[answersKey].push(answer);
    });
    var out = {};
    out[itemsKey] = items;
    return out;
  }

  var api = { quote: quote, toYaml: toYaml, personalData: personalData, problems: problems, record: record };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  root.ScrutinyPacks = root.ScrutinyPacks || {};
  root.ScrutinyPacks.recordAnswers = api;

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
  var state = { on: false, entries: {} };
  try {
    var kept = store && JSON.parse(store.getItem(data.storageKey) || "null");
    if (kept && typeof kept === "object" && kept.entries && typeof kept.entries === "object") state = kept;
  } catch (e) { /* a damaged entry starts afresh */ }

  function save() {
    if (!store) return;
    try { store.setItem(data.storageKey, JSON.stringify(state)); } catch (e) { say("This browser would not keep the entries: download the record file before you leave the page."); }
  }

  function say(message) {
    status.textContent = "";
    root.setTimeout(function () { status.textContent = message; }, 50);
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

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

  function emptyEntry() { return { values: {}, actions: [] }; }

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
    var found = problems(entries, data);
    showProblems(found);
    if (found.length) {
      problemBox.focus();
      say("The record file was not downloaded: " + plural(found.length, "problem", "problems") + " to fix first.");
      return;
    }
    var heading = [shape.schemaComment, "# The record of " + data.meeting.title + ", made on the meeting's page.",
      "# Records are published: roles, never names, and nothing about any child, family or member of staff."];
    var text = toYaml(record(entries, data), shape, heading);
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
    link.download = data.fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    root.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    say("Downloaded " + data.fileName + " with " + plural(entries.length, "answer", "answers") +
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
    q.block.addEventListener("input", function () { read(q); save(); if (!problemBox.hidden) showProblems(problems(entriesInOrder(), data)); });
    q.block.addEventListener("change", function () { read(q); save(); });
    q.block.addEventListener("click", function (event) {
      var add = event.target.closest("[data-sp-record-add-action]");
      var remove = event.target.closest("[data-sp-record-remove-action]");
      if (!add && !remove) return;
      read(q);
      var entry = state.entries[q.key];
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

  mode.hidden = false;
  if (!store) status.textContent = "This browser does not keep entries: download the record file before you leave the page.";
  show();
})(typeof window !== "undefined" ? window : this);
