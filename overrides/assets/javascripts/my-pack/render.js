/* My pack, the pack drawn on the page with the same markup and classes as the
 * built packs (templates/packs/pack.html.j2), so the pack print stylesheet lays
 * it out the same way when printed.
 *
 * Each question's entry and each guide are not drawn here: the build drew them
 * with the packs' own template, in both framings and with everything shown
 * (site/mypack.py). They are cloned, numbered, and what the pack's options
 * leave out is taken away. Only what depends on the whole pack (the cover, the
 * contents, the sections by area) is made here, as the template makes it.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var views = SP.view || (typeof require === "function" ? require("./view.js") : null);

  // The parts of an entry each option shows (class names from pack.html.j2).
  var OPTION_PARTS = [["benchmarks", ".sp-pack-q__good"], ["evidence", ".sp-pack-q__evidence"],
    ["notes_space", ".sp-pack-q__notes"], ["rag", ".sp-pack-q__rag"]];

  function el(doc, tag, attributes, children) {
    var node = doc.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
    });
    return node;
  }

  // Markup the build drew, parsed once and cloned each time it is shown.
  var parsed = new Map();

  function cloneOf(doc, html) {
    var holder = parsed.get(html);
    if (!holder) {
      holder = doc.createElement("template");
      holder.innerHTML = html;  // made and escaped by the build (site/mypack.py), never from the address
      parsed.set(html, holder);
    }
    return holder.content.firstElementChild.cloneNode(true);
  }

  function drawQuestion(doc, pack, q) {
    var item = cloneOf(doc, q.html);
    item.querySelector(".sp-pack-q__number").textContent = q.number + ".";
    OPTION_PARTS.forEach(function (part) {
      if (pack.options[part[0]]) return;
      var shown = item.querySelector(part[1]);
      if (shown) shown.remove();
    });
    return item;
  }

  function drawPack(doc, pack, bank) {
    var v = views.view(pack, bank);
    var say = bank.sentences;
    var classes = "sp-pack sp-pack--" + pack.framing + (pack.options.notes_space ? " sp-pack--notes" : "")
      + (pack.options.rag ? " sp-pack--rag" : "") + (v.footerMeeting ? " sp-pack--meeting" : "");
    var rootNode = el(doc, "div", { className: classes, "data-pack": "my-pack", "data-framing": pack.framing,
      "data-footer-title": v.footerTitle, "data-footer-meeting": v.footerMeeting });
    var detailList = el(doc, "dl", { className: "sp-pack-details" }, v.details.map(function (d) {
      var value = d.iso ? el(doc, "time", { datetime: d.iso }, [d.value]) : d.value;
      return el(doc, "div", { className: "sp-pack-details__row" }, [el(doc, "dt", {}, [d.label]),
        el(doc, "dd", {}, [value])]);
    }));
    rootNode.appendChild(el(doc, "div", { className: "sp-pack-cover" }, [
      el(doc, "p", { className: "sp-pack-kicker" }, [say.kicker]),
      el(doc, "h1", { className: "sp-pack-title", id: "sp-pack-title" }, [v.title]),
      detailList,
      el(doc, "p", { className: "sp-pack-framing" }, [v.framingNote]),
      el(doc, "p", { className: "sp-pack-howto" }, [v.howTo]),
      el(doc, "h2", { className: "sp-pack-contents-title", id: "sp-pack-contents" }, [say.contents]),
      el(doc, "ul", { className: "sp-pack-contents" }, v.groups.map(function (g, i) {
        return el(doc, "li", {}, [el(doc, "a", { href: "#sp-pack-group-" + (i + 1) }, [g.title]), " ",
          el(doc, "span", { className: "sp-pack-contents__numbers" }, ["(" + g.numbers + ")"])]);
      })),
      v.terms.length ? el(doc, "h2", { className: "sp-pack-terms-title", id: "sp-pack-terms" }, [say.terms]) : null,
      v.terms.length ? el(doc, "dl", { className: "sp-pack-terms" }, v.terms.map(function (t) {
        return el(doc, "div", { className: "sp-pack-terms__row" }, [el(doc, "dt", {}, [t.term]),
          el(doc, "dd", {}, [t.meaning])]);
      })) : null
    ]));
    v.groups.forEach(function (g, i) {
      var id = "sp-pack-group-" + (i + 1);
      var section = el(doc, "section", { className: "sp-pack-area", id: id, "aria-labelledby": id + "-title" }, [
        g.context ? el(doc, "p", { className: "sp-pack-area__context" }, [g.context]) : null,
        el(doc, "h2", { className: "sp-pack-area__title", id: id + "-title" }, [g.title]),
        el(doc, "ol", { className: "sp-pack-questions", start: String(g.first) }, g.questions.map(function (q) {
          return drawQuestion(doc, pack, q);
        }))
      ]);
      if (g.guides.length) {
        section.appendChild(el(doc, "div", { className: "sp-pack-guides" }, [
          el(doc, "h3", { className: "sp-pack-guides__title" }, [g.guidesTitle])
        ].concat(g.guides.map(function (gid) { return cloneOf(doc, bank.guides[gid].html); }))));
      }
      rootNode.appendChild(section);
    });
    if (v.cited.length) {
      rootNode.appendChild(el(doc, "h2", { className: "sp-pack-cited-title", id: "sp-pack-cited" }, [say.sourcesCited]));
      rootNode.appendChild(el(doc, "ul", { className: "sp-pack-cited" }, v.cited.map(function (c) {
        return el(doc, "li", {}, [c.url ? el(doc, "a", { href: c.url }, [c.name]) : c.name,
          c.superseded ? " (" + say.superseded + ")" : null]);
      })));
    }
    rootNode.appendChild(el(doc, "p", { className: "sp-pack-sources" }, [say.sources]));
    return rootNode;
  }

  var api = { el: el, drawPack: drawPack };

  SP.render = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
