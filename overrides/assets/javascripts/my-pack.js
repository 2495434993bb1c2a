/* My pack: choose questions anywhere on the site, then print, share or copy
 * them as a pack from the My pack page.
 *
 * The choice lives in this browser only (localStorage), stored in the same
 * query format as the share link (see src/scrutiny_packs/mypack.py, which
 * reads and writes it too). Nothing is sent anywhere.
 *
 * Every page: the "Add to my pack" buttons (rendered hidden; shown here) and
 * the "My pack (N)" link in the header. The My pack page also carries the
 * bank as JSON (<script type="application/json" id="sp-bank">) and draws the
 * pack with the same markup and classes as the built packs, so the pack print
 * stylesheet lays it out the same way when printed.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "scrutiny-packs:my-pack";
  var PREVIOUS_KEY = "scrutiny-packs:my-pack:previous";
  var LINK_PARAMS = ["ids", "f", "body", "meeting", "date", "item", "title", "opts"];
  var TEXT_FIELDS = ["body", "meeting", "item", "title"];
  var OPTION_LETTERS = [["b", "benchmarks"], ["e", "evidence"], ["n", "notes"], ["r", "rag"]];
  var DEFAULT_OPTIONS = { benchmarks: true, evidence: true, notes: true, rag: false };
  var ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
  var MAX_QUESTIONS = 300;
  var MAX_TEXT = 200;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  // ------------------------------------------------------------ the link format

  function emptyPack() {
    return { questions: [], framing: "you", body: "", meeting: "", date: "", item: "", title: "",
      options: copyOptions(DEFAULT_OPTIONS) };
  }

  function copyOptions(options) {
    return { benchmarks: !!options.benchmarks, evidence: !!options.evidence, notes: !!options.notes,
      rag: !!options.rag };
  }

  function encodeValue(value) {
    return encodeURIComponent(value).replace(/%2C/g, ",");
  }

  function sameOptions(a, b) {
    return OPTION_LETTERS.every(function (pair) { return !!a[pair[1]] === !!b[pair[1]]; });
  }

  function encode(pack) {
    var parts = [["ids", pack.questions.join(",")]];
    if (pack.framing !== "you") parts.push(["f", pack.framing]);
    parts.push(["body", pack.body], ["meeting", pack.meeting], ["date", pack.date], ["item", pack.item],
      ["title", pack.title]);
    if (!sameOptions(pack.options, DEFAULT_OPTIONS)) {
      parts.push(["opts", OPTION_LETTERS.filter(function (pair) { return pack.options[pair[1]]; })
        .map(function (pair) { return pair[0]; }).join(",")]);
    }
    return parts.filter(function (part) { return part[1] || part[0] === "ids" || part[0] === "opts"; })
      .map(function (part) { return part[0] + "=" + encodeValue(part[1]); }).join("&");
  }

  function realDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var parts = text.split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return day.getUTCFullYear() === parts[0] && day.getUTCMonth() === parts[1] - 1 && day.getUTCDate() === parts[2];
  }

  function shown(value) {
    value = String(value);
    return "\u201c" + (value.length > 40 ? value.slice(0, 40) + "\u2026" : value) + "\u201d";
  }

  // Read a query; what cannot be used becomes a notice, as in mypack.decode.
  function decode(query) {
    var params = {};
    new URLSearchParams(query).forEach(function (value, key) {
      if (!(key in params)) params[key] = value;
    });
    var pack = emptyPack();
    var notices = [];
    (params.ids || "").split(",").some(function (raw) {
      var id = raw.trim().toLowerCase();
      if (!id) return false;
      if (!ID_PATTERN.test(id)) {
        notices.push(shown(raw) + " is not a question reference, so it was left out.");
      } else if (pack.questions.indexOf(id) !== -1) {
        notices.push(id + " was listed more than once; it is in the pack once.");
      } else if (pack.questions.length >= MAX_QUESTIONS) {
        notices.push("The link lists more than " + MAX_QUESTIONS + " questions; the rest were left out.");
        return true;
      } else {
        pack.questions.push(id);
      }
      return false;
    });
    if ("f" in params) {
      var framing = params.f.trim().toLowerCase();
      if (framing === "you" || framing === "we") pack.framing = framing;
      else notices.push(shown(params.f) + " is not a framing, so the pack uses \u201cyou\u201d.");
    }
    TEXT_FIELDS.forEach(function (name) {
      var value = (params[name] || "").split(/\s+/).filter(Boolean).join(" ");
      pack[name] = value.slice(0, MAX_TEXT);
    });
    var date = (params.date || "").trim();
    if (date && realDate(date)) pack.date = date;
    else if (date) notices.push(shown(date) + " is not a date, so the pack has no date.");
    if ("opts" in params) {
      var letters = params.opts.split(",").map(function (x) { return x.trim().toLowerCase(); });
      OPTION_LETTERS.forEach(function (pair) { pack.options[pair[1]] = letters.indexOf(pair[0]) !== -1; });
    }
    return { pack: pack, notices: notices };
  }

  function hasLink(search) {
    var params = new URLSearchParams(search);
    return LINK_PARAMS.some(function (name) { return params.has(name); });
  }

  // ------------------------------------------------------------ storage

  var memory = {};
  var storageWorks = (function () {
    try {
      var probe = STORAGE_KEY + ":probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  })();

  function readStored(key) {
    if (!storageWorks) return memory[key] || null;
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function writeStored(key, value) {
    if (!storageWorks) { memory[key] = value; return; }
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (error) {
      memory[key] = value;
    }
  }

  function loadPack() {
    var stored = readStored(STORAGE_KEY);
    return stored === null ? emptyPack() : decode(stored).pack;
  }

  function savePack(pack) {
    writeStored(STORAGE_KEY, encode(pack));
  }

  // ------------------------------------------------------------ small helpers

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function hiddenText(text) {
    return el("span", { className: "sp-mypack-vh" }, [text]);
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  var liveRegion = null;

  function announce(message) {
    if (!liveRegion) {
      liveRegion = el("div", { className: "sp-mypack-vh", role: "status", "aria-live": "polite" });
      document.body.appendChild(liveRegion);
    }
    // Cleared first, so the same words said twice are still read out.
    liveRegion.textContent = "";
    window.setTimeout(function () { liveRegion.textContent = message; }, 50);
  }

  // ------------------------------------------------------------ every page: buttons and header link

  function placeHeaderLink() {
    var link = document.querySelector("[data-sp-mypack-link]");
    if (!link) return null;
    var inner = document.querySelector(".md-header__inner");
    if (inner && link.parentNode !== inner) {
      var before = inner.querySelector("label[for='__search'], .md-header__source");
      inner.insertBefore(link, before);
    }
    link.hidden = false;
    return link;
  }

  var headerLink = placeHeaderLink();

  function updateHeader(pack) {
    if (!headerLink) return;
    var count = headerLink.querySelector("[data-sp-mypack-count]");
    if (count) count.textContent = String(pack.questions.length);
  }

  var addButtons = Array.prototype.slice.call(document.querySelectorAll("button[data-sp-add]"));

  function updateButtons(pack) {
    addButtons.forEach(function (button) {
      var chosen = pack.questions.indexOf(button.getAttribute("data-sp-add")) !== -1;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
    });
  }

  addButtons.forEach(function (button) {
    var holder = button.closest("[data-sp-add-holder]") || button;
    holder.hidden = false;
    button.hidden = false;
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-sp-add");
      var pack = loadPack();
      var at = pack.questions.indexOf(id);
      if (at === -1) pack.questions.push(id);
      else pack.questions.splice(at, 1);
      savePack(pack);
      updateButtons(pack);
      updateHeader(pack);
      announce((at === -1 ? "Added " + id + " to your pack. " : "Removed " + id + " from your pack. ")
        + "Your pack has " + plural(pack.questions.length, "question") + ".");
    });
  });

  var initial = loadPack();
  updateButtons(initial);
  updateHeader(initial);

  var page = document.getElementById("sp-mypack");
  var dataElement = document.getElementById("sp-bank");
  if (!page || !dataElement) {
    window.addEventListener("storage", function (event) {
      if (event.key !== STORAGE_KEY) return;
      var pack = loadPack();
      updateButtons(pack);
      updateHeader(pack);
    });
    return;
  }

  // ------------------------------------------------------------ the My pack page

  var bank = JSON.parse(dataElement.textContent);
  var pack;
  var form = page.querySelector("[data-sp-mypack-form]");
  var list = page.querySelector("[data-sp-mypack-list]");
  var empty = page.querySelector("[data-sp-mypack-empty]");
  var countText = page.querySelector("[data-sp-mypack-count-text]");
  var noticeBox = page.querySelector("[data-sp-mypack-notices]");
  var preview = page.querySelector("[data-sp-mypack-preview]");
  var linkBox = page.querySelector("[data-sp-mypack-share]");
  var linkField = page.querySelector("[data-sp-mypack-share-url]");
  var textBox = page.querySelector("[data-sp-mypack-text]");
  var textField = page.querySelector("[data-sp-mypack-text-field]");
  var pageStatus = page.querySelector("[data-sp-mypack-status]");
  if (pageStatus) liveRegion = pageStatus;

  function frame(text, framing) {
    return text.replace(/\{([A-Za-z]+)\}/g, function (whole, name) {
      var reading = bank.framing[name];
      return reading ? reading[framing] : whole;
    });
  }

  function truncate(text, limit) {
    text = text.split(/\s+/).filter(Boolean).join(" ");
    if (text.length <= limit) return text;
    var cut = text.slice(0, limit);
    var space = cut.lastIndexOf(" ");
    return (space === -1 ? cut : cut.slice(0, space)) + "\u2026";
  }

  // Questions the bank cannot offer (unknown or retired) leave the pack with a notice.
  function checkAgainstBank(candidate) {
    var notices = [];
    candidate.questions = candidate.questions.filter(function (id) {
      var q = bank.questions[id];
      if (!q) {
        notices.push(id + " is not a question in the bank, so it was left out. It may have been removed, "
          + "or the link was cut short.");
        return false;
      }
      if (q.retired) {
        notices.push(id + " has been retired, so it was left out"
          + (q.replacedBy ? "; " + q.replacedBy + " replaces it." : "."));
        return false;
      }
      return true;
    });
    return notices;
  }

  // -- the pack as the built packs draw it (packs/layout.py and templates/packs/pack.html.j2)

  function longDate(iso) {
    var parts = iso.split("-").map(Number);
    return parts[2] + " " + MONTHS[parts[1] - 1] + " " + parts[0];
  }

  function details(p) {
    var rows = [];
    if (p.body) rows.push(["Body", p.body]);
    if (p.meeting) rows.push(["Meeting", p.meeting]);
    if (p.date) rows.push(["Date", longDate(p.date), p.date]);
    if (p.item || p.title) rows.push(["Agenda item", p.item && p.title ? p.item + ": " + p.title : p.item || p.title]);
    rows.push(["Questions", String(p.questions.length)]);
    return rows;
  }

  function packTitle(p) {
    return p.title || p.meeting || bank.defaultTitle;
  }

  // Each question arrives laid out as the built packs lay it out on its own (mypack.bank_data):
  // the area it is shown under, what to listen for, its evidence and its guides. Here it is only
  // numbered, grouped with its neighbours under the same area, and framed.
  function view(p) {
    var groups = [];
    var shownGuides = {};
    p.questions.forEach(function (id, index) {
      var q = bank.questions[id];
      var area = q.area;
      var item = {
        number: index + 1, id: id, text: frame(q.text, p.framing), askedOf: q.askedOf || "",
        listenFor: q.listenFor || [],
        evidence: (q.evidence || []).map(function (i) { return bank.indicators[i]; }),
        guides: q.guides || []
      };
      var last = groups[groups.length - 1];
      if (last && last.areaId === area) last.questions.push(item);
      else groups.push({ areaId: area, questions: [item] });
    });
    groups.forEach(function (g) {
      var a = bank.areas[g.areaId] || { name: g.areaId, context: "" };
      g.title = a.name;
      g.context = a.context;
      g.first = g.questions[0].number;
      g.last = g.questions[g.questions.length - 1].number;
      g.numbers = g.first === g.last ? "question " + g.first : "questions " + g.first + "\u2013" + g.last;
      g.guides = [];
      g.questions.forEach(function (q) {
        q.guides.forEach(function (gid) {
          if (shownGuides[gid]) return;
          shownGuides[gid] = true;
          g.guides.push(bank.guides[gid]);
        });
      });
      if (!p.options.benchmarks) g.guides = [];
    });
    var all = [].concat.apply([], groups.map(function (g) { return g.questions; }));
    return {
      title: packTitle(p), groups: groups, questions: all,
      hasGuidance: all.some(function (q) { return q.listenFor.length; })
        || groups.some(function (g) { return g.guides.length; }),
      hasEvidence: all.some(function (q) { return q.evidence.length; })
    };
  }

  function howTo(p, v) {
    var o = p.options;
    var text = "The questions are numbered so they can be referred to in the meeting.";
    if (o.benchmarks && v.hasGuidance) {
      text += " Under each is what a good answer would show"
        + (o.evidence && v.hasEvidence ? ", and the evidence to ask for" : "") + ".";
    } else if (o.evidence && v.hasEvidence) {
      text += " Under each is the evidence to ask for.";
    }
    if (o.notes && o.rag) {
      text += " The printed pack has space for notes and a box for a red, amber or green (RAG) status against each question.";
    } else if (o.notes) {
      text += " The printed pack has space for notes under each question.";
    } else if (o.rag) {
      text += " The printed pack has a box for a red, amber or green (RAG) status against each question.";
    }
    return text;
  }

  function guideBody(html) {
    // Built from the bank and sanitised when the site was built (mypack.bank_data).
    var holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.content;
  }

  function drawPack(p) {
    var v = view(p);
    var classes = "sp-pack sp-pack--" + p.framing + (p.options.notes ? " sp-pack--notes" : "")
      + (p.options.rag ? " sp-pack--rag" : "");
    var root = el("div", { className: classes, "data-pack": "my-pack", "data-framing": p.framing,
      "data-footer-title": truncate(v.title, bank.footerTitleLimit) });
    var detailList = el("dl", { className: "sp-pack-details" }, details(p).map(function (d) {
      var value = d[2] ? el("time", { datetime: d[2] }, [d[1]]) : d[1];
      return el("div", { className: "sp-pack-details__row" }, [el("dt", {}, [d[0]]), el("dd", {}, [value])]);
    }));
    root.appendChild(el("div", { className: "sp-pack-cover" }, [
      el("p", { className: "sp-pack-kicker" }, ["Question pack"]),
      el("h1", { className: "sp-pack-title", id: "sp-pack-title" }, [v.title]),
      detailList,
      el("p", { className: "sp-pack-framing" }, [bank.framingNotes[p.framing]]),
      el("p", { className: "sp-pack-howto" }, [howTo(p, v)]),
      el("h2", { className: "sp-pack-contents-title", id: "sp-pack-contents" }, ["Contents"]),
      el("ul", { className: "sp-pack-contents" }, v.groups.map(function (g, i) {
        return el("li", {}, [el("a", { href: "#sp-pack-group-" + (i + 1) }, [g.title]), " ",
          el("span", { className: "sp-pack-contents__numbers" }, ["(" + g.numbers + ")"])]);
      }))
    ]));
    v.groups.forEach(function (g, i) {
      var id = "sp-pack-group-" + (i + 1);
      var section = el("section", { className: "sp-pack-area", id: id, "aria-labelledby": id + "-title" }, [
        g.context ? el("p", { className: "sp-pack-area__context" }, [g.context]) : null,
        el("h2", { className: "sp-pack-area__title", id: id + "-title" }, [g.title]),
        el("ol", { className: "sp-pack-questions", start: String(g.first) }, g.questions.map(function (q) {
          return drawQuestion(p, q);
        }))
      ]);
      if (g.guides.length) {
        section.appendChild(el("div", { className: "sp-pack-guides" }, [
          el("h3", { className: "sp-pack-guides__title" }, ["What good looks like: " + g.title])
        ].concat(g.guides.map(function (guide) {
          var box = el("div", { className: "sp-pack-guide" }, [el("h4", { className: "sp-pack-guide__title" }, [guide.title])]);
          box.appendChild(guideBody(guide.html));
          return box;
        }))));
      }
      root.appendChild(section);
    });
    return root;
  }

  function drawQuestion(p, q) {
    var item = el("li", { className: "sp-pack-q", id: "sp-pack-q-" + q.id, "data-question": q.id }, [
      el("p", { className: "sp-pack-q__text" }, [el("span", { className: "sp-pack-q__number" }, [q.number + "."]),
        " " + q.text]),
      el("p", { className: "sp-pack-q__meta" }, [(q.askedOf ? "Ask: " + q.askedOf + " \u00b7 " : "") + "Ref. " + q.id])
    ]);
    if (p.options.benchmarks && q.listenFor.length) {
      item.appendChild(el("div", { className: "sp-pack-q__good" }, [
        el("p", { className: "sp-pack-label" }, ["What good looks like"]),
        el("ul", {}, q.listenFor.map(function (point) { return el("li", {}, [point]); }))
      ]));
    }
    if (p.options.evidence && q.evidence.length) {
      item.appendChild(el("div", { className: "sp-pack-q__evidence" }, [
        el("p", { className: "sp-pack-label" }, ["Evidence to ask for"]),
        el("ul", {}, q.evidence.map(function (f) {
          return el("li", {}, [el("strong", {}, [f.name]), ": " + f.description]);
        }))
      ]));
    }
    if (p.options.notes) {
      item.appendChild(el("div", { className: "sp-pack-q__notes" }, [el("p", { className: "sp-pack-label" }, ["Notes"])]));
    }
    if (p.options.rag) {
      item.appendChild(el("div", { className: "sp-pack-q__rag" }, [
        el("p", { className: "sp-pack-label" }, ["RAG"]),
        el("p", { className: "sp-pack-q__rag-key" }, ["Red, amber or green"])
      ]));
    }
    return item;
  }

  // -- plain text and CSV, for pasting into reports

  function asText(p) {
    var v = view(p);
    var lines = [v.title, ""];
    details(p).forEach(function (d) { lines.push(d[0] + ": " + d[1]); });
    lines.push("", bank.framingNotes[p.framing]);
    v.groups.forEach(function (g) {
      lines.push("", g.title, "");
      g.questions.forEach(function (q) {
        lines.push(q.number + ". " + q.text + (q.askedOf ? " (Ask: " + q.askedOf + ")" : "") + " (ref. " + q.id + ")");
        if (p.options.benchmarks && q.listenFor.length) {
          lines.push("   What good looks like:");
          q.listenFor.forEach(function (point) { lines.push("   - " + point); });
        }
        if (p.options.evidence && q.evidence.length) {
          lines.push("   Evidence to ask for:");
          q.evidence.forEach(function (f) { lines.push("   - " + f.name + ": " + f.description); });
        }
      });
    });
    return lines.join("\n") + "\n";
  }

  function csvCell(value) {
    value = String(value);
    // A leading =, +, - or @ would be read as a formula by spreadsheets.
    if (/^[=+\-@\t\r]/.test(value)) value = "'" + value;
    return /[",\r\n]/.test(value) ? "\"" + value.replace(/"/g, "\"\"") + "\"" : value;
  }

  function asCsv(p) {
    var v = view(p);
    var head = ["Number", "Reference", "Area", "Question", "Ask"];
    if (p.options.benchmarks) head.push("What good looks like");
    if (p.options.evidence) head.push("Evidence to ask for");
    if (p.options.notes) head.push("Notes");
    if (p.options.rag) head.push("RAG");
    var rows = [head];
    v.groups.forEach(function (g) {
      g.questions.forEach(function (q) {
        var row = [q.number, q.id, g.title, q.text, q.askedOf];
        if (p.options.benchmarks) row.push(q.listenFor.join("; "));
        if (p.options.evidence) row.push(q.evidence.map(function (f) { return f.name; }).join("; "));
        if (p.options.notes) row.push("");
        if (p.options.rag) row.push("");
        rows.push(row);
      });
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function fileName(p, extension) {
    var stem = packTitle(p).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    return (stem || "my-pack") + "." + extension;
  }

  // -- drawing the page

  function drawList() {
    var count = pack.questions.length;
    list.textContent = "";
    pack.questions.forEach(function (id, index) {
      var q = bank.questions[id];
      var area = bank.areas[q.area];
      var name = " (ref. " + id + ")";
      var up = el("button", { type: "button", className: "md-button sp-mypack-move", "data-action": "up",
        "aria-disabled": index === 0 ? "true" : null }, ["Move up", hiddenText(name)]);
      var down = el("button", { type: "button", className: "md-button sp-mypack-move", "data-action": "down",
        "aria-disabled": index === count - 1 ? "true" : null }, ["Move down", hiddenText(name)]);
      var remove = el("button", { type: "button", className: "md-button sp-mypack-remove", "data-action": "remove" },
        ["Remove", hiddenText(name)]);
      var text = frame(q.text, pack.framing);
      list.appendChild(el("li", { className: "sp-mypack-item", "data-question": id }, [
        el("p", { className: "sp-mypack-item__text" }, [q.href ? el("a", { href: q.href }, [text]) : text]),
        el("p", { className: "sp-mypack-item__meta" }, ["Ref. " + id + (area ? " \u00b7 Area: " + area.name : "")]),
        el("div", { className: "sp-mypack-item__actions" }, [up, down, remove])
      ]));
    });
    list.hidden = count === 0;
    empty.hidden = count !== 0;
    countText.textContent = count === 0 ? "No questions chosen yet." : "You have chosen " + plural(count, "question") + ".";
    page.querySelectorAll("[data-sp-mypack-needs-questions]").forEach(function (button) {
      button.setAttribute("aria-disabled", count === 0 ? "true" : "false");
    });
  }

  function drawPreview() {
    preview.textContent = "";
    if (pack.questions.length) preview.appendChild(drawPack(pack));
  }

  function fillForm() {
    form.elements.namedItem("framing").value = pack.framing;
    ["body", "meeting", "date", "item", "title"].forEach(function (name) {
      form.elements.namedItem(name).value = pack[name];
    });
    OPTION_LETTERS.forEach(function (pair) { form.elements.namedItem(pair[1]).checked = pack.options[pair[1]]; });
  }

  function redraw() {
    drawList();
    drawPreview();
    updateHeader(pack);
  }

  function commit() {
    savePack(pack);
    redraw();
  }

  function showNotices(lines, title) {
    if (!lines.length) return;
    noticeBox.appendChild(el("div", { className: "admonition warning sp-mypack-notice" }, [
      el("p", { className: "admonition-title" }, [title]),
      el("ul", {}, lines.map(function (line) { return el("li", {}, [line]); }))
    ]));
    noticeBox.hidden = false;
  }

  function showReplaced(previous) {
    var restore = el("button", { type: "button", className: "md-button" }, ["Put back my earlier pack"]);
    var box = el("div", { className: "admonition info sp-mypack-notice" }, [
      el("p", { className: "admonition-title" }, ["This link replaced your earlier pack"]),
      el("p", {}, ["You had " + plural(decode(previous).pack.questions.length, "question")
        + " in your pack before you opened this link. "]),
      el("p", {}, [restore])
    ]);
    restore.addEventListener("click", function () {
      var back = decode(previous).pack;
      checkAgainstBank(back);
      pack = back;
      writeStored(PREVIOUS_KEY, null);
      fillForm();
      commit();
      box.remove();
      if (!noticeBox.children.length) noticeBox.hidden = true;
      countText.focus();
      announce("Your earlier pack is back. It has " + plural(pack.questions.length, "question") + ".");
    });
    noticeBox.appendChild(box);
    noticeBox.hidden = false;
  }

  // -- starting up: a shared link wins over what was stored, which is kept to put back

  (function start() {
    var notices = [];
    if (hasLink(window.location.search)) {
      var read = decode(window.location.search);
      notices = read.notices.concat(checkAgainstBank(read.pack));
      pack = read.pack;
      var previous = readStored(STORAGE_KEY);
      if (previous !== null && decode(previous).pack.questions.length && previous !== encode(pack)) {
        writeStored(PREVIOUS_KEY, previous);
        showReplaced(previous);
      }
      savePack(pack);
      // The pack now lives in this browser; a reload should not undo later changes.
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + window.location.hash);
      }
      showNotices(notices, "Some of the link could not be used");
    } else {
      pack = loadPack();
      notices = checkAgainstBank(pack);
      if (notices.length) savePack(pack);
      showNotices(notices, "Some questions have left your pack");
    }
    if (!storageWorks) {
      showNotices(["This browser is not letting the site keep your pack, so it will be lost when you leave "
        + "this page. Use \u201cCopy link\u201d to keep it."], "Your pack is not being saved");
    }
    fillForm();
    redraw();
    page.querySelectorAll("[data-sp-mypack-js]").forEach(function (part) { part.hidden = false; });
    page.querySelectorAll("[data-sp-mypack-nojs]").forEach(function (part) { part.hidden = true; });
  })();

  // -- the list: move and remove, with focus kept where the reader is

  function focusAction(id, action) {
    var item = list.querySelector("[data-question='" + id + "']");
    var button = item && item.querySelector("[data-action='" + action + "']");
    if (button) button.focus();
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    var id = button.closest("[data-question]").getAttribute("data-question");
    var at = pack.questions.indexOf(id);
    var action = button.getAttribute("data-action");
    var count = pack.questions.length;
    if (action === "up" || action === "down") {
      var to = action === "up" ? at - 1 : at + 1;
      if (to < 0 || to >= count) return;
      pack.questions.splice(at, 1);
      pack.questions.splice(to, 0, id);
      commit();
      focusAction(id, action);
      announce(id + " moved " + action + " to position " + (to + 1) + " of " + count + ".");
    } else if (action === "remove") {
      pack.questions.splice(at, 1);
      commit();
      var next = pack.questions[Math.min(at, pack.questions.length - 1)];
      if (next) focusAction(next, "remove");
      else countText.focus();
      announce("Removed " + id + ". " + (pack.questions.length ? "Your pack has "
        + plural(pack.questions.length, "question") + "." : "Your pack is empty."));
    }
  });

  // -- framing, meeting details and options

  form.addEventListener("submit", function (event) { event.preventDefault(); });

  form.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.name) return;
    if (field.name === "framing") {
      if (!field.checked) return;
      pack.framing = field.value === "we" ? "we" : "you";
      commit();
      announce("Questions now framed as \u201c" + pack.framing + "\u201d.");
    } else if (field.name in DEFAULT_OPTIONS) {
      pack.options[field.name] = field.checked;
      commit();
    } else if (field.name === "date") {
      pack.date = realDate(field.value) ? field.value : "";
      commit();
    } else if (TEXT_FIELDS.indexOf(field.name) !== -1) {
      pack[field.name] = field.value.slice(0, MAX_TEXT);
      savePack(pack);
      drawPreview();
    }
  });

  // Text fields are stored with spaces tidied once the reader moves on.
  form.addEventListener("change", function (event) {
    var field = event.target;
    if (TEXT_FIELDS.indexOf(field.name) === -1) return;
    pack[field.name] = field.value.split(/\s+/).filter(Boolean).join(" ").slice(0, MAX_TEXT);
    // The list does not show meeting details: redrawing it here would pull a button
    // out from under a click that moved focus away from this field.
    savePack(pack);
    drawPreview();
  });

  // -- print, share, copy, download

  function shareUrl() {
    var here = window.location.href.split("#")[0].split("?")[0];
    return here + "?" + encode(pack);
  }

  function copyText(text, done, failed) {
    function fallback() {
      var area = el("textarea", { className: "sp-mypack-vh", "aria-hidden": "true", tabindex: "-1" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      area.remove();
      if (ok) done(); else failed();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function needsQuestions(button) {
    if (button.getAttribute("aria-disabled") !== "true") return true;
    announce("Your pack is empty. Add questions first.");
    return false;
  }

  var actions = {
    print: function () {
      drawPreview();
      window.print();
    },
    link: function () {
      var url = shareUrl();
      linkField.value = url;
      linkBox.hidden = false;
      page.querySelector("[data-sp-mypack-share-local]").hidden = window.location.protocol !== "file:";
      copyText(url, function () {
        announce("Link copied. Anyone who opens it sees this pack.");
      }, function () {
        linkField.focus();
        linkField.select();
        announce("Your browser did not allow copying. The link is selected: copy it with your keyboard.");
      });
    },
    csv: function () {
      var blob = new Blob([asCsv(pack)], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = el("a", { href: url, download: fileName(pack, "csv"), hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      announce("Downloading " + fileName(pack, "csv") + ".");
    },
    text: function () {
      var text = asText(pack);
      textField.value = text;
      copyText(text, function () {
        textBox.hidden = true;
        announce("The pack is copied as text. Paste it into your report.");
      }, function () {
        textBox.hidden = false;
        textField.focus();
        textField.select();
        announce("Your browser did not allow copying. The text is selected: copy it with your keyboard.");
      });
    },
    clear: function () {
      if (!window.confirm("Remove all " + plural(pack.questions.length, "question") + " from your pack?")) return;
      pack.questions = [];
      commit();
      countText.focus();
      announce("Your pack is empty.");
    }
  };

  page.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-sp-mypack-action]");
    if (!button) return;
    if (button.hasAttribute("data-sp-mypack-needs-questions") && !needsQuestions(button)) return;
    actions[button.getAttribute("data-sp-mypack-action")]();
  });

  window.addEventListener("beforeprint", drawPreview);

  window.addEventListener("storage", function (event) {
    if (event.key !== STORAGE_KEY) return;
    pack = loadPack();
    checkAgainstBank(pack);
    fillForm();
    redraw();
  });

  // For tests and for anyone curious: the link format and the pack as text.
  window.scrutinyPacksMyPack = { encode: encode, decode: decode, asText: function () { return asText(pack); },
    asCsv: function () { return asCsv(pack); } };
})();
