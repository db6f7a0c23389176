/* A live page follows its coverage without reloading.
 *
 * Every 15 s while the page is visible, it fetches the page's fragment (the same
 * address for every reader, kept by the edge for a few seconds: reader/live.py)
 * and puts in what changed: new entries at the top, corrected entries in place,
 * the pinned entry, and an entry the desk deleted taken away. The reader's scroll position is kept (what they are reading
 * does not move), and new entries are announced politely with a button that
 * takes the reader to them. It stops when the coverage ends. */
"use strict";
(function () {
  // (A browser test may set window.newsroomLiveInterval before the page loads.)
  var INTERVAL = window.newsroomLiveInterval || 15000;
  var root = document.querySelector(".live[data-live-url]");
  if (!root || root.dataset.liveState !== "ongoing") { return; }
  var feed = root.querySelector(".live-feed");
  var button = root.querySelector(".live-new");
  var announce = root.querySelector(".live-announce");
  var timer = null;
  var busy = false;
  var unseen = [];

  function entriesOf(container) {
    return Array.prototype.slice.call(container.querySelectorAll(".live-entry[data-entry]"));
  }

  /* Whether entry `a` comes after `b`: by its time, then (the same second) by its id. */
  function later(a, b) {
    var ta = Number(a.dataset.time), tb = Number(b.dataset.time);
    return ta !== tb ? ta > tb : Number(a.dataset.entry) > Number(b.dataset.entry);
  }

  function newest() {
    return entriesOf(feed).reduce(function (top, entry) { return !top || later(entry, top) ? entry : top; }, null);
  }

  /* The first entry the reader sees (or the feed itself), and where it is now. */
  function anchor() {
    var candidates = entriesOf(feed);
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].getBoundingClientRect().bottom > 0) { return candidates[i]; }
    }
    return feed;
  }

  function keepingScroll(change) {
    var held = anchor();
    var before = held.getBoundingClientRect().top;
    change();
    if (!held.isConnected) { return; }
    var moved = held.getBoundingClientRect().top - before;
    // Only when what the reader is reading is at or above the top of the screen.
    if (moved && before < window.innerHeight / 2 && feed.getBoundingClientRect().top < 0) {
      window.scrollBy(0, moved);
    }
  }

  function placeInList(list, entry) {
    var item = document.createElement("li");
    item.appendChild(entry);
    var items = Array.prototype.slice.call(list.children);
    for (var i = 0; i < items.length; i++) {
      var other = items[i].querySelector(".live-entry");
      if (other && later(entry, other)) { list.insertBefore(item, items[i]); return; }
    }
    list.appendChild(item);
  }

  function removeEntry(entry) {
    var item = entry.parentElement;
    if (item && item.tagName === "LI" && item.children.length === 1) { item.remove(); } else { entry.remove(); }
  }

  function say(count) {
    var text = count === 1 ? root.dataset.newOne : root.dataset.newMany.replace("%(count)s", String(count));
    button.textContent = text;
    button.hidden = false;
    announce.textContent = text;
  }

  function apply(html) {
    var incoming = new DOMParser().parseFromString(html, "text/html").querySelector(".live-fragment");
    if (!incoming) { return; }
    var current = feed.querySelector(".live-fragment");
    var list = current.querySelector(".live-entries");
    var pinnedBox = current.querySelector(".live-pinned");
    var seenUpTo = newest();
    var fresh = [];
    keepingScroll(function () {
      var known = {};
      entriesOf(current).forEach(function (entry) { known[entry.dataset.entry] = entry; });
      // The pinned entry: whatever the fragment pins now, and the one it no longer pins back in the list.
      var pinned = incoming.querySelector(".live-pinned .live-entry");
      var wasPinned = pinnedBox.querySelector(".live-entry");
      if ((pinned && pinned.dataset.entry) !== (wasPinned && wasPinned.dataset.entry) ||
          (pinned && wasPinned && pinned.dataset.version !== wasPinned.dataset.version)) {
        if (pinned && known[pinned.dataset.entry]) { removeEntry(known[pinned.dataset.entry]); }
        pinnedBox.textContent = "";
        if (pinned) { pinnedBox.appendChild(document.importNode(pinned, true)); }
      }
      var listed = {};
      var oldest = null;
      incoming.querySelectorAll(".live-entries .live-entry").forEach(function (entry) {
        listed[entry.dataset.entry] = true;
        if (!oldest || later(oldest, entry)) { oldest = entry; }
        var mine = current.querySelector('.live-entries .live-entry[data-entry="' + entry.dataset.entry + '"]');
        var copy = document.importNode(entry, true);
        if (mine && mine.dataset.version === entry.dataset.version) { return; }
        if (mine) { mine.replaceWith(copy); return; }  // corrected or edited: in place
        placeInList(list, copy);
        if (!seenUpTo || later(copy, seenUpTo)) { fresh.push(copy); }
      });
      // Deleted on the desk (a name that must not be printed, a wrong report): gone from
      // the reader's page too. Entries older than the fragment's oldest are not in it.
      entriesOf(list).forEach(function (entry) {
        if (!listed[entry.dataset.entry] && (!oldest || !later(oldest, entry))) { removeEntry(entry); }
      });
      var status = incoming.querySelector(".live-status");
      if (status) { current.querySelector(".live-status").replaceWith(document.importNode(status, true)); }
    });
    unseen = fresh.concat(unseen).filter(function (entry) { return entry.isConnected; });
    if (fresh.length) {
      say(unseen.length);
    } else if (!unseen.length && !button.hidden) {
      button.hidden = true;
      announce.textContent = "";
    }
    if (incoming.dataset.liveState !== "ongoing") {
      root.dataset.liveState = incoming.dataset.liveState;
      stop();
    }
  }

  function poll() {
    if (busy || document.visibilityState !== "visible") { return; }
    busy = true;
    fetch(root.dataset.liveUrl, { credentials: "omit", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) { apply(html); } })
      .catch(function () { /* offline for a moment: the next poll tries again */ })
      .then(function () { busy = false; });
  }

  function start() { if (!timer) { timer = window.setInterval(poll, INTERVAL); } }
  function stop() {
    if (timer) { window.clearInterval(timer); timer = null; }
    document.removeEventListener("visibilitychange", onVisibility);
  }
  function onVisibility() {
    if (document.visibilityState === "visible") { poll(); start(); } else if (timer) { window.clearInterval(timer); timer = null; }
  }

  button.addEventListener("click", function () {
    var first = unseen.reduce(function (top, entry) { return !top || later(entry, top) ? entry : top; }, null);
    unseen = [];
    button.hidden = true;
    announce.textContent = "";
    if (first && first.isConnected) {
      first.setAttribute("tabindex", "-1");
      first.scrollIntoView({ block: "start" });
      first.focus({ preventScroll: true });
    }
  });

  document.addEventListener("visibilitychange", onVisibility);
  start();
})();
