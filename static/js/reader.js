/* The reader's own settings and the article's share buttons. Same origin, no
   third party: loaded in <head> (before the first paint, so a chosen text size
   never flashes the default), the buttons wired once the page is read.

   The text size lives in this browser's localStorage, never in a cookie: the
   pages are cached for every reader, so the server must not vary on it. */
(function () {
  "use strict";
  var KEY = "newsroom.textSize";
  var SIZES = ["small", "normal", "large", "xlarge"];
  var root = document.documentElement;

  function stored() {
    try {
      var size = window.localStorage.getItem(KEY);
      return SIZES.indexOf(size) >= 0 ? size : "normal";
    } catch (error) {
      return "normal"; // storage refused (private mode, a policy): the default
    }
  }

  function keep(size) {
    try {
      if (size === "normal") window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, size);
    } catch (error) {
      /* this page still shows it; the next one will not */
    }
  }

  root.setAttribute("data-text-size", stored());

  function wire() {
    var status = document.querySelector(".tool-status");
    function say(message) {
      if (status) status.textContent = message;
    }

    Array.prototype.forEach.call(document.querySelectorAll(".text-size"), function (group) {
      var buttons = group.querySelectorAll("[data-text-size]");
      function show(size) {
        Array.prototype.forEach.call(buttons, function (button) {
          button.setAttribute("aria-pressed", String(button.getAttribute("data-text-size") === size));
        });
      }
      show(stored());
      group.hidden = false;
      group.addEventListener("click", function (event) {
        var button = event.target.closest("[data-text-size]");
        if (!button) return;
        var size = button.getAttribute("data-text-size");
        root.setAttribute("data-text-size", size);
        keep(size);
        show(size);
      });
    });

    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-link]"), function (button) {
      if (!navigator.clipboard || !window.isSecureContext) return; // stays hidden
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(
          function () { say(button.getAttribute("data-copied")); },
          function () { say(button.getAttribute("data-copy-failed")); }
        );
      });
    });

    // The phone's share sheet (KakaoTalk, messages, mail…), where the browser has one.
    Array.prototype.forEach.call(document.querySelectorAll("[data-share-native]"), function (button) {
      if (typeof navigator.share !== "function") return; // stays hidden
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator
          .share({ title: button.getAttribute("data-title"), url: button.getAttribute("data-url") })
          .catch(function () { /* the reader closed the sheet */ });
      });
    });
  }

  // The paper's own read counter: one beacon per page shown (no cookie, nothing
  // about the reader), and the "most read" box, fetched from the same origin.
  function count() {
    var article = document.querySelector("[data-read-beacon]");
    if (article && typeof navigator.sendBeacon === "function") {
      navigator.sendBeacon(article.getAttribute("data-read-beacon"));
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-most-read]"), function (box) {
      fetch(box.getAttribute("data-most-read"), { credentials: "omit" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) {
          if (!html.trim()) return;
          box.innerHTML = html; // the site's own fragment: escaped by Django's templates
          box.hidden = false;
        })
        .catch(function () { /* no box this time */ });
    });
  }

  function start() {
    wire();
    if (document.visibilityState === "prerender") {
      document.addEventListener("visibilitychange", function once() {
        document.removeEventListener("visibilitychange", once);
        count();
      });
    } else {
      count();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
