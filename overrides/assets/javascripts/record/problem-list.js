/* Record answers: the problems that stop the download, listed above the Download button (each a link
 * to its field) and shown beside each field (aria-invalid, aria-describedby). show(doc, parts, found)
 * with parts {box, list, title} and found [{field, message}] from checks.js; nothing is kept here.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};

  function clearMarks(doc) {
    Array.prototype.forEach.call(doc.querySelectorAll(".sp-record-error"), function (p) { p.remove(); });
    Array.prototype.forEach.call(doc.querySelectorAll("[aria-invalid]"), function (input) {
      input.removeAttribute("aria-invalid");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id.indexOf("-error") < 0;
      });
      if (described.length) input.setAttribute("aria-describedby", described.join(" "));
      else input.removeAttribute("aria-describedby");
    });
  }

  function show(doc, parts, found) {
    clearMarks(doc);
    parts.list.textContent = "";
    parts.box.hidden = found.length === 0;
    if (!found.length) return;
    parts.title.textContent = "The record file cannot be downloaded until " +
      SP.words.plural(found.length, "problem is", "problems are") + " fixed:";
    var count = {};
    found.forEach(function (p) {
      var li = doc.createElement("li");
      var a = doc.createElement("a");
      a.href = "#" + p.field;
      a.textContent = p.message;
      a.addEventListener("click", function (event) {
        var target = doc.getElementById(p.field);
        if (!target) return;
        event.preventDefault();
        target.focus();
      });
      li.appendChild(a);
      parts.list.appendChild(li);
      var input = doc.getElementById(p.field);
      if (!input) return;
      var holder = input.closest(".sp-record-field, .sp-record-rag") || input.parentNode;
      count[p.field] = (count[p.field] || 0) + 1;
      var note = doc.createElement("p");
      note.className = "sp-record-error";
      note.id = p.field + "-error-" + count[p.field];
      note.textContent = p.message;
      holder.appendChild(note);
      var target = input.type === "radio" ? holder : input;
      target.setAttribute("aria-invalid", "true");
      target.setAttribute("aria-describedby", ((target.getAttribute("aria-describedby") || "") + " " + note.id).trim());
    });
  }

  SP.recordProblems = { show: show };
})(typeof window !== "undefined" ? window : globalThis);
