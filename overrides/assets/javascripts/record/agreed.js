/* Record answers: the recommendations and information requests agreed at the meeting, drawn from the
 * page's templates ([data-sp-record-template="recommendation"|"request"]) and read back from them.
 *
 * A row's values are flat ({ref, item, text, "response.decision", ...}); what the form does not edit
 * (a recommendation's actions and its status history) is carried in the entry as it was and said under
 * the row. No state lives here: each function is given the section and the list it works on.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var CARRIED = ["actions", "history"];
  var WORDS = { recommendation: "Recommendation", request: "Information request" };

  function each(list, call) { Array.prototype.forEach.call(list, call); }

  function rowsOf(section, kind) { return section.querySelector("[data-sp-record-rows=\"" + kind + "\"]"); }

  /* The id of a row's field: sp-agreed-<kind>-<n>-<field>. */
  function fieldId(kind, index, dataId) { return "sp-agreed-" + kind + "-" + (index + 1) + "-" + dataId; }

  function carriedText(values) {
    var actions = (values.actions || []).length, history = (values.history || []).length;
    if (!actions && !history) return "";
    var parts = [];
    if (actions) parts.push(SP.words.plural(actions, "action"));
    if (history) parts.push(SP.words.plural(history, "status update"));
    return "Kept as published: " + parts.join(" and ") + ". Change them in the record file.";
  }

  /* Draws the rows of one kind from its template, filled from `list`. */
  function draw(section, kind, list, fallbackItem) {
    var rows = rowsOf(section, kind);
    var template = section.querySelector("[data-sp-record-template=\"" + kind + "\"]");
    rows.textContent = "";
    list.forEach(function (values, index) {
      var row = template.firstElementChild.cloneNode(true);
      row.setAttribute("data-index", String(index));
      row.querySelector("[data-sp-record-legend]").textContent = WORDS[kind] + " " + (index + 1);
      each(row.querySelectorAll("[data-id]"), function (input) {
        input.id = fieldId(kind, index, input.getAttribute("data-id"));
        var name = input.getAttribute("data-sp-agreed-field");
        var value = values[name] || "";
        if (input.tagName === "SELECT" && name === "item" && !value) value = fallbackItem || "";
        input.value = value;
      });
      each(row.querySelectorAll("label[data-for]"), function (label) {
        label.htmlFor = fieldId(kind, index, label.getAttribute("data-for"));
      });
      var carried = row.querySelector("[data-sp-record-carried]");
      if (carried) {
        carried.textContent = carriedText(values);
        carried.hidden = !carried.textContent;
      }
      var remove = row.querySelector("[data-sp-record-remove]");
      remove.textContent = "Remove " + WORDS[kind].toLowerCase() + " " + (index + 1);
      remove.setAttribute("data-kind", kind);
      remove.setAttribute("data-index", String(index));
      rows.appendChild(row);
    });
    rows.hidden = list.length === 0;
  }

  /* The rows of one kind as the form holds them now; `before` is the list drawn, for what is carried. */
  function read(section, kind, before) {
    return Array.prototype.map.call(rowsOf(section, kind).children, function (row, index) {
      var values = {};
      each(row.querySelectorAll("[data-sp-agreed-field]"), function (input) {
        values[input.getAttribute("data-sp-agreed-field")] = input.value;
      });
      var was = before[index] || {};
      CARRIED.forEach(function (name) { if (Array.isArray(was[name]) && was[name].length) values[name] = was[name]; });
      return values;
    });
  }

  /* The rows as the checks read them: {kind, label, values (trimmed), ids: {field: input id}}. */
  function forChecks(kind, list) {
    return list.map(function (values, index) {
      var clean = {}, ids = {};
      Object.keys(values).forEach(function (name) {
        clean[name] = typeof values[name] === "string" ? values[name].trim() : values[name];
        ids[name] = fieldId(kind, index, name.replace(".", "-"));
      });
      return { kind: kind, label: WORDS[kind] + " " + (index + 1), values: clean, ids: ids };
    });
  }

  var api = { draw: draw, read: read, forChecks: forChecks, fieldId: fieldId };
  SP.recordAgreed = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
