/* Search in a copy of the site opened from disk (file://).
 *
 * Browsers will not start a Web Worker from a file:// address, and Material
 * runs its search in one. On file:// pages only, this replaces Worker with a
 * stand-in that runs the same script in a hidden frame of this page and
 * passes messages both ways. Loaded in <head>, before Material's own script.
 */
(function () {
  "use strict";

  if (window.location.protocol !== "file:" || typeof EventTarget !== "function") return;

  // Copy messages between the page and the frame the way a Worker would,
  // so neither side holds objects belonging to the other.
  function copy(data) {
    return typeof structuredClone === "function" ? structuredClone(data) : JSON.parse(JSON.stringify(data));
  }

  function FrameWorker(url) {
    var target = new EventTarget();
    var frame = document.createElement("iframe");
    var pending = [];
    var ready = false;
    var self = this;

    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.onmessage = null;

    function toPage(data) {
      window.setTimeout(function () {
        var event = new MessageEvent("message", { data: copy(data) });
        if (typeof self.onmessage === "function") self.onmessage(event);
        target.dispatchEvent(event);
      }, 0);
    }

    function toFrame(data) {
      var inner = frame.contentWindow;
      inner.dispatchEvent(new inner.MessageEvent("message", { data: copy(data) }));
    }

    this.postMessage = function (data) {
      if (ready) window.setTimeout(function () { toFrame(data); }, 0);
      else pending.push(data);
    };
    this.terminate = function () {
      frame.remove();
    };

    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.title = "Search engine (no visible content)";
    (document.body || document.documentElement).appendChild(frame);

    var inner = frame.contentWindow;
    // Inside the frame, the script's postMessage goes back to this page.
    inner.postMessage = toPage;
    inner.importScripts = function () {
      throw new Error("importScripts is not available in a copy opened from disk");
    };
    var script = inner.document.createElement("script");
    script.src = new URL(url, document.baseURI).href;
    script.onload = function () {
      ready = true;
      pending.splice(0).forEach(toFrame);
    };
    script.onerror = function () {
      target.dispatchEvent(new Event("error"));
    };
    inner.document.head.appendChild(script);
  }

  window.Worker = FrameWorker;
})();
