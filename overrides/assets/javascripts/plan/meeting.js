/* Plan a meeting: the meeting file, written and read in the browser. Nothing is sent anywhere.
 *
 * A plan is {body, name, date, time, place, source, description, audience, framing, items: [{number,
 * title, link, questions: [ids]}]}. toYaml writes it as a file for content/meetings/ in the meeting
 * schema's names (src/scrutiny_packs/schemas/meeting.schema.json), as `scrutiny-packs meeting import`
 * writes one: each item's questions as `selection.questions` in order (`order: listed`), each with its
 * text in a comment, every string double-quoted (record/yaml.js's quote: no text can change meaning).
 * problems(plan) says what would stop the file validating, one line each, before it is written.
 *
 * read(text, data) reads a meeting file (the plain YAML meeting files are written in: block mappings and
 * lists, quoted or plain scalars, [flow, lists], > and | text, comments) as untrusted input: what it
 * cannot use is left out and said in `notices`, never thrown.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var has = Object.prototype.hasOwnProperty;
  var recordYaml = SP.recordYaml || (typeof require === "function" ? require("../record/yaml.js") : null);
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var MAX_TEXT = 512 * 1024;  // a meeting file is a few kilobytes
  var MAX_DEPTH = 12;

  function emptyPlan(data) {
    return { body: "", name: "", date: "", time: "", place: "", source: "", description: "",
      audience: (data && data.defaultAudience) || "", framing: "you", items: [] };
  }

  function oneLine(text) { return String(text || "").replace(/\s+/g, " ").trim(); }

  function cut(text, limit) {
    text = oneLine(text);
    if (text.length <= limit) return text;
    var head = text.slice(0, limit - 1);
    var space = head.lastIndexOf(" ");
    return (space > 0 ? head.slice(0, space) : head) + "\u2026";
  }

  // An item number as the build names its files: lower case, each run of other characters one hyphen.
  function numberKey(number) {
    return String(number).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  function longDate(iso, data) {
    if (!DATE.test(iso)) return iso;
    var months = data.bank.sentences.months;
    var parts = iso.split("-");
    return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
  }

  function meetingName(plan, data) {
    return oneLine(plan.name) || (plan.date ? "Meeting on " + longDate(plan.date, data) : "");
  }

  // The file's name: the body and the date, as `meeting import` names it.
  function fileId(plan) {
    var body = SP.exports ? SP.exports.slug(oneLine(plan.body) || "meeting", 50) : "meeting";
    return (body || "meeting") + (plan.date ? "-" + plan.date : "");
  }

  // The items that go in the file: those with a title and at least one question.
  function itemsWithQuestions(plan) {
    return plan.items.filter(function (item) { return oneLine(item.title) && item.questions.length; });
  }

  // What would stop the file validating, one line each; none means it can be written.
  function problems(plan, data) {
    var out = [];
    if (!oneLine(plan.body)) out.push("Give the body or committee that meets.");
    if (!plan.date) out.push("Give the meeting's date.");
    else if (!(SP.dates ? SP.dates.isoDate(plan.date, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$") : DATE.test(plan.date))) {
      out.push("The meeting's date is not a real date: write it as YYYY-MM-DD.");
    }
    var items = itemsWithQuestions(plan);
    if (!items.length) out.push("Give at least one agenda item a title and a question.");
    if (items.length > data.itemsLimit) out.push("A meeting file holds at most " + data.itemsLimit + " items.");
    var seen = {};
    plan.items.forEach(function (item, index) {
      var key = numberKey(item.number);
      var label = "Item " + (index + 1);
      if (!key) out.push(label + ": give it a number, such as 5 or 6a.");
      else if (String(item.number).length > 20) out.push(label + ": its number is longer than 20 characters.");
      else if (has.call(seen, key)) out.push(label + ": its number " + item.number + " is also item " + seen[key] + "'s.");
      else seen[key] = index + 1;
    });
    return out;
  }

  function comment(text) { return cut(text, 100); }

  // The meeting file's text. Call problems() first: this writes what it is given.
  function toYaml(plan, data) {
    var q = recordYaml.quote;
    var lines = [
      "# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/meeting.schema.json",
      "# Planned on the site's Plan a meeting page: each agenda item with the questions chosen for it, in order.",
      "# Save it in content/meetings/ and run 'scrutiny-packs validate'.",
      "body: " + q(cut(plan.body, data.textLimit)),
      "name: " + q(cut(meetingName(plan, data), data.textLimit)),
      "date: " + plan.date
    ];
    if (oneLine(plan.time)) lines.push("time: " + q(cut(plan.time, 40)));
    if (oneLine(plan.place)) lines.push("place: " + q(cut(plan.place, data.textLimit)));
    if (/^https?:\/\/\S+$/.test(plan.source || "") && plan.source.length <= 500) lines.push("source: " + q(plan.source));
    if (oneLine(plan.description)) lines.push("description: " + q(oneLine(plan.description)));
    lines.push("items:");
    itemsWithQuestions(plan).forEach(function (item) {
      var number = oneLine(item.number);
      lines.push("  - number: " + (/^[1-9][0-9]{0,8}$/.test(number) ? number : q(number)));
      lines.push("    title: " + q(cut(item.title, data.textLimit)));
      if (/^https?:\/\/\S+$/.test(item.link || "") && item.link.length <= 500) lines.push("    link: " + q(item.link));
      if (plan.audience) lines.push("    audience: " + plan.audience);
      lines.push("    framing: " + (plan.framing === "we" ? "we" : "you"));
      lines.push("    selection:", "      questions:");
      item.questions.forEach(function (id) {
        var entry = data.bank.questions[id];
        lines.push("        - " + id + (entry ? "  # " + comment(entry.text) : ""));
      });
      lines.push("      order: listed");
    });
    return lines.join("\n") + "\n";
  }

  // ------------------------------------------------------------ reading YAML

  function fail(line, message) {
    var error = new Error(message);
    error.line = line + 1;
    throw error;
  }

  // A line without its comment: '#' at the start or after a space, outside quotes.
  function uncomment(line) {
    var quote = "";
    for (var i = 0; i < line.length; i++) {
      var ch = line[i];
      if (quote) {
        if (ch === "\\" && quote === "\"") i++;
        else if (ch === quote) quote = "";
      } else if (ch === "\"" || ch === "'") {
        if (i === 0 || /[\s:\[,{-]/.test(line[i - 1])) quote = ch;
      } else if (ch === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
        return line.slice(0, i).replace(/\s+$/, "");
      }
    }
    return line.replace(/\s+$/, "");
  }

  function splitFlow(inner, line) {
    var parts = [], quote = "", start = 0;
    for (var i = 0; i < inner.length; i++) {
      var ch = inner[i];
      if (quote) {
        if (ch === "\\" && quote === "\"") i++;
        else if (ch === quote) quote = "";
      } else if (ch === "\"" || ch === "'") quote = ch;
      else if (ch === "[" || ch === "{") fail(line, "a list inside a list is not read here");
      else if (ch === ",") { parts.push(inner.slice(start, i)); start = i + 1; }
    }
    parts.push(inner.slice(start));
    return parts.map(function (p) { return p.trim(); }).filter(function (p) { return p !== ""; });
  }

  function scalar(text, line) {
    text = text.trim();
    if (text === "" || text === "~" || text === "null") return null;
    if (text === "true") return true;
    if (text === "false") return false;
    if (text[0] === "\"") {
      if (!/"$/.test(text) || text.length < 2) fail(line, "a quoted text does not end on its line");
      try { return JSON.parse(text.replace(/\\\//g, "/").replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1")); } catch (e) {
        fail(line, "a quoted text could not be read");
      }
    }
    if (text[0] === "'") {
      if (!/'$/.test(text) || text.length < 2) fail(line, "a quoted text does not end on its line");
      return text.slice(1, -1).replace(/''/g, "'");
    }
    if (text[0] === "[") {
      if (!/\]$/.test(text)) fail(line, "a list in brackets does not end on its line");
      return splitFlow(text.slice(1, -1), line).map(function (p) { return scalar(p, line); });
    }
    if (text[0] === "{" || text[0] === "&" || text[0] === "*" || text[0] === "!") fail(line, "this kind of value is not read here");
    if (/^-?[0-9]+$/.test(text)) return Number(text);
    return text;
  }

  function parseYaml(text) {
    if (text.length > MAX_TEXT) fail(0, "the file is larger than a meeting file can be");
    var raw = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n").split("\n");
    var lines = raw.map(uncomment);
    var pos = 0;

    function indentOf(i) { return lines[i].length - lines[i].replace(/^ +/, "").length; }
    function skip() {
      while (pos < lines.length && (lines[pos].trim() === "" || lines[pos].trim() === "---")) pos++;
    }
    function isItem(i) { return /^ *-( |$)/.test(lines[i]); }

    function block(style, indent) {
      var out = [];
      var inner = -1;
      while (pos < raw.length) {
        var line = raw[pos];
        if (line.trim() === "") { out.push(""); pos++; continue; }
        var own = line.length - line.replace(/^ +/, "").length;
        if (own <= indent) break;
        if (inner < 0) inner = own;
        out.push(line.slice(Math.min(inner, own)));
        pos++;
      }
      while (out.length && out[out.length - 1] === "") out.pop();
      var keep = style.indexOf("-") < 0 ? "\n" : "";
      return (style[0] === ">" ? out.join("\n").replace(/([^\n])\n(?=[^\n])/g, "$1 ") : out.join("\n")) + (out.length ? keep : "");
    }

    function value(rest, indent, depth) {
      if (/^[>|][+-]?$/.test(rest)) return block(rest, indent);
      if (rest !== "") { pos++; return scalar(rest, pos - 1); }
      pos++;
      skip();
      if (pos >= lines.length) return null;
      var next = indentOf(pos);
      if (next > indent) return node(next, depth + 1);
      if (next === indent && isItem(pos)) return sequence(indent, depth + 1);
      return null;
    }

    function mapping(indent, depth) {
      var out = {};
      while (true) {
        skip();
        if (pos >= lines.length) break;
        var own = indentOf(pos);
        if (own < indent || (own === indent && isItem(pos))) break;
        if (own > indent) fail(pos, "this line is indented more than the lines before it");
        var m = /^ *([A-Za-z_][A-Za-z0-9_-]*) *:(?: +(.*)|)$/.exec(lines[pos]);
        if (!m) fail(pos, "expected 'name: value'");
        if (has.call(out, m[1])) fail(pos, "'" + m[1] + "' is given twice");
        var rest = (m[2] || "").trim();
        if (/^[>|][+-]?$/.test(rest)) { pos++; out[m[1]] = block(rest, indent); continue; }
        out[m[1]] = value(rest, indent, depth);
      }
      return out;
    }

    function sequence(indent, depth) {
      var out = [];
      while (true) {
        skip();
        if (pos >= lines.length || indentOf(pos) !== indent || !isItem(pos)) break;
        var content = lines[pos].slice(indent + 1);
        var gap = content.length - content.replace(/^ +/, "").length;
        content = content.trim();
        if (content === "") { out.push(value("", indent, depth)); continue; }
        if (/^[A-Za-z_][A-Za-z0-9_-]* *:( |$)/.test(content)) {
          var column = indent + 1 + gap;
          lines[pos] = new Array(column + 1).join(" ") + content;
          out.push(node(column, depth + 1));
          continue;
        }
        pos++;
        out.push(scalar(content, pos - 1));
      }
      return out;
    }

    function node(indent, depth) {
      if (depth > MAX_DEPTH) fail(pos, "the file is nested more deeply than a meeting file is");
      return isItem(pos) ? sequence(indent, depth) : mapping(indent, depth);
    }

    skip();
    if (pos >= lines.length) fail(0, "the file is empty");
    var top = node(indentOf(pos), 0);
    skip();
    if (pos < lines.length) fail(pos, "this line is not where a meeting file has one");
    return top;
  }

  // ------------------------------------------------------------ a meeting file as a plan

  function text(value, limit) {
    return typeof value === "string" || typeof value === "number" ? cut(String(value), limit) : "";
  }

  /* A meeting file as a plan: {plan, notices}. Questions the bank does not have (or has retired) and
   * items chosen by a pack or by area (whose questions only the build works out) are said in notices;
   * an item without a question list starts with the questions suggested for its title (`suggest`). */
  function read(source, data, suggest) {
    var notices = [];
    var plan = emptyPlan(data);
    var doc;
    try {
      doc = parseYaml(String(source));
    } catch (error) {
      return { plan: null, notices: ["The file could not be read" + (error.line ? " (line " + error.line + ")" : "") + ": " + error.message + "."] };
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc) || !Array.isArray(doc.items)) {
      return { plan: null, notices: ["This is not a meeting file: it has no list of agenda items ('items')."] };
    }
    plan.body = text(doc.body, data.textLimit);
    plan.name = text(doc.name, data.textLimit);
    plan.date = typeof doc.date === "string" && DATE.test(doc.date) ? doc.date : "";
    if (doc.date && !plan.date) notices.push("The meeting's date could not be read: give it again.");
    plan.time = text(doc.time, 40);
    plan.place = text(doc.place, data.textLimit);
    // The meeting schema's pattern and limit (meeting.schema.json): anything else is left out.
    plan.source = typeof doc.source === "string" && /^https?:\/\/\S+$/.test(doc.source) && doc.source.length <= 500
      ? doc.source : "";
    plan.description = text(doc.description, 2000);
    var audiences = data.audiences.map(function (a) { return a.id; });
    var framings = {};
    doc.items.slice(0, data.itemsLimit).forEach(function (entry, index) {
      if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
        notices.push("Agenda item " + (index + 1) + " is not an item with a number and a title: left out.");
        return;
      }
      var item = { number: text(entry.number, 20) || String(index + 1), title: text(entry.title, data.textLimit),
        link: typeof entry.link === "string" && /^https?:\/\/\S+$/.test(entry.link) ? entry.link : "", questions: [] };
      if (typeof entry.audience === "string" && audiences.indexOf(entry.audience) >= 0 && !plan.audienceSet) {
        plan.audience = entry.audience;
        plan.audienceSet = true;
      }
      if (entry.framing === "you" || entry.framing === "we") framings[entry.framing] = true;
      var selection = entry.selection && typeof entry.selection === "object" ? entry.selection : null;
      var listed = selection && Array.isArray(selection.questions) ? selection.questions : null;
      var unknown = [];
      (listed || []).forEach(function (id) {
        var q = typeof id === "string" && ID.test(id) && has.call(data.bank.questions, id) ? data.bank.questions[id] : null;
        if (!q || q.retired) unknown.push(String(id).slice(0, 20));
        else if (item.questions.indexOf(id) < 0) item.questions.push(id);
      });
      if (unknown.length) notices.push("Item " + item.number + ": left out questions this bank does not have or has retired (" + unknown.join(", ") + ").");
      var other = entry.pack || (selection && Object.keys(selection).some(function (k) { return k !== "questions" && k !== "order"; }));
      if (other) {
        notices.push("Item " + item.number + " chooses its questions " + (entry.pack ? "with a pack" : "by area, audience or tag")
          + ": here it has only the questions it lists by reference" + (listed ? "" : ", and those suggested for its title") + ".");
      }
      if (!listed && suggest) item.questions = suggest(item.title);
      plan.items.push(item);
    });
    if (doc.items.length > data.itemsLimit) notices.push("Only the first " + data.itemsLimit + " agenda items were read.");
    delete plan.audienceSet;
    if (framings.we && !framings.you) plan.framing = "we";
    return { plan: plan, notices: notices };
  }

  var api = { emptyPlan: emptyPlan, problems: problems, toYaml: toYaml, read: read, parseYaml: parseYaml,
    fileId: fileId, numberKey: numberKey, meetingName: meetingName, longDate: longDate, itemsWithQuestions: itemsWithQuestions };

  SP.planMeeting = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
