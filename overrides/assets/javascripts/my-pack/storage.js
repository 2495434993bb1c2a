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
  // The named packs (one per agenda item, say): their names and the packs not shown, in the link's format. The
  // pack shown stays under KEY, where every page's "Add to my pack" buttons read and write it, so a browser that
  // kept one pack before packs had names has it as the first named pack, unchanged.
  var PACKS_KEY = "scrutiny-packs:my-pack:packs";
  var PACKS_SET_ASIDE_KEY = "scrutiny-packs:my-pack:packs:set-aside";  // a list that could not be read, as it was
  var PACK_LIMIT = 30;
  var NAME_LIMIT = 80;

  function packName(name, fallback) {
    var clean = String(typeof name === "string" ? name : "").replace(/[\u0000-\u001f\u007f]/g, "").replace(/\s+/g, " ").trim();
    return clean.slice(0, NAME_LIMIT) || fallback;
  }

  function defaultName(index) { return "Pack " + (index + 1); }

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

    /* The named packs as kept, read as untrusted input: {active, packs: [{name, stored}], notices}, `stored` the
     * link text of a pack not shown (null for the one shown, which is under KEY). Nothing kept yet: one pack, the
     * one under KEY. A list that cannot be read is set aside as it was, and the pack shown is kept. */
    function readList() {
      var text = read(PACKS_KEY);
      var fresh = { active: 0, packs: [{ name: defaultName(0), stored: null }], notices: [] };
      if (text === null) return fresh;
      var data = null;
      try { data = JSON.parse(text); } catch (error) { data = null; }
      var ok = data && typeof data === "object" && Array.isArray(data.packs) && data.packs.length >= 1
        && data.packs.length <= PACK_LIMIT && typeof data.active === "number" && data.active % 1 === 0
        && data.active >= 0 && data.active < data.packs.length
        && data.packs.every(function (p) { return p && typeof p === "object" && !Array.isArray(p); });
      if (!ok) {
        write(PACKS_SET_ASIDE_KEY, text);
        write(PACKS_KEY, null);
        fresh.notices.push("The list of your named packs could not be read, so it is set aside; the pack shown is kept.");
        return fresh;
      }
      var notices = [];
      var packs = data.packs.map(function (p, index) {
        var name = packName(p.name, defaultName(index));
        if (name !== p.name) notices.push("Pack " + (index + 1) + "'s name could not all be used: it is now \u201c" + name + "\u201d.");
        var stored = index === data.active ? null : (typeof p.stored === "string" ? p.stored : "");
        if (index !== data.active && typeof p.stored !== "string" && p.stored !== null && p.stored !== undefined) {
          notices.push("The pack \u201c" + name + "\u201d could not be read, so it is empty.");
        }
        return { name: name, stored: stored };
      });
      return { active: data.active, packs: packs, notices: notices };
    }

    function writeList(list) {
      write(PACKS_KEY, JSON.stringify({
        version: 1,
        active: list.active,
        packs: list.packs.map(function (p, index) { return { name: p.name, stored: index === list.active ? null : p.stored || "" }; })
      }));
    }

    // Put the pack kept as `stored` (link text, or "" for none) under KEY, the pack shown.
    function show(list, index) {
      list.packs[list.active].stored = read(KEY) || "";
      var stored = list.packs[index].stored;
      list.packs[index].stored = null;
      list.active = index;
      write(KEY, stored ? stored : null);
      writeList(list);
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
      /* The named packs: {active, names, notices}. Repairs what it cannot use (notices say what). */
      packs: function () {
        var list = readList();
        if (list.notices.length) writeList(list);
        return { active: list.active, names: list.packs.map(function (p) { return p.name; }), notices: list.notices };
      },
      // Show the pack at `index`; the one shown is kept under its name. False when there is no such pack.
      switchTo: function (index) {
        var list = readList();
        if (typeof index !== "number" || index < 0 || index >= list.packs.length) return false;
        if (index !== list.active) show(list, index);
        return true;
      },
      // A new, empty pack, shown; the one shown is kept. False when there are already PACK_LIMIT packs.
      addPack: function (name) {
        var list = readList();
        if (list.packs.length >= PACK_LIMIT) return false;
        list.packs.push({ name: packName(name, defaultName(list.packs.length)), stored: "" });
        show(list, list.packs.length - 1);
        return true;
      },
      renamePack: function (index, name) {
        var list = readList();
        if (typeof index !== "number" || index < 0 || index >= list.packs.length) return false;
        list.packs[index].name = packName(name, defaultName(index));
        writeList(list);
        return true;
      },
      // Delete the pack at `index`; deleting the one shown shows its neighbour. The last pack is emptied instead.
      removePack: function (index) {
        var list = readList();
        if (typeof index !== "number" || index < 0 || index >= list.packs.length) return false;
        if (list.packs.length === 1) {
          write(KEY, null);
          list.packs[0].name = defaultName(0);
          writeList(list);
          return true;
        }
        if (index === list.active) {
          var next = index === list.packs.length - 1 ? index - 1 : index + 1;
          show(list, next);
        }
        list.packs.splice(index, 1);
        if (index < list.active) list.active -= 1;
        writeList(list);
        return true;
      },
      readPrevious: function () { return read(PREVIOUS_KEY); },
      keepPrevious: function (stored) { write(PREVIOUS_KEY, stored); }
    };
  }

  var api = { KEY: KEY, PREVIOUS_KEY: PREVIOUS_KEY, SET_ASIDE_KEY: SET_ASIDE_KEY, PACKS_KEY: PACKS_KEY,
    PACKS_SET_ASIDE_KEY: PACKS_SET_ASIDE_KEY, PACK_LIMIT: PACK_LIMIT, open: open, packName: packName };

  SP.storage = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
