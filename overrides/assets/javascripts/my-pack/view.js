/* My pack, the pack as it will be shown: questions numbered, grouped under their
 * areas, framed; the cover's details and sentences. Pure: it reads the pack and
 * the bank (the My pack page's data, site/mypack.py) and touches nothing else.
 *
 * Each question arrives laid out as the built packs lay it out on its own
 * (packs/layout.py): the area it is shown under, what to listen for, its
 * evidence, its guides. Here it is only numbered, grouped with its neighbours
 * under the same area, and framed, as packs.layout.build_view does for a pack.
 * The words (labels, the how-to sentence) are the build's (text/sentences.py).
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  // Question text in one framing: {we}, {Our}... read as the build reads them (text/framing.py).
  function frame(text, framing, bank) {
    return text.replace(/\{([A-Za-z]+)\}/g, function (whole, name) {
      var reading = Object.prototype.hasOwnProperty.call(bank.framing, name) ? bank.framing[name] : null;
      return reading ? reading[framing] : whole;
    });
  }

  // Spaces tidied and, when too long, cut at a word with an ellipsis (text.escape.truncate).
  function shorten(text, limit) {
    var chars = Array.from(String(text).split(/\s+/).filter(Boolean).join(" "));
    if (chars.length <= limit) return chars.join("");
    var cut = chars.slice(0, limit).join("");
    var space = cut.lastIndexOf(" ");
    return (space === -1 ? cut : cut.slice(0, space)) + "\u2026";
  }

  function packTitle(pack, bank) {
    return pack.title || pack.meeting || bank.defaultTitle;
  }

  function longDate(iso, bank) {
    var parts = iso.split("-").map(Number);
    return parts[2] + " " + bank.sentences.months[parts[1] - 1] + " " + parts[0];
  }

  // The cover's labelled lines: [{label, value, iso}], as packs.layout._details writes them.
  function details(pack, bank) {
    var label = bank.sentences.details;
    var rows = [];
    if (pack.body) rows.push({ label: label.body, value: pack.body });
    if (pack.meeting) rows.push({ label: label.meeting, value: pack.meeting });
    if (pack.date) rows.push({ label: label.date, value: longDate(pack.date, bank), iso: pack.date });
    if (pack.item || pack.title) {
      rows.push({ label: label.item,
        value: pack.item && pack.title ? pack.item + ": " + pack.title : pack.item || pack.title });
    }
    rows.push({ label: label.questions, value: String(pack.questions.length) });
    return rows;
  }

  // The meeting in one line for the running footer, as packs.layout.meeting_line writes it.
  function footerMeeting(pack, bank) {
    var parts = pack.body ? [pack.body] : [];
    if (pack.date) parts.push(longDate(pack.date, bank));
    if (pack.item) parts.push(fill(bank.sentences.footerItem, { item: pack.item }));
    else if (pack.title) parts.push(pack.title);
    return shorten(parts.join(" \u00b7 "), bank.footerMeetingLimit);
  }

  // "Terms used in this pack": the glossary entries the questions use, in the glossary's order.
  function terms(questionIds, bank) {
    var used = {};
    questionIds.forEach(function (id) {
      (bank.questions[id].terms || []).forEach(function (term) { used[term] = true; });
    });
    return (bank.glossary || []).filter(function (t) { return used[t.id]; });
  }

  /* "Sources cited in this pack": what the questions cite, in the pack's order, then what the guides it shows
   * cite, by guide id; each source once, as first cited; listed in the order the build gives each
   * (bank.sources[i].order, site/mypack.py), as packs.layout.cited_sources lists them. */
  function cited(questions, guideIds, bank) {
    var table = bank.sources || [];
    var seen = {};
    var found = [];
    function take(index) {
      var source = table[index];
      if (!source || Object.prototype.hasOwnProperty.call(seen, source.key)) return;
      seen[source.key] = true;
      found.push(source);
    }
    questions.forEach(function (q) { (bank.questions[q.id].sources || []).forEach(take); });
    guideIds.slice().sort().forEach(function (gid) { ((bank.guides[gid] || {}).sources || []).forEach(take); });
    return found.map(function (source, at) { return { source: source, at: at }; })
      .sort(function (a, b) { return a.source.order - b.source.order || a.at - b.at; })
      .map(function (pair) { return pair.source; });
  }

  function questionNumbers(first, last, bank) {
    var say = bank.sentences;
    return first === last ? fill(say.oneQuestion, { first: first }) : fill(say.someQuestions, { first: first, last: last });
  }

  // The pack as it will be shown. Only questions the bank offers (see link.check) may be in it.
  function view(pack, bank) {
    var options = pack.options;
    var groups = [];
    var shownGuides = {};
    pack.questions.forEach(function (id, index) {
      var q = bank.questions[id];
      var item = {
        number: index + 1, id: id, text: frame(q.text, pack.framing, bank), askedOf: q.askedOf || "",
        listenFor: q.listenFor || [],
        evidence: (q.evidence || []).map(function (i) { return bank.indicators[i]; }),
        guides: q.guides || [],
        html: q.html ? q.html[pack.framing] || q.html.you : ""
      };
      var last = groups[groups.length - 1];
      if (last && last.areaId === q.area) last.questions.push(item);
      else groups.push({ areaId: q.area, questions: [item] });
    });
    groups.forEach(function (g) {
      var area = bank.areas[g.areaId] || { name: g.areaId, context: "" };
      g.title = area.name;
      g.context = area.context;
      g.first = g.questions[0].number;
      g.last = g.questions[g.questions.length - 1].number;
      g.numbers = questionNumbers(g.first, g.last, bank);
      g.guidesTitle = fill(bank.sentences.guidesHeading, { area: g.title });
      g.guides = [];
      g.questions.forEach(function (q) {
        q.guides.forEach(function (gid) {
          if (shownGuides[gid]) return;
          shownGuides[gid] = true;
          g.guides.push(gid);
        });
      });
      if (!options.benchmarks) g.guides = [];
    });
    var all = [].concat.apply([], groups.map(function (g) { return g.questions; }));
    var guideIds = [].concat.apply([], groups.map(function (g) { return g.guides; }));
    var hasGuidance = all.some(function (q) { return q.listenFor.length; })
      || groups.some(function (g) { return g.guides.length; });
    var hasEvidence = all.some(function (q) { return q.evidence.length; });
    var howTo = (options.benchmarks && hasGuidance ? "g" : "") + (options.evidence && hasEvidence ? "e" : "")
      + (options.notes_space ? "n" : "") + (options.rag ? "r" : "");
    var title = packTitle(pack, bank);
    return {
      title: title,
      footerTitle: shorten(title, bank.footerTitleLimit),
      footerMeeting: footerMeeting(pack, bank),
      framingNote: bank.framingNotes[pack.framing],
      howTo: bank.sentences.howTo[howTo],
      details: details(pack, bank),
      terms: terms(pack.questions, bank),
      cited: cited(all, guideIds, bank),
      groups: groups,
      questions: all,
      hasGuidance: hasGuidance,
      hasEvidence: hasEvidence
    };
  }

  var api = {
    view: view,
    frame: frame,
    shorten: shorten,
    packTitle: packTitle,
    longDate: longDate,
    details: details,
    footerMeeting: footerMeeting,
    cited: cited
  };

  SP.view = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
