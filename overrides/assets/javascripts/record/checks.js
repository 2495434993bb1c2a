/* Record answers: what `scrutiny-packs validate` would refuse in a record that the browser can know.
 *
 * Every rule comes as data from the build (site/record_form.checks, from content/personal_data.py):
 * the personal-data detectors in the validator's order, each a pattern with the name of the rule that
 * confirms a match (a check digit, a count of digits, a name near a postcode, words that are roles),
 * the words for each kind, and the invisible characters. Nothing here knows a pattern of its own.
 * tests/js/personal-data.test.js runs the corpus of tests/fixtures/personal-data/ through it and
 * requires the findings Python wrote there.
 */
(function (root) {
  "use strict";

  var dates = (root.ScrutinyPacks && root.ScrutinyPacks.dates) || (typeof require === "function" ? require("../dates.js") : null);
  var compiled = {};
  function regex(pattern) {
    var key = pattern.flags + "/" + pattern.source;
    if (!compiled[key]) compiled[key] = new RegExp(pattern.source, pattern.flags);
    compiled[key].lastIndex = 0;
    return compiled[key];
  }

  function each(pattern, text, call) {
    var re = regex(pattern);
    var m;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === "") re.lastIndex += 1;
      call(m);
    }
  }

  function digits(text) { return text.replace(/[^0-9]/g, ""); }

  function nhsNumberValid(ten) {
    if (!/^[0-9]{10}$/.test(ten)) return false;
    var total = 0;
    for (var i = 0; i < 9; i += 1) total += Number(ten[i]) * (10 - i);
    var check = 11 - (total % 11);
    if (check === 11) check = 0;
    return check !== 10 && check === Number(ten[9]);
  }

  function roleWord(word, roleWords) {
    var lower = word.toLowerCase();
    return roleWords.indexOf(lower) >= 0 || lower.split("-").every(function (p) { return roleWords.indexOf(p) >= 0; });
  }

  function within(d, bounds) { return d.length >= bounds[0] && d.length <= bounds[1]; }

  /* The rules that confirm a match, by the names content/personal_data.py gives them: each returns
   * the span [start, end] found, or null. */
  var RULES = {
    "any": function (m) { return [m.index, m.index + m[0].length]; },
    "nhs-check-digit": function (m) {
      return nhsNumberValid(m[1] + m[3] + m[4]) ? [m.index, m.index + m[0].length] : null;
    },
    "uk-phone": function (m, text, rules) {
      var d = digits(m[0]);
      if (d.indexOf("44") === 0) d = "0" + d.slice(2).replace(/^0+/, "");
      var ok = rules.ukPhoneDigits.indexOf(d.length) >= 0 && m[0].indexOf("\n") < 0;
      return ok ? [m.index, m.index + m[0].length] : null;
    },
    "international-phone": function (m, text, rules) {
      var ok = within(digits(m[0]), rules.internationalPhoneDigits) && m[0].indexOf("\n") < 0;
      return ok ? [m.index, m.index + m[0].length] : null;
    },
    "next-to-a-name": function (m, text, rules) {
      var start = m.index, end = m.index + m[0].length;
      var before = text.slice(Math.max(0, start - rules.nameWindow), start);
      var name = regex(rules.nearName).exec(before);
      if (name) return [start - before.length + name.index, end];
      name = regex(rules.nearName).exec(text.slice(end, end + rules.nameWindow));
      return name ? [start, end + name.index + name[0].length] : null;
    },
    "initialled-name": function (m, text, rules) {
      var surname = m[1];
      return roleWord(surname, rules.roleWords) || rules.afterLetters.indexOf(surname.toLowerCase()) >= 0
        ? null : [m.index, m.index + m[0].length];
    },
    "not-role-words": function (m, text, rules) {
      return roleWord(m[1], rules.roleWords) || roleWord(m[2], rules.roleWords) ? null : [m.index, m.index + m[0].length];
    }
  };

  function oneLine(text, rules) {
    return (text.match(regex({ source: "[^" + rules.spaces + "]+", flags: "g" })) || []).join(" ");
  }

  /* Likely personal data in one text, as the record checks find it: [{kind, text, start, end}], in the
   * order it appears. `rules` is personal_data.browser_rules(). */
  function personalData(text, rules) {
    var found = [];
    function look(detectors) {
      detectors.forEach(function (detector) {
        var confirm = RULES[detector.rule];
        if (!confirm) throw new Error("record checks: no rule named " + detector.rule);
        each(detector, text, function (m) {
          var span = confirm(m, text, rules);
          if (!span) return;
          if (found.some(function (f) { return span[0] < f.end && f.start < span[1]; })) return;
          found.push({ kind: detector.kind, text: oneLine(text.slice(span[0], span[1]), rules), start: span[0], end: span[1] });
        });
      });
    }
    if (regex(rules.gate).test(text)) look(rules.detectors);
    look(rules.names);
    return found.sort(function (a, b) { return a.start - b.start; });
  }

  /* A real date written as the record schema's pattern says (dates.js). */
  function validDate(text, pattern) { return dates.isoDate(text, pattern); }

  function words(name) { return name === "rag" ? "RAG status" : name; }

  /* Problems with the entries, each {field: the input's id, message: one line}. `entries` is a
   * list of {label, ids: {field name: input id}, answer: {...}, actions: [{values, ids, label}]},
   * only those with something filled in. */
  function problems(entries, data, agreed) {
    var shape = data.record;
    var names = shape.names;
    var rules = data.checks.personalData;
    var out = [];
    function text(where, id, name, value, limit) {
      if (!value) return;
      if (limit && value.length > limit) {
        out.push({ field: id, message: where + ": " + words(name) + " is " + value.length + " characters; at most " + limit });
      }
      if (new RegExp(data.checks.control, "u").test(value) || new RegExp(data.checks.invisible, "u").test(value)) {
        out.push({ field: id, message: where + ": " + words(name) + " holds an invisible character; delete it (it usually comes from pasting)" });
      }
      personalData(value, rules).forEach(function (f) {
        out.push({ field: id, message: where + ": " + words(name) + " holds what looks like " + rules.said[f.kind] +
          " (\u201c" + f.text + "\u201d); " + (f.kind === "name" ? rules.hints.name : rules.hints.other) });
      });
    }
    agreed = agreed || [];
    if (!entries.length && !agreed.length) {
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
      if (a[names.rag] && shape.rag.indexOf(a[names.rag]) < 0) {
        out.push({ field: entry.ids[names.rag], message: entry.label + ": the kept RAG status \u201c" + a[names.rag] +
          "\u201d is not one of " + shape.rag.join(", ") + "; choose one" });
      }
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
        var done = v.done;
        if (done && !validDate(done, shape.datePattern)) {
          out.push({ field: action.ids.done, message: action.label + ": done \u201c" + done + "\u201d is not a date" });
        } else if (done && data.meeting.date && done < data.meeting.date) {
          out.push({ field: action.ids.done, message: action.label + ": done " + done + ", before the meeting on " +
            data.meeting.date + "; an action is done on or after the meeting that agreed it" });
        }
        if (v[names.status] && shape.status.indexOf(v[names.status]) < 0) {
          out.push({ field: action.ids[names.status], message: action.label + ": the kept status \u201c" + v[names.status] +
            "\u201d is not one of " + shape.status.join(", ") + "; choose one" });
        }
      });
    });
    agreedProblems(agreed, data, text, out);
    return out;
  }

  var FIELD_WORDS = { ref: "reference", item: "agenda item", text: "recommendation", to: "to whom",
    lead: "lead", response_due: "response due date", "response.decision": "response", "response.date": "response date",
    "response.text": "response", paused_reason: "reason for pausing", asked: "what was asked", of: "of whom",
    due: "due date", received: "received date" };
  var DATE_FIELDS = ["response_due", "response.date", "due", "received"];
  var EMPTY = { ref: "give it a reference, e.g. ", text: "say what the committee recommends",
    to: "say to whom it is addressed: a role or body", asked: "say what was asked for",
    of: "say of whom it was asked: a role or body", due: "give the date it is due by", item: "choose the agenda item" };

  /* What `validate` would refuse in the recommendations and information requests (content/recommendations.py
   * and the record schema): required fields, lengths, personal data, dates on or after the meeting, a
   * reference in the municipal-year form used once across every record, a response with its date, a
   * paused recommendation with its reason. */
  function agreedProblems(agreed, data, text, out) {
    var follow = data.followUp, rules = data.rules || {}, meetingDate = data.meeting.date;
    var refs = {};
    (rules.refsTaken || []).forEach(function (ref) { refs[ref] = "another meeting's record"; });
    agreed.forEach(function (row) {
      var v = row.values, ids = row.ids;
      var kindShape = row.kind === "request" ? follow.request : follow.recommendation;
      function say(field, message) { out.push({ field: ids[field] || "", message: row.label + ": " + message }); }
      kindShape.required.forEach(function (name) {
        if (!v[name]) say(name, EMPTY[name] + (name === "ref" ? (rules.nextRef || "2026-27/1") : ""));
      });
      Object.keys(kindShape.maxLength).forEach(function (name) {
        text(row.label, ids[name], FIELD_WORDS[name] || name, v[name], kindShape.maxLength[name]);
      });
      if (row.kind === "recommendation") {
        text(row.label, ids["response.text"], "response", v["response.text"], follow.response.maxLength.text);
        // What the form carries as published (actions, history) is checked too: it goes into the file.
        ["actions", "history"].forEach(function (list) {
          (Array.isArray(v[list]) ? v[list] : []).forEach(function (entry, index) {
            Object.keys(entry).forEach(function (name) {
              text(row.label + ", " + (list === "actions" ? "action " : "status update ") + (index + 1), ids.ref, name, entry[name]);
            });
          });
        });
        if (v.ref && !new RegExp(follow.recommendation.refPattern).test(v.ref)) {
          say("ref", "\u201c" + v.ref + "\u201d is not a reference; write the municipal year and a number, e.g. " +
            (rules.nextRef || "2026-27/1"));
        } else if (v.ref && refs[v.ref]) {
          say("ref", "reference " + v.ref + " is already used in " + refs[v.ref] + "; give each recommendation the next free number, e.g. " +
            (rules.nextRef || "2026-27/1"));
        } else if (v.ref) {
          refs[v.ref] = row.label.toLowerCase();
        }
        var decided = v["response.decision"], dated = v["response.date"];
        if (decided && !dated) say("response.date", "a response needs the date it was received");
        if (dated && !decided) say("response.decision", "say whether the response accepted the recommendation");
        if (v.status === "paused" && !v.paused_reason) {
          say("paused_reason", "a paused recommendation needs its reason, e.g. \u201cwaiting for the new strategy in April\u201d");
        }
        if (v.status && follow.recommendation.status.indexOf(v.status) < 0) say("status", "the status \u201c" + v.status + "\u201d is not one of " + follow.recommendation.status.join(", "));
      }
      DATE_FIELDS.forEach(function (name) {
        var day = v[name];
        if (!day || !Object.prototype.hasOwnProperty.call(ids, name)) return;
        if (!validDate(day, data.record.datePattern)) {
          say(name, "the " + FIELD_WORDS[name] + " \u201c" + day + "\u201d is not a date");
        } else if (meetingDate && day < meetingDate) {
          say(name, "the " + FIELD_WORDS[name] + " " + day + " is before the meeting on " + meetingDate +
            "; nothing agreed at a meeting can fall due or be answered before it");
        }
      });
    });
  }

  var api = { personalData: personalData, nhsNumberValid: nhsNumberValid, validDate: validDate, problems: problems };
  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  SP.recordChecks = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
