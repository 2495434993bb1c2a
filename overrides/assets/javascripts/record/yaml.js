/* Record answers: the record file's text. The entries become a record in the schema's names, in agenda
 * order, written as YAML with every string double-quoted (JSON's escapes are YAML's), so no text can
 * change meaning. The shape (names, order) comes from the build (site/record_form.record_shape).
 */
(function (root) {
  "use strict";

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

  var api = { quote: quote, toYaml: toYaml, record: record };
  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  SP.recordYaml = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
