/* Record answers: the form under each agenda item. Reads what the clerk entered into an entry
 * ({values, actions}), fills the form from one, draws an entry's action rows from the action template,
 * and lists the filled entries in agenda order as the checks and the record file read them.
 *
 * No state lives here: each function is given the form's parts (`ui`: shape, names, the action
 * template) and the entries it works on.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};

  function each(list, call) { Array.prototype.forEach.call(list, call); }

  /* Every question's block on the page: {item, block, question, key}; the key is "<item>|<question>". */
  function questionBlocks(forms) {
    var out = [];
    forms.forEach(function (form) {
      each(form.querySelectorAll("[data-sp-record-question]"), function (block) {
        var item = form.getAttribute("data-sp-record-item"), question = block.getAttribute("data-sp-record-question");
        out.push({ item: item, block: block, question: question, key: item + "|" + question });
      });
    });
    return out;
  }

  function fieldOf(block, name, part) {
    var selector = "[data-sp-record-field=\"" + name + "\"]" + (part ? "[data-sp-record-part=\"" + part + "\"]" : "");
    return block.querySelector(selector);
  }

  function actionRows(block) { return block.querySelector("[data-sp-record-action-rows]"); }

  function numberOf(q) { return q.block.querySelector("legend").textContent.split(":")[0]; }

  function drawActions(ui, q, entry) {
    var rows = actionRows(q.block);
    rows.textContent = "";
    var number = numberOf(q);
    entry.actions.forEach(function (values, index) {
      var row = ui.template.firstElementChild.cloneNode(true);
      var base = q.block.id + "-action-" + (index + 1);
      row.querySelector("[data-sp-record-action-legend]").textContent = "Action " + (index + 1) + " on " + number.toLowerCase();
      each(row.querySelectorAll("[data-id]"), function (input) {
        input.id = base + "-" + input.getAttribute("data-id");
        var name = input.getAttribute("data-sp-record-field");
        input.value = values[name] || (input.tagName === "SELECT" ? ui.shape.statusDefault : "");
      });
      each(row.querySelectorAll("label[data-for]"), function (label) {
        label.htmlFor = base + "-" + label.getAttribute("data-for");
      });
      var remove = row.querySelector("[data-sp-record-remove-action]");
      remove.textContent = "Remove action " + (index + 1);
      remove.setAttribute("data-index", String(index));
      rows.appendChild(row);
    });
    rows.hidden = entry.actions.length === 0;
  }

  function fill(ui, q, entry) {
    var names = ui.names, v = entry.values;
    each(q.block.querySelectorAll("input[type=radio]"), function (radio) {
      radio.checked = v[names.rag] === radio.value;
    });
    fieldOf(q.block, names.summary).value = v[names.summary] || "";
    fieldOf(q.block, names.revisit, "date").value = v[names.revisit + ".date"] || "";
    fieldOf(q.block, names.revisit, "meeting").value = v[names.revisit + ".meeting"] || "";
    drawActions(ui, q, entry);
  }

  /* The entry as the form holds it now. */
  function read(ui, q) {
    var names = ui.names, v = {};
    var checked = q.block.querySelector("input[type=radio]:checked");
    if (checked) v[names.rag] = checked.value;
    v[names.summary] = fieldOf(q.block, names.summary).value;
    v[names.revisit + ".date"] = fieldOf(q.block, names.revisit, "date").value;
    v[names.revisit + ".meeting"] = fieldOf(q.block, names.revisit, "meeting").value;
    var actions = Array.prototype.map.call(actionRows(q.block).querySelectorAll("[data-sp-record-action]"), function (row) {
      var values = {};
      each(row.querySelectorAll("[data-sp-record-field]"), function (input) {
        values[input.getAttribute("data-sp-record-field")] = input.value;
      });
      return values;
    });
    return { values: v, actions: actions };
  }

  function filled(names, entry) {
    var v = entry.values;
    return Boolean(v[names.rag] || (v[names.summary] || "").trim() || (v[names.revisit + ".date"] || "").trim() ||
      v[names.revisit + ".meeting"] || entry.actions.length);
  }

  /* The filled entries as the checks and the record read them, in agenda order. */
  function entriesInOrder(ui, blocks, entries) {
    var names = ui.names, shape = ui.shape;
    var out = [];
    blocks.forEach(function (q) {
      var entry = Object.prototype.hasOwnProperty.call(entries, q.key) ? entries[q.key] : null;
      if (!entry || !filled(names, entry)) return;
      var v = entry.values;
      var label = "Item " + q.item + ", " + numberOf(q).toLowerCase();
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
              ui.template.querySelector("[data-sp-record-field=\"" + n + "\"]").getAttribute("data-id");
          });
          return { values: clean, ids: actionIds, label: label + ", action " + (index + 1) };
        }) });
    });
    return out;
  }

  SP.recordForm = { questionBlocks: questionBlocks, fieldOf: fieldOf, actionRows: actionRows, drawActions: drawActions,
    fill: fill, read: read, entriesInOrder: entriesInOrder };
})(typeof window !== "undefined" ? window : globalThis);
