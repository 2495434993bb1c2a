/* My pack, where the pack is kept: this browser's localStorage, in the link's own
 * format (link.js), so what is kept and what is shared read the same way. When
 * the browser refuses storage (private windows, blocked site data), the pack
 * lives in memory for as long as the page is open, and `works` says so.
 *
 * open(backend, rules) takes the storage object (window.localStorage, or
 * anything with getItem, setItem and removeItem; null for none), so it runs
 * under Node's test runner as well as in the page.
 */
(function (root) {
  "use strict";

  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};
  var link = SP.link || (typeof require === "function" ? require("./link.js") : null);

  var KEY = "scrutiny-packs:my-pack";
  var PREVIOUS_KEY = "scrutiny-packs:my-pack:previous";  // the pack a shared link replaced
  var SET_ASIDE_KEY = "scrutiny-packs:my-pack:set-aside";  // a kept pack that could not all be used, as it was

  function probe(backend) {
    if (!backend) return false;
    try {
      var test = KEY + ":probe";
      backend.setItem(test, "1");
      backend.removeItem(test);
      return true;
    } catch (error) {
      return false;
    }
  }

  function open(backend, rules) {
    var memory = {};
    var works = probe(backend);

    // What could not be written (no storage, or storage full) is kept in memory, and read from there.
    function read(key) {
      if (Object.prototype.hasOwnProperty.call(memory, key)) return memory[key];
      if (!works) return null;
      try { return backend.getItem(key); } catch (error) { return null; }
    }

    function write(key, value) {
      delete memory[key];
      if (works) {
        try {
          if (value === null) backend.removeItem(key);
          else backend.setItem(key, value);
          return;
        } catch (error) { /* kept in memory below */ }
      }
      if (value !== null) memory[key] = value;
    }

    return {
      works: works,
      key: KEY,
      read: function () { return read(KEY); },
      // The kept pack; an empty one when nothing is kept.
      load: function () {
        var stored = read(KEY);
        return stored === null ? link.emptyPack() : link.decode(stored, rules).pack;
      },
      /* The kept pack, read as untrusted input (another page on this origin can write the key): {pack,
       * notices}, link.decode's notices for what could not be used. When there are any, the kept text is
       * set aside as it was and the repaired pack kept in its place. */
      inspect: function () {
        var stored = read(KEY);
        if (stored === null) return { pack: link.emptyPack(), notices: [] };
        var result = link.decode(stored, rules);
        if (result.notices.length) {
          write(SET_ASIDE_KEY, stored);
          write(KEY, link.encode(result.pack));
        }
        return result;
      },
      save: function (pack) { write(KEY, link.encode(pack)); },
      readPrevious: function () { return read(PREVIOUS_KEY); },
      keepPrevious: function (stored) { write(PREVIOUS_KEY, stored); }
    };
  }

  var api = { KEY: KEY, PREVIOUS_KEY: PREVIOUS_KEY, SET_ASIDE_KEY: SET_ASIDE_KEY, open: open };

  SP.storage = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
