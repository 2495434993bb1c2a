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
      } else if (value !== null && typeof value === "object") {
        lines.push(lead + key + ":");
        writeMapping(lines, value, shapes[key], shapes, indent + 2, false);
      } else {
        lines.push(lead + key + ": " + scalar(value));
      }
    });
  }

  /* The record file's text: record is {items: [{number, answers: [{question, ...}]}]} keyed by the
   * schema's names. An item number of plain digits is written as a number, as the agenda has it. */
  function toYaml(record, shape, heading, follow) {
    var names = shape.names;
    var itemsKey = shape.top.order[shape.top.order.length - 1];
    var answersKey = shape.item.order[1];
    var shapes = {};
    shapes[itemsKey] = shape.item;
    shapes[answersKey] = shape.answer;
    shapes[names.actions] = shape.action;
    if (follow) {
      shapes.recommendations = follow.recommendation;
      shapes.requests = follow.request;
      shapes.response = follow.response;
      shapes.history = follow.history;
    }
    var items = record[itemsKey].map(function (item) {
      var copy = Object.assign({}, item);
      var number = String(item[shape.item.order[0]]);
      copy[shape.item.order[0]] = /^[1-9][0-9]{0,8}$/.test(number) ? Number(number) : number;
      return copy;
    });
    var top = Object.assign({}, record);
    top[itemsKey] = items;
    var lines = (heading || []).slice();
    writeMapping(lines, top, shape.top, shapes, 0, false);
    return lines.join("\n") + "\n";
  }

  /* The record from the entries, in agenda order, keyed by the schema's names. */
  function record(entries, data, agreed) {
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
    if (data.rules && data.rules.example) out.example = true;
    if (agreed && agreed.length) {
      var recs = agreed.filter(function (r) { return r.kind === "recommendation"; }).map(function (r) {
        return recommendation(r.values, data.followUp);
      });
      var reqs = agreed.filter(function (r) { return r.kind === "request"; }).map(function (r) {
        var o = {};
        data.followUp.request.order.forEach(function (n) { if (r.values[n]) o[n] = r.values[n]; });
        return o;
      });
      if (recs.length) out.recommendations = recs;
      if (reqs.length) out.requests = reqs;
    }
    out[itemsKey] = items;
    return out;
  }

  /* One recommendation's mapping from its row's flat values, in the schema's order. */
  function recommendation(values, follow) {
    var out = {};
    follow.recommendation.order.forEach(function (name) {
      if (name === "response") {
        if (!values["response.decision"] && !values["response.date"]) return;
        var response = {};
        follow.response.order.forEach(function (r) { if (values["response." + r]) response[r] = values["response." + r]; });
        out.response = response;
      } else if (Array.isArray(values[name])) {
        if (values[name].length) out[name] = values[name];
      } else if (values[name]) {
        out[name] = values[name];
      }
    });
    return out;
  }

  var api = { quote: quote, toYaml: toYaml, record: record };
  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  SP.recordYaml = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
