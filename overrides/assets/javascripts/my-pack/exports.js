/* My pack, the pack as plain text and as CSV, for pasting into reports and
 * spreadsheets. Pure: each takes the pack and the bank (the My pack page's data)
 * and returns a string. The labels are the built packs' (text/sentences.py).
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var views = SP.view || (typeof require === "function" ? require("./view.js") : null);

  function asText(pack, bank) {
    var say = bank.sentences;
    var v = views.view(pack, bank);
    var lines = [v.title, ""];
    v.details.forEach(function (d) { lines.push(d.label + ": " + d.value); });
    lines.push("", v.framingNote);
    if (v.terms.length) {
      lines.push("", say.terms + ":");
      v.terms.forEach(function (t) { lines.push("- " + t.term + ": " + t.meaning); });
    }
    v.groups.forEach(function (g) {
      lines.push("", g.title, "");
      g.questions.forEach(function (q) {
        lines.push(q.number + ". " + q.text + (q.askedOf ? " (Ask: " + q.askedOf + ")" : "") + " (ref. " + q.id + ")");
        if (pack.options.benchmarks && q.listenFor.length) {
          lines.push("   " + say.listen + ":");
          q.listenFor.forEach(function (point) { lines.push("   - " + point); });
        }
        if (pack.options.evidence && q.evidence.length) {
          lines.push("   " + say.evidence + ":");
          q.evidence.forEach(function (f) { lines.push("   - " + f.name + ": " + f.description); });
        }
      });
    });
    if (v.cited.length) {
      lines.push("", say.sourcesCited + ":");
      v.cited.forEach(function (c) {
        lines.push("- " + c.name + (c.url ? " " + c.url : "") + (c.superseded ? " (" + say.superseded + ")" : ""));
      });
    }
    lines.push("", say.sources);
    return lines.join("\n") + "\n";
  }

  function csvCell(value) {
    value = String(value);
    // A leading =, +, - or @ would be read as a formula by spreadsheets.
    if (/^[=+\-@\t\r]/.test(value)) value = "'" + value;
    return /[",\r\n]/.test(value) ? "\"" + value.replace(/"/g, "\"\"") + "\"" : value;
  }

  // With a byte order mark, so spreadsheets read it as UTF-8; lines end CRLF, as CSV has them.
  function asCsv(pack, bank) {
    var say = bank.sentences;
    var o = pack.options;
    var v = views.view(pack, bank);
    var head = ["Number", "Reference", "Area", "Question", "Ask"];
    if (o.benchmarks) head.push(say.listen);
    if (o.evidence) head.push(say.evidence);
    if (o.notes_space) head.push(say.notes);
    if (o.rag) head.push(say.rag);
    var rows = [head];
    v.groups.forEach(function (g) {
      g.questions.forEach(function (q) {
        var row = [q.number, q.id, g.title, q.text, q.askedOf];
        if (o.benchmarks) row.push(q.listenFor.join("; "));
        if (o.evidence) row.push(q.evidence.map(function (f) { return f.name; }).join("; "));
        if (o.notes_space) row.push("");
        if (o.rag) row.push("");
        rows.push(row);
      });
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  // A file name from the pack's title: "item-six.csv". Longer than 64 characters, it ends at the last
  // whole word that fits (as scrutiny_packs.text.slug does for the built packs).
  function slug(text, limit) {
    var words = text.toLowerCase().match(/[a-z0-9]+/g) || [];
    var out = "";
    for (var i = 0; i < words.length; i++) {
      var joined = out ? out + "-" + words[i] : words[i];
      if (joined.length > limit) {
        if (!out) out = words[i].slice(0, limit);
        break;
      }
      out = joined;
    }
    return out;
  }

  function fileName(pack, bank, extension) {
    return (slug(views.packTitle(pack, bank), 64) || "my-pack") + "." + extension;
  }

  var api = { asText: asText, asCsv: asCsv, csvCell: csvCell, fileName: fileName, slug: slug };

  SP.exports = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
