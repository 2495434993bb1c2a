/* Record answers: the entries kept in this browser, read as untrusted input. Another page on the same
 * origin can write the same key, and an older version of this page may have written another shape, so
 * what is read is checked entry by entry: what can be repaired is (a missing list becomes empty, a
 * number becomes text), what cannot is set aside, and every change is said in a notice the page shows.
 * Nothing read here can stop the page from starting or hide the clerk's other entries.
 *
 * The kept state: {on: boolean, entries: {"<item>|<question>": {values: {<field>: text}, actions:
 * [{<field>: text}]}}}; the fields and the allowed RAG values and statuses are the record shape's.
 */
(function (root) {
  "use strict";

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // Text as kept: strings as they are, numbers as text; anything else is not text (null).
  function asText(value) {
    if (typeof value === "string") return value;
    if (typeof value === "number" && isFinite(value)) return String(value);
    return null;
  }

  function emptyEntry() { return { values: {}, actions: [] }; }

  /* The fields an entry's values may hold: the answer's RAG, summary and the two ways to come back. */
  function valueFields(shape) {
    var n = shape.names;
    return [n.rag, n.summary, n.revisit + ".date", n.revisit + ".meeting"];
  }

  /* One kept entry, checked: {entry, notes}; entry is null when nothing of it could be kept. `where`
   * names it for the notes (e.g. "item 5, question q004"). */
  function repairEntry(raw, shape, where) {
    var notes = [];
    var names = shape.names;
    if (!isObject(raw)) {
      notes.push(where + ": the kept entry could not be read and is set aside");
      return { entry: null, notes: notes };
    }
    var entry = emptyEntry();
    var values = own(raw, "values") ? raw.values : {};
    if (!isObject(values)) {
      if (values !== null && values !== undefined) notes.push(where + ": the kept answer could not be read and is set aside");
      values = {};
    }
    valueFields(shape).forEach(function (field) {
      if (!own(values, field) || values[field] === null || values[field] === undefined) return;
      var text = asText(values[field]);
      if (text === null) {
        notes.push(where + ": the kept " + (field === names.rag ? "RAG status" : field) + " could not be read and is set aside");
      } else if (field === names.rag && text && shape.rag.indexOf(text) < 0) {
        notes.push(where + ": the kept RAG status \u201c" + text + "\u201d is not one of " + shape.rag.join(", ") +
          "; choose it again");
      } else {
        entry.values[field] = text;
      }
    });
    var actions = own(raw, "actions") ? raw.actions : [];
    if (!Array.isArray(actions)) {
      if (actions !== null && actions !== undefined) notes.push(where + ": the kept actions could not be read and are set aside");
      actions = [];
    }
    actions.forEach(function (action, index) {
      var said = where + ", action " + (index + 1);
      if (!isObject(action)) {
        notes.push(said + ": could not be read and is set aside");
        return;
      }
      var clean = {};
      shape.action.order.forEach(function (field) {
        if (!own(action, field) || action[field] === null || action[field] === undefined) return;
        var text = asText(action[field]);
        if (text === null) {
          notes.push(said + ": the kept " + field + " could not be read and is set aside");
        } else if (field === names.status && text && shape.status.indexOf(text) < 0) {
          notes.push(said + ": the kept status \u201c" + text + "\u201d is not one of " + shape.status.join(", ") +
            "; it is " + shape.statusDefault + " again");
          clean[field] = shape.statusDefault;
        } else {
          clean[field] = text;
        }
      });
      entry.actions.push(clean);
    });
    return { entry: entry, notes: notes };
  }

  /* The flat fields a recommendation's or a request's row holds, from the follow-up shape. */
  function rowFields(follow, kind) {
    if (kind === "request") return follow.request.order.slice();
    var out = [];
    follow.recommendation.order.forEach(function (name) {
      if (name === "response") follow.response.order.forEach(function (r) { out.push("response." + r); });
      else if (name !== "actions" && name !== "history") out.push(name);
    });
    return out;
  }

  /* A list of mappings with text fields only (a recommendation's actions or history), or null. */
  function textMappings(raw, fields) {
    if (!Array.isArray(raw)) return null;
    var out = [];
    for (var i = 0; i < raw.length; i += 1) {
      if (!isObject(raw[i])) return null;
      var clean = {};
      for (var k = 0; k < fields.length; k += 1) {
        if (!own(raw[i], fields[k]) || raw[i][fields[k]] === null || raw[i][fields[k]] === undefined) continue;
        var text = asText(raw[i][fields[k]]);
        if (text === null) return null;
        clean[fields[k]] = text;
      }
      out.push(clean);
    }
    return out;
  }

  /* The kept recommendations or requests: {list, notes, setAside}. */
  function repairRows(raw, follow, kind) {
    var said = kind === "request" ? "Information request" : "Recommendation";
    var out = { list: [], notes: [], setAside: [] };
    if (raw === null || raw === undefined) return out;
    if (!Array.isArray(raw)) {
      out.notes.push("The kept " + kind + "s could not be read and are set aside");
      out.setAside.push(raw);
      return out;
    }
    var fields = rowFields(follow, kind);
    raw.forEach(function (row, index) {
      if (!isObject(row)) {
        out.notes.push(said + " " + (index + 1) + ": could not be read and is set aside");
        out.setAside.push(row);
        return;
      }
      var clean = {}, bad = false;
      fields.forEach(function (field) {
        if (!own(row, field) || row[field] === null || row[field] === undefined) return;
        var text = asText(row[field]);
        if (text === null) bad = true;
        else clean[field] = text;
      });
      if (kind === "recommendation") {
        [["actions", follow.recAction.order], ["history", follow.history.order]].forEach(function (pair) {
          if (!own(row, pair[0]) || row[pair[0]] === null || row[pair[0]] === undefined) return;
          var list = textMappings(row[pair[0]], pair[1]);
          if (list === null) bad = true;
          else if (list.length) clean[pair[0]] = list;
        });
      }
      if (bad) {
        out.notes.push(said + " " + (index + 1) + ": some of it could not be read and is set aside");
        out.setAside.push(row);
      }
      out.list.push(clean);
    });
    return out;
  }

  function describe(key) {
    var parts = String(key).split("|");
    return parts.length === 2 ? "Item " + parts[0] + ", question " + parts[1] : "A kept entry";
  }

  /* The kept text (or null), read: {state, notes, setAside}. state is always usable; setAside holds
   * what could not be used, to keep beside the state rather than lose; notes says what happened. */
  function read(text, shape, follow) {
    var fresh = { on: false, entries: {}, recommendations: [], requests: [] };
    if (text === null || text === undefined || text === "") return { state: fresh, notes: [], setAside: [] };
    var kept;
    try { kept = JSON.parse(text); } catch (e) { kept = undefined; }
    if (!isObject(kept)) {
      return { state: fresh, notes: ["The entries kept in this browser could not be read; they are set aside and the form starts empty"],
        setAside: [text] };
    }
    var state = { on: kept.on === true, entries: {}, recommendations: [], requests: [] };
    var notes = [], setAside = [];
    if (follow) {
      ["recommendation", "request"].forEach(function (kind) {
        var rows = repairRows(kept[kind + "s"], follow, kind);
        state[kind + "s"] = rows.list;
        notes.push.apply(notes, rows.notes);
        if (rows.setAside.length) setAside.push({ kind: kind, rows: rows.setAside });
      });
    }
    var entries = own(kept, "entries") ? kept.entries : {};
    if (!isObject(entries)) {
      if (entries !== null && entries !== undefined) {
        notes.push("The entries kept in this browser could not be read; they are set aside and the form starts empty");
        setAside.push(entries);
      }
      entries = {};
    }
    Object.keys(entries).forEach(function (key) {
      // A key no question has and that would change the object itself if written back.
      var checked = key === "__proto__" ? { entry: null, notes: [describe(key) + ": the kept entry could not be read and is set aside"] }
        : repairEntry(entries[key], shape, describe(key));
      notes.push.apply(notes, checked.notes);
      if (checked.entry) state.entries[key] = checked.entry;
      if (checked.notes.length) {
        var aside = {};
        aside[key] = entries[key];
        setAside.push(aside);
      }
    });
    return { state: state, notes: notes, setAside: setAside };
  }

  /* Whether a state holds anything the clerk entered. */
  function hasEntries(state) {
    return Object.keys(state.entries).length > 0 || (state.recommendations || []).length > 0 ||
      (state.requests || []).length > 0;
  }

  var DRAFT = "scrutiny-packs record draft";

  /* A draft file's text for the state: {draft, meeting, state}. */
  function draftText(state, meetingId) {
    return JSON.stringify({ draft: DRAFT, meeting: meetingId, state: state }, null, 1) + "\n";
  }

  /* A draft file's text, read as untrusted input: {state, notes, setAside} or {error}. */
  function readDraft(text, meetingId, shape, follow) {
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { parsed = undefined; }
    if (!isObject(parsed) || parsed.draft !== DRAFT || !isObject(parsed.state)) {
      return { error: "This file is not a draft saved from Record answers, so nothing was opened" };
    }
    if (parsed.meeting !== meetingId) {
      return { error: "This draft is for another meeting (" + String(asText(parsed.meeting) || "unknown") +
        "), so nothing was opened; open it on that meeting's page" };
    }
    var state = Object.assign({}, parsed.state, { on: true });
    return read(JSON.stringify(state), shape, follow);
  }

  var api = { read: read, repairEntry: repairEntry, emptyEntry: emptyEntry, hasEntries: hasEntries,
    draftText: draftText, readDraft: readDraft };
  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  SP.recordKept = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
