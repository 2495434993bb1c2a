/* My pack's spoken messages: one polite live region per page, made when first needed (or the My
 * pack page's own status line), cleared before each message so the same words said twice are read
 * out again. announcer(document) gives {say(message), use(region)}; the region lives in that object,
 * not in the file.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};

  function announcer(doc) {
    var region = null;
    return {
      use: function (element) { if (element) region = element; },
      say: function (message) {
        if (!region) {  // made here: render.js, which draws the pack, loads on the My pack page only
          region = doc.createElement("div");
          region.className = "sp-mypack-vh";
          region.setAttribute("role", "status");
          region.setAttribute("aria-live", "polite");
          doc.body.appendChild(region);
        }
        var here = region;
        here.textContent = "";
        root.setTimeout(function () { here.textContent = message; }, 50);
      }
    };
  }

  var api = { announcer: announcer };
  SP.announce = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
