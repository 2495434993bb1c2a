/* Plan a meeting on the page (templates/site/plan.md.j2): agenda item titles typed, pasted or read from
 * a meeting file; the questions suggested for each item (suggest.js, Python's rule and data); keep,
 * remove, reorder or add them; then download the meeting file (meeting.js), each item's Word file or
 * the whole papers as one (My pack's word.js), or print. Nothing is sent anywhere.
 *
 * start(page, data) keeps the plan in its own closure and redraws the items after each change, putting
 * the focus back on the control that had it (each carries data-sp-plan-key) or, when that control is
 * gone, on the nearest one that still makes sense.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};

  function start(page, data) {
    var doc = page.ownerDocument;
    var el = function (tag, attributes, children) { return SP.render.el(doc, tag, attributes, children); };
    var meeting = SP.planMeeting;
    var bank = data.bank;
    var index = SP.suggest.index(data.suggest);
    var announcer = SP.announce.announcer(doc);
    announcer.use(page.querySelector("[data-sp-plan-status]"));
    var say = announcer.say;
    var form = page.querySelector("[data-sp-plan-form]");
    var list = page.querySelector("[data-sp-plan-items]");
    var count = page.querySelector("[data-sp-plan-count]");
    var problemsBox = page.querySelector("[data-sp-plan-problems]");
    var noticesBox = page.querySelector("[data-sp-plan-notices]");
    var papersBox = page.querySelector("[data-sp-plan-papers]");
    var session = { plan: meeting.emptyPlan(data), next: 1, open: {} };

    function suggested(title, n) {
      if (!title.trim()) return [];
      return SP.suggest.rank(index, title, session.plan.audience, n).map(function (s) { return s.id; })
        .filter(function (id) { return bank.questions[id] && !bank.questions[id].retired; });
    }

    function newItem(number, title, questions) {
      var item = { key: "i" + session.next++, number: String(number), title: title, link: "",
        questions: questions || suggested(title, data.kept) };
      return item;
    }

    // -- the meeting's fields

    var audiences = form.querySelector("[data-sp-plan-audiences]");
    audiences.appendChild(el("option", { value: "" }, ["Any audience"]));
    data.audiences.forEach(function (a) { audiences.appendChild(el("option", { value: a.id }, [a.name])); });

    function fieldsFromPlan() {
      var p = session.plan;
      form.elements.body.value = p.body;
      form.elements.name.value = p.name;
      form.elements.date.value = p.date;
      audiences.value = p.audience;
      form.querySelector("input[name=framing][value=" + (p.framing === "we" ? "we" : "you") + "]").checked = true;
    }

    form.addEventListener("input", function (event) {
      var p = session.plan, t = event.target;
      if (t.name === "body" || t.name === "name" || t.name === "date") p[t.name] = t.value;
      else if (t.name === "framing" && t.checked) { p.framing = t.value; draw(); return; }
      else if (t.name === "audience") { p.audience = t.value; draw(); return; }
      else return;
      drawPapers();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    // -- the items

    function questionRow(item, id, position) {
      var q = bank.questions[id];
      var total = item.questions.length;
      var which = "question " + (position + 1) + ", item " + item.number;
      function button(action, text, disabled) {
        return el("button", { type: "button", className: "md-button sp-plan-small", "data-sp-plan-do": action,
          "data-sp-plan-item": item.key, "data-sp-plan-question": id, "data-sp-plan-key": item.key + ":" + id + ":" + action,
          "aria-label": text + ": " + which, disabled: disabled }, [text]);
      }
      var text = SP.view.frame(q.text, session.plan.framing, bank);
      return el("li", { className: "sp-plan-question" }, [
        el("p", { className: "sp-plan-question-text" }, [text, " ",
          el("a", { className: "sp-plan-ref", href: q.href || null }, ["Ref. " + id])]),
        el("div", { className: "sp-plan-question-actions" }, [
          button("up", "Move up", position === 0),
          button("down", "Move down", position === total - 1),
          button("remove", "Remove", false)
        ])
      ]);
    }

    function itemView(item, position) {
      var k = item.key;
      var titleId = "sp-plan-" + k + "-title";
      var more = suggested(item.title, data.kept + data.more).filter(function (id) { return item.questions.indexOf(id) < 0; });
      var questions = item.questions.length
        ? el("ol", { className: "sp-plan-questions", "aria-label": "Questions for item " + item.number },
          item.questions.map(function (id, i) { return questionRow(item, id, i); }))
        : el("p", { className: "sp-plan-none" }, ["No questions yet: add one of the suggestions below or by its reference."]);
      var details = el("details", { className: "sp-plan-more", open: !!session.open[k],
        "data-sp-plan-details": k }, [
        el("summary", { "data-sp-plan-key": k + ":more" }, ["More suggested questions (" + more.length + ")"]),
        more.length ? el("ul", { className: "sp-plan-more-list" }, more.map(function (id) {
          var q = bank.questions[id];
          return el("li", {}, [
            el("p", { className: "sp-plan-question-text" }, [SP.view.frame(q.text, session.plan.framing, bank), " ",
              el("span", { className: "sp-plan-ref" }, ["Ref. " + id])]),
            el("button", { type: "button", className: "md-button sp-plan-small", "data-sp-plan-do": "add",
              "data-sp-plan-item": k, "data-sp-plan-question": id, "data-sp-plan-key": k + ":add:" + id,
              "aria-label": "Add: Ref. " + id + " to item " + item.number }, ["Add"])
          ]);
        })) : el("p", {}, ["No more questions fit this title: add one by its reference."])
      ]);
      var refId = "sp-plan-" + k + "-ref";
      return el("li", { className: "sp-plan-item", "aria-labelledby": titleId }, [
        el("h3", { id: titleId, className: "sp-plan-item-title", tabindex: "-1", "data-sp-plan-key": k + ":heading" },
          ["Item " + item.number + (item.title ? ": " + item.title : "")]),
        el("div", { className: "sp-plan-item-fields" }, [
          el("div", { className: "sp-mypack-field sp-plan-number" }, [
            el("label", { "for": "sp-plan-" + k + "-number" }, ["Number"]),
            el("input", { type: "text", id: "sp-plan-" + k + "-number", value: item.number, maxlength: "20", size: "4",
              autocomplete: "off", "data-sp-plan-field": "number", "data-sp-plan-item": k, "data-sp-plan-key": k + ":number" })
          ]),
          el("div", { className: "sp-mypack-field sp-plan-title" }, [
            el("label", { "for": "sp-plan-" + k + "-title-field" }, ["Title"]),
            el("input", { type: "text", id: "sp-plan-" + k + "-title-field", value: item.title, maxlength: String(data.textLimit),
              autocomplete: "off", "data-sp-plan-field": "title", "data-sp-plan-item": k, "data-sp-plan-key": k + ":title" })
          ])
        ]),
        el("p", { className: "sp-plan-item-count" }, [item.questions.length + (item.questions.length === 1 ? " question" : " questions")]),
        questions,
        details,
        el("div", { className: "sp-mypack-field sp-plan-add-ref" }, [
          el("label", { "for": refId }, ["Add a question by its reference, such as q014"]),
          el("div", { className: "sp-plan-inline" }, [
            el("input", { type: "text", id: refId, size: "8", autocomplete: "off", "data-sp-plan-key": k + ":ref",
              "data-sp-plan-ref": k }),
            el("button", { type: "button", className: "md-button sp-plan-small", "data-sp-plan-do": "add-ref",
              "data-sp-plan-item": k, "data-sp-plan-key": k + ":add-ref", "aria-label": "Add to item " + item.number }, ["Add"])
          ])
        ]),
        el("div", { className: "sp-mypack-actions sp-plan-item-actions" }, [
          el("button", { type: "button", className: "md-button", "data-sp-plan-do": "word", "data-sp-plan-item": k,
            "data-sp-plan-key": k + ":word", disabled: !item.questions.length,
            "aria-label": "Download Word: item " + item.number }, ["Download Word"]),
          el("button", { type: "button", className: "md-button", "data-sp-plan-do": "my-pack", "data-sp-plan-item": k,
            "data-sp-plan-key": k + ":my-pack", disabled: !item.questions.length,
            "aria-label": "Keep in My pack: item " + item.number }, ["Keep in My pack"]),
          el("button", { type: "button", className: "md-button", "data-sp-plan-do": "resuggest", "data-sp-plan-item": k,
            "data-sp-plan-key": k + ":resuggest", "aria-label": "Suggest again: item " + item.number }, ["Suggest again"]),
          el("button", { type: "button", className: "md-button sp-mypack-clear", "data-sp-plan-do": "remove-item",
            "data-sp-plan-item": k, "data-sp-plan-key": k + ":remove-item", "aria-label": "Remove item " + item.number }, ["Remove item"])
        ])
      ]);
    }

    function draw(focusKey) {
      var active = doc.activeElement;
      var key = focusKey || (active && list.contains(active) ? active.getAttribute("data-sp-plan-key") : null);
      list.textContent = "";
      session.plan.items.forEach(function (item, i) { list.appendChild(itemView(item, i)); });
      var items = session.plan.items;
      var questions = items.reduce(function (sum, item) { return sum + item.questions.length; }, 0);
      count.textContent = items.length
        ? items.length + (items.length === 1 ? " agenda item, " : " agenda items, ") + questions + (questions === 1 ? " question." : " questions.")
        : "No agenda items yet: type their titles above and choose Suggest questions, or open a meeting file.";
      list.hidden = !items.length;
      if (key) {
        var target = list.querySelector("[data-sp-plan-key=\"" + key.replace(/["\\]/g, "\\$&") + "\"]");
        if (target && !target.disabled) target.focus();
        else if (target) {
          var other = target.parentNode.querySelector("button:not([disabled])");
          (other || target).focus();
        }
      }
      drawPapers();
    }

    function itemOf(key) {
      return session.plan.items.filter(function (item) { return item.key === key; })[0] || null;
    }

    list.addEventListener("toggle", function (event) {
      var k = event.target.getAttribute && event.target.getAttribute("data-sp-plan-details");
      if (k) session.open[k] = event.target.open;
    }, true);

    list.addEventListener("change", function (event) {
      var t = event.target, item = itemOf(t.getAttribute("data-sp-plan-item"));
      var field = t.getAttribute("data-sp-plan-field");
      if (!item || !field) return;
      item[field] = t.value.replace(/\s+/g, " ").trim();
      draw();
    });

    list.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.hasAttribute("data-sp-plan-ref")) {
        event.preventDefault();
        addByReference(itemOf(event.target.getAttribute("data-sp-plan-ref")));
      }
    });

    function addByReference(item) {
      var input = list.querySelector("[data-sp-plan-ref=\"" + item.key + "\"]");
      var id = input.value.trim().toLowerCase();
      var q = Object.prototype.hasOwnProperty.call(bank.questions, id) ? bank.questions[id] : null;
      if (!q || q.retired) { say((id || "That") + " is not a question in the bank: a reference is written like q014."); input.focus(); return; }
      if (item.questions.indexOf(id) >= 0) { say(id + " is already in item " + item.number + "."); input.focus(); return; }
      item.questions.push(id);
      draw(item.key + ":ref");
      say("Added " + id + " to item " + item.number + ".");
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-sp-plan-do]");
      if (!button) return;
      var item = itemOf(button.getAttribute("data-sp-plan-item"));
      if (!item) return;
      var id = button.getAttribute("data-sp-plan-question");
      var at = item.questions.indexOf(id);
      var action = button.getAttribute("data-sp-plan-do");
      if (action === "up" && at > 0) {
        item.questions.splice(at - 1, 0, item.questions.splice(at, 1)[0]);
        draw(item.key + ":" + id + ":up");
        say("Moved " + id + " up to question " + at + " of item " + item.number + ".");
      } else if (action === "down" && at >= 0 && at < item.questions.length - 1) {
        item.questions.splice(at + 1, 0, item.questions.splice(at, 1)[0]);
        draw(item.key + ":" + id + ":down");
        say("Moved " + id + " down to question " + (at + 2) + " of item " + item.number + ".");
      } else if (action === "remove" && at >= 0) {
        item.questions.splice(at, 1);
        var next = item.questions[Math.min(at, item.questions.length - 1)];
        draw(next ? item.key + ":" + next + ":remove" : item.key + ":more");
        say("Removed " + id + " from item " + item.number + ".");
      } else if (action === "add" && at < 0) {
        item.questions.push(id);
        draw(item.key + ":more");
        say("Added " + id + " to item " + item.number + ".");
      } else if (action === "add-ref") {
        addByReference(item);
      } else if (action === "resuggest") {
        item.questions = suggested(item.title, data.kept);
        draw(item.key + ":heading");
        say("Item " + item.number + " has the " + item.questions.length + " questions suggested for its title.");
      } else if (action === "remove-item") {
        var place = session.plan.items.indexOf(item);
        session.plan.items.splice(place, 1);
        var after = session.plan.items[Math.min(place, session.plan.items.length - 1)];
        draw(after ? after.key + ":heading" : null);
        if (!after) count.focus();
        say("Removed item " + item.number + ".");
      } else if (action === "word") {
        wordOf(item);
      } else if (action === "my-pack") {
        keepInMyPack(item);
      }
    });

    // -- making items from titles, or from a meeting file

    function fromTitles(text) {
      var items = [];
      text.split(/\r?\n/).forEach(function (line) {
        line = line.replace(/\s+/g, " ").trim();
        if (!line || items.length >= data.itemsLimit) return;
        var m = /^(?:item\s+)?([0-9]{1,3}[a-z]?)[.):]?\s+(\S.*)$/i.exec(line);
        var number = m ? m[1] : String(items.length + 1);
        items.push(newItem(number, (m ? m[2] : line).slice(0, data.textLimit)));
      });
      return items;
    }

    function showNotices(notices) {
      noticesBox.textContent = "";
      noticesBox.hidden = !notices.length;
      if (!notices.length) return;
      noticesBox.appendChild(el("h2", {}, ["What could not be used"]));
      noticesBox.appendChild(el("ul", {}, notices.map(function (n) { return el("li", {}, [n]); })));
      noticesBox.focus();
    }

    page.querySelector("[data-sp-plan-action=suggest]").addEventListener("click", function () {
      var items = fromTitles(form.elements.titles.value);
      if (!items.length) { say("Type at least one agenda item title first."); form.elements.titles.focus(); return; }
      session.plan.items = items;
      showNotices([]);
      draw();
      count.focus();
      var found = items.filter(function (item) { return item.questions.length; }).length;
      say(items.length + (items.length === 1 ? " agenda item" : " agenda items") + "; questions suggested for " + found + ".");
    });

    page.querySelector("[data-sp-plan-file]").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var result = meeting.read(text, data, function (title) { return suggested(title, data.kept); });
        if (!result.plan) { showNotices(result.notices); return; }
        result.plan.items = result.plan.items.map(function (item) {
          var made = newItem(item.number, item.title, item.questions);
          made.link = item.link;
          return made;
        });
        session.plan = result.plan;
        fieldsFromPlan();
        form.elements.titles.value = result.plan.items.map(function (item) { return item.number + " " + item.title; }).join("\n");
        showNotices(result.notices);
        draw();
        if (!result.notices.length) count.focus();
        say("Opened " + file.name + ": " + result.plan.items.length + " agenda items.");
      });
    });

    // -- downloads and print

    function packOf(item) {
      var pack = SP.link.emptyPack();
      var p = session.plan;
      pack.questions = item.questions.slice();
      pack.framing = p.framing === "we" ? "we" : "you";
      pack.body = p.body.trim();
      pack.meeting = meeting.meetingName(p, data);
      pack.date = SP.dates.isoDate(p.date, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$") ? p.date : "";
      pack.item = item.number;
      pack.title = item.title || "Item " + item.number;
      return pack;
    }

    function download(blob, name) {
      var url = URL.createObjectURL(blob);
      var a = el("a", { href: url, download: name, hidden: true });
      doc.body.appendChild(a);
      a.click();
      a.remove();
      root.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      say("Downloading " + name + ".");
    }

    function showProblems(problems) {
      problemsBox.textContent = "";
      problemsBox.hidden = !problems.length;
      if (!problems.length) return false;
      problemsBox.appendChild(el("p", {}, ["Before downloading:"]));
      problemsBox.appendChild(el("ul", {}, problems.map(function (p) { return el("li", {}, [p]); })));
      problemsBox.focus();
      return true;
    }

    function failed(error) {
      say("The Word file could not be made: " + (error && error.message ? error.message : "an error") + ".");
    }

    /* The item as a named pack in My pack (storage.js), shown there next: a pack of the same name is
     * replaced, an empty pack shown is used, or a new one is made. */
    function keepInMyPack(item) {
      var store = SP.myPack && SP.myPack.store;
      if (!store || !store.packs) { say("My pack cannot keep packs on this page."); return; }
      // Named as storage.js names packs, so keeping the same item again finds its pack.
      var name = SP.storage.packName("Item " + item.number + (item.title ? ": " + item.title : ""), "");
      var packs = store.packs();
      var same = packs.names.indexOf(name);
      if (same >= 0) store.switchTo(same);
      else if (!store.load().questions.length) store.renamePack(packs.active, name);
      else if (!store.addPack(name)) { say("My pack already holds " + SP.storage.PACK_LIMIT + " packs: delete one there first."); return; }
      store.save(packOf(item));
      if (SP.myPack.changed) SP.myPack.changed();
      say("Kept in My pack as \u201c" + name + "\u201d, with " + SP.words.plural(item.questions.length, "question") + ".");
    }

    function wordOf(item) {
      var pack = packOf(item);
      SP.word.blob(pack, bank).then(function (blob) {
        download(blob, SP.exports.fileName(pack, bank, "docx"));
      }, failed);
    }

    var ACTIONS = {
      meeting: function () {
        if (showProblems(meeting.problems(session.plan, data))) return;
        var text = meeting.toYaml(session.plan, data);
        download(new Blob([text], { type: "application/yaml;charset=utf-8" }), meeting.fileId(session.plan) + ".yml");
      },
      papers: function () {
        var items = meeting.itemsWithQuestions(session.plan);
        if (showProblems(items.length ? [] : ["Give at least one agenda item a title and a question."])) return;
        var title = [session.plan.body.trim(), meeting.meetingName(session.plan, data)].filter(Boolean).join(": ") || "Meeting papers";
        SP.word.papersBlob(items.map(packOf), bank, title).then(function (blob) {
          download(blob, meeting.fileId(session.plan) + "-papers.docx");
        }, failed);
      },
      print: function () {
        drawPapers();
        root.print();
      }
    };

    page.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-sp-plan-action]");
      if (!button || !ACTIONS[button.getAttribute("data-sp-plan-action")] || button.getAttribute("data-sp-plan-action") === "suggest") return;
      ACTIONS[button.getAttribute("data-sp-plan-action")]();
    });

    // The papers as printed: each item's questions under its heading, in order (shown only in print).
    function drawPapers() {
      papersBox.textContent = "";
      var p = session.plan;
      var items = meeting.itemsWithQuestions(p);
      if (!items.length) return;
      var details = [p.body.trim(), meeting.meetingName(p, data)].filter(Boolean).join(" \u00b7 ");
      papersBox.appendChild(el("p", { className: "sp-plan-papers-meeting" }, [details]));
      items.forEach(function (item) {
        var v = SP.view.view(packOf(item), bank);
        papersBox.appendChild(el("section", { className: "sp-plan-papers-item" }, [
          el("h2", {}, ["Item " + item.number + ": " + item.title]),
          el("ol", {}, v.questions.map(function (q) {
            return el("li", {}, [el("p", {}, [q.text]), el("p", { className: "sp-plan-ref" },
              [(q.askedOf ? "Ask: " + q.askedOf + " \u00b7 " : "") + "Ref. " + q.id])]);
          }))
        ]));
      });
    }

    fieldsFromPlan();
    draw();
    page.querySelector("[data-sp-plan-nojs]").hidden = true;
    Array.prototype.forEach.call(page.querySelectorAll("[data-sp-plan-js]"), function (part) { part.hidden = false; });
    return session;
  }

  function boot() {
    var page = document.getElementById("sp-plan");
    if (!page || !SP.planData || !SP.render || !SP.word || !SP.link) return;
    start(page, SP.planData);
  }

  SP.planPage = { start: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window);
