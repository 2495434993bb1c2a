/* My pack as a Word document (.docx), made in the browser: nothing is sent anywhere.
 *
 * The same document the built packs' Word files are (src/scrutiny_packs/packs/docx.py),
 * drawn from the same view of the pack (view.js, as packs/layout.py): a cover with the
 * title, the meeting details, how to use the pack, the contents and the terms used;
 * a Heading 1 per area, each question a numbered paragraph (the number is text, so it
 * survives copy and paste) with what to listen for, the evidence to ask for and a box
 * for notes and the RAG status as the pack's options say; the source line; and a
 * footer with the meeting details (or the title) beside "Page X of Y".
 *
 * `lib` is the docx package's browser bundle (window.docx: assets/javascripts/vendor/docx.js,
 * minified from node_modules by the build), loaded by library() when Download Word is first pressed.
 * Every measure and colour is docx.py's, handed over in the bank data (bank.word,
 * packs/docx.browser_measures); what docx.py leaves to python-docx's own template (the headings'
 * sizes and spacing, the line under the title) is written here as that template has it.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var views = SP.view || (typeof require === "function" ? require("./view.js") : null);

  var RULE = "4F81BD";  // the line under the title, as in python-docx's template that the built packs use
  var BULLETS = "sp-bullets";

  function pt(points) { return Math.round(points * 20); }  // twips
  function half(points) { return Math.round(points * 2); }  // a font size, in half-points

  // One pack's section of a document: its cover, questions and running footer ({section, view}).
  function section(pack, bank, lib) {
    var mm = lib.convertMillimetersToTwip;
    var say = bank.sentences;
    var o = pack.options;
    var v = views.view(pack, bank);
    var W = bank.word;  // packs/docx.py's measures
    var FONT = W.font, MUTED = W.muted, ACCENT = W.accent, INK = W.ink;

    function run(text, style) {
      style = style || {};
      return new lib.TextRun({ text: text, bold: style.bold || undefined, size: style.size ? half(style.size) : undefined,
        color: style.color, allCaps: style.caps || undefined });
    }

    function para(children, options) {
      return new lib.Paragraph(Object.assign({ children: children || [] }, options || {}));
    }

    function label(text) {
      return para([run(text, { bold: true, size: W.note_pt, color: MUTED, caps: true })],
        { spacing: { before: pt(W.label_space_pt[0]), after: pt(W.label_space_pt[1]) }, keepNext: true });
    }

    function bullet(children) {
      return para(children, { style: "ListBullet", numbering: { reference: BULLETS, level: 0 } });
    }

    // Bulleted points, each [bold lead, text], at the points' size.
    function points(items) {
      return items.map(function (item) {
        var lead = item[0] ? [run(item[0], { bold: true, size: W.point_pt }), run(": ", { size: W.point_pt })] : [];
        return para(lead.concat([run(item[1], { size: W.point_pt })]),
          { style: "ListBullet", numbering: { reference: BULLETS, level: 0 }, spacing: { after: pt(W.point_after_pt) } });
      });
    }

    function cell(children, width) {
      return new lib.TableCell({ width: { size: width, type: lib.WidthType.DXA }, children: children });
    }

    function inCell(children) {
      return para(children, { spacing: { after: 0, line: 240 } });
    }

    var body = [];

    // -- the cover
    body.push(para([run(say.kicker, { bold: true, size: W.kicker_pt, color: ACCENT, caps: true })]));
    body.push(para([run(v.title)], { heading: lib.HeadingLevel.TITLE }));
    body.push(new lib.Table({
      columnWidths: [mm(W.details_mm[0]), mm(W.details_mm[1])],
      alignment: lib.AlignmentType.LEFT,
      rows: v.details.map(function (d) {
        return new lib.TableRow({ children: [cell([inCell([run(d.label, { bold: true })])], mm(W.details_mm[0])),
          cell([inCell([run(d.value)])], mm(W.details_mm[1]))] });
      })
    }));
    body.push(para());
    body.push(para([run(v.framingNote)]));
    body.push(para([run(v.howTo)]));
    body.push(para([run(say.contents)], { heading: lib.HeadingLevel.HEADING_1 }));
    v.groups.forEach(function (g) {
      body.push(bullet([run(g.title), run(" (" + g.numbers + ")", { color: MUTED })]));
    });
    if (v.terms.length) {
      body.push(para([run(say.terms)], { heading: lib.HeadingLevel.HEADING_1 }));
      body.push.apply(body, points(v.terms.map(function (t) { return [t.term, t.meaning]; })));
    }
    body.push(para([new lib.PageBreak()]));

    // -- the questions, by area
    v.groups.forEach(function (g) {
      if (g.context) {
        body.push(para([run(g.context, { size: W.note_pt, color: MUTED, caps: true })],
          { keepNext: true, spacing: { before: pt(W.group_before_pt) } }));
      }
      body.push(para([run(g.title)], { heading: lib.HeadingLevel.HEADING_1 }));
      g.questions.forEach(function (q) {
        body.push(para([run(q.number + ". ", { bold: true }), run(q.text, { bold: true })],
          { spacing: { before: pt(W.question_space_pt[0]), after: pt(W.question_space_pt[1]) }, keepNext: true }));
        body.push(para([run((q.askedOf ? "Ask: " + q.askedOf + " \u00b7 " : "") + "Ref. " + q.id,
          { size: W.note_pt, color: MUTED })], { spacing: { after: pt(W.meta_after_pt) } }));
        if (o.benchmarks && q.listenFor.length) {
          body.push(label(say.listen));
          body.push.apply(body, points(q.listenFor.map(function (point) { return ["", point]; })));
        }
        if (o.evidence && q.evidence.length) {
          body.push(label(say.evidence));
          body.push.apply(body, points(q.evidence.map(function (f) { return [f.name, f.description]; })));
        }
        if (o.notes_space || o.rag) {
          var columns = o.notes_space ? [[say.notes, mm(o.rag ? W.notes_beside_rag_mm : W.notes_mm)]] : [];
          if (o.rag) columns.push([say.ragColumn, mm(W.rag_mm)]);
          body.push(new lib.Table({
            columnWidths: columns.map(function (c) { return c[1]; }),
            rows: [new lib.TableRow({
              height: { value: mm(W.answer_height_mm), rule: lib.HeightRule.ATLEAST },
              children: columns.map(function (c) {
                return cell([inCell([run(c[0], { bold: true, size: W.small_pt, color: MUTED })])], c[1]);
              })
            })]
          }));
          body.push(para([], { spacing: { after: pt(W.answer_after_pt) } }));
        }
      });
      g.guides.forEach(function (gid, index) {
        var guide = bank.guides[gid];
        if (index === 0) body.push(para([run(g.guidesTitle)], { heading: lib.HeadingLevel.HEADING_2 }));
        body.push(para([run(guide.title)], { heading: lib.HeadingLevel.HEADING_3 }));
        guide.paragraphs.forEach(function (text) { body.push(para([run(text)])); });
      });
    });
    if (v.cited.length) {  // as packs/docx.py ends a pack: the sources cited, then the line crediting them
      body.push(para([run(say.sourcesCited)], { heading: lib.HeadingLevel.HEADING_1 }));
      body.push.apply(body, points(v.cited.map(function (c) {
        return ["", c.name + (c.url ? " " + c.url : "") + (c.superseded ? " (" + say.superseded + ")" : "")];
      })));
    }
    body.push(para([run(say.sources, { size: W.note_pt, color: MUTED })], { spacing: { before: pt(W.sources_before_pt) } }));

    // -- the running footer: the meeting (or the title) beside "Page X of Y", then the title under it
    var lines = v.footerMeeting ? [v.footerMeeting, v.footerTitle] : [v.footerTitle];
    var small = { size: half(W.small_pt), color: MUTED };
    var tight = { spacing: { after: 0, line: 240 } };
    var footer = [para([run(lines[0], { size: W.small_pt, color: MUTED }),
      new lib.TextRun(Object.assign({ children: [new lib.Tab(), "Page "] }, small)),
      new lib.TextRun(Object.assign({ children: [lib.PageNumber.CURRENT] }, small)),
      run(" of ", { size: W.small_pt, color: MUTED }),
      new lib.TextRun(Object.assign({ children: [lib.PageNumber.TOTAL_PAGES] }, small))],
    Object.assign({ tabStops: [{ type: lib.TabStopType.RIGHT, position: mm(W.page_mm[0] - 2 * W.margin_mm) }] }, tight))];
    lines.slice(1).forEach(function (line) { footer.push(para([run(line, { size: W.small_pt, color: MUTED })], tight)); });

    return {
      view: v,
      section: {
        properties: {
          page: {
            size: { width: mm(W.page_mm[0]), height: mm(W.page_mm[1]), orientation: lib.PageOrientation.PORTRAIT },
            margin: { top: mm(W.margin_mm), right: mm(W.margin_mm), bottom: mm(W.bottom_margin_mm), left: mm(W.margin_mm) }
          }
        },
        footers: { default: new lib.Footer({ children: footer }) },
        children: body
      }
    };
  }

  // A document of sections (each from section()), with the packs' styles and the given properties.
  function documentOf(bank, lib, sections, title, count, description) {
    var W = bank.word;
    var FONT = W.font, INK = W.ink;
    var heading = function (size, before) {
      return { run: { font: FONT, size: size ? half(size) : undefined, bold: true, color: INK },
        paragraph: { spacing: { before: pt(before), after: 0 }, keepNext: true, keepLines: true } };
    };
    return new lib.Document({
      title: title,
      subject: count + " safeguarding scrutiny question" + (count === 1 ? "" : "s"),
      creator: bank.organisation || "",
      keywords: "safeguarding, children, scrutiny, questions",
      description: description,
      styles: {
        default: {
          document: {
            run: { font: FONT, size: half(W.body_pt), language: { value: "en-GB" } },
            paragraph: { spacing: { after: 200, line: 276 } }
          },
          title: { run: { font: FONT, size: half(W.title_pt), color: INK },
            paragraph: { spacing: { after: 300, line: 240 }, contextualSpacing: true,
              border: { bottom: { style: lib.BorderStyle.SINGLE, size: 8, space: 4, color: RULE } } } },
          heading1: heading(14, 24),
          heading2: heading(13, 10),
          heading3: heading(0, 10)
        },
        paragraphStyles: [{ id: "ListBullet", name: "List Bullet", basedOn: "Normal", quickFormat: true,
          paragraph: { contextualSpacing: true } }]
      },
      numbering: {
        config: [{ reference: BULLETS, levels: [{ level: 0, format: lib.LevelFormat.BULLET, text: "\u2022",
          alignment: lib.AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }] }]
      },
      sections: sections
    });
  }

  function make(pack, bank, lib) {
    var one = section(pack, bank, lib);
    return documentOf(bank, lib, [one.section], one.view.title, one.view.questions.length, one.view.framingNote);
  }

  // A meeting's papers as one document: each item's pack in a section of its own, in agenda order.
  function papers(packs, bank, lib, title) {
    var parts = packs.map(function (pack) { return section(pack, bank, lib); });
    var count = parts.reduce(function (sum, part) { return sum + part.view.questions.length; }, 0);
    return documentOf(bank, lib, parts.map(function (part) { return part.section; }), title, count,
      parts.length ? parts[0].view.framingNote : "");
  }

  // The docx package, loaded when first wanted from where the page names it (site/mypack.py vendor_scripts).
  function library() {
    if (root.docx) return Promise.resolve(root.docx);
    var named = root.document && root.document.querySelector("script[data-sp-later][src*='docx']");
    if (!named) return Promise.reject(new Error("the page does not name the docx package"));
    return new Promise(function (resolve, reject) {
      var script = root.document.createElement("script");
      script.src = named.src;
      script.onload = function () { return root.docx ? resolve(root.docx) : reject(new Error("docx did not load")); };
      script.onerror = function () { script.remove(); reject(new Error("docx did not load")); };
      root.document.head.appendChild(script);
    });
  }

  // The pack as a .docx file: a promise of a Blob. Without `lib`, the docx package is loaded first.
  function blob(pack, bank, lib) {
    return (lib ? Promise.resolve(lib) : library()).then(function (docx) {
      return docx.Packer.toBlob(make(pack, bank, docx));
    });
  }

  // A meeting's papers (papers()) as one .docx file: a promise of a Blob.
  function papersBlob(packs, bank, title, lib) {
    return (lib ? Promise.resolve(lib) : library()).then(function (docx) {
      return docx.Packer.toBlob(papers(packs, bank, docx, title));
    });
  }

  var api = { make: make, blob: blob, papers: papers, papersBlob: papersBlob };

  SP.word = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
