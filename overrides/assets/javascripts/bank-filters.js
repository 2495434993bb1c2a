/* Filters of question lists: the question bank narrows by audience, area, tag and
 * origin, an area page by audience (the form holds only the fields it offers).
 * The list narrows without reloading the page, and the form says how many
 * questions are left. The choices are kept in the address
 * (?audience=police&area=front-door), so a filtered list can be shared or
 * bookmarked and comes back after a reload or the Back button.
 *
 * The page ships the form hidden (site/_filters.md.j2): without JavaScript it
 * would do nothing, and every question shows; on the bank, plain links to the
 * audience and area pages above it do the same job. Each question card carries
 * data-audiences, data-areas and data-tags; each list of cards follows a
 * heading, whose id on the bank is the area it lists. add-shown.js adds the
 * questions left showing to My pack.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-sp-filters]");
  if (!form) return;

  var audience = form.elements.namedItem("audience");
  var area = form.elements.namedItem("area");
  var tag = form.elements.namedItem("tag");
  var origin = form.elements.namedItem("origin");
  var FIELDS = [audience, area, tag, origin].filter(Boolean);
  var status = form.querySelector("[data-sp-filter-status]");

  function words(element, name) {
    return (element.getAttribute(name) || "").split(/\s+/).filter(Boolean);
  }

  // The area list is a tree shown by indenting options with em spaces:
  // an option belongs under the nearest option above it with less indent.
  function areaTree() {
    var within = {};
    var trail = [];
    Array.prototype.forEach.call(area ? area.options : [], function (option) {
      if (!option.value) return;
      var depth = option.textContent.match(/^\u2003*/)[0].length;
      trail.length = depth;
      trail.push(option.value);
      trail.forEach(function (ancestor) {
        (within[ancestor] = within[ancestor] || {})[option.value] = true;
      });
    });
    return within;
  }

  var within = areaTree();
  var sections = Array.prototype.map.call(document.querySelectorAll(".sp-qlist"), function (list) {
    var heading = list.previousElementSibling;
    while (heading && !/^H[2-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    return {
      list: list,
      heading: heading,
      area: heading ? heading.id : "",
      cards: Array.prototype.slice.call(list.querySelectorAll(".sp-q"))
    };
  });
  var total = {};
  sections.forEach(function (section) {
    section.cards.forEach(function (card) {
      total[card.getAttribute("data-question")] = true;
    });
  });
  var totalCount = Object.keys(total).length;

  function inArea(ids, chosen) {
    if (!chosen) return true;
    var accepted = within[chosen] || {};
    accepted[chosen] = true;
    return ids.some(function (id) { return accepted[id]; });
  }

  // Material lists the contents twice (sidebar, and in the phone menu).
  function tocLinks(id) {
    return id ? document.querySelectorAll('.md-nav--secondary a[href="#' + id + '"]') : [];
  }

  function apply() {
    var want = {
      audience: audience ? audience.value : "",
      area: area ? area.value : "",
      tag: tag ? tag.value : "",
      origin: origin ? origin.value : ""
    };
    var shown = {};
    sections.forEach(function (section) {
      // A list under an area heading is kept or dropped as a whole by area.
      var sectionFits = !section.area || inArea([section.area], want.area);
      var visible = 0;
      section.cards.forEach(function (card) {
        var fits = sectionFits &&
          (!want.audience || words(card, "data-audiences").indexOf(want.audience) !== -1) &&
          (!want.tag || words(card, "data-tags").indexOf(want.tag) !== -1) &&
          (!want.origin || card.getAttribute("data-origin") === want.origin) &&
          (section.area ? true : inArea(words(card, "data-areas"), want.area));
        card.hidden = !fits;
        if (fits) {
          visible += 1;
          shown[card.getAttribute("data-question")] = true;
        }
      });
      section.list.hidden = visible === 0;
      if (section.heading) section.heading.hidden = visible === 0;
      Array.prototype.forEach.call(tocLinks(section.area), function (link) {
        link.parentElement.hidden = visible === 0;
      });
    });
    var count = Object.keys(shown).length;
    var filtering = want.audience || want.area || want.tag || want.origin;
    if (status) {
      status.textContent = !filtering ? "Showing all " + totalCount + " questions."
        : count === 0 ? "No questions match these choices."
        : "Showing " + count + " of " + totalCount + (totalCount === 1 ? " question." : " questions.");
    }
  }

  // The address holds the choices: read them on arrival, write them on every change.
  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (field) {
      var value = params.get(field.name) || "";
      var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
      field.value = known ? value : "";
    });
  }

  function toAddress() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (field) {
      if (field.value) params.set(field.name, field.value); else params.delete(field.name);
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", address);
    } catch (error) {
      // Pages opened from disk (the offline copy) may refuse: the filters still work.
    }
  }

  form.addEventListener("change", function () { apply(); toAddress(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  function filtering() {
    return FIELDS.some(function (field) { return field.value; });
  }
  window.addEventListener("pageshow", function () {
    fromAddress();
    if (filtering()) apply();
  });
  form.hidden = false;
  fromAddress();
  if (filtering()) apply();
})();
