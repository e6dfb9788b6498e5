/* Live coverage: new updates appear at the top of the list without a reload. The page works
 * without this file (a reload shows everything). Every 15 s (every minute while the tab is
 * hidden) it asks for the updates fragment, which the page cache and a CDN serve to everyone
 * alike until the newsroom posts (the post purges it), and stops once the coverage ends. */
(function () {
  "use strict";
  var box = document.querySelector("[data-live-updates]");
  if (!box || box.hasAttribute("data-live-ended")) return;
  var list = box.querySelector(".live__updates");
  var status = box.querySelector(".live__status");
  var url = box.getAttribute("data-live-updates");
  var EVERY = 15000;

  function schedule() {
    window.setTimeout(poll, document.hidden ? EVERY * 4 : EVERY);
  }

  function poll() {
    fetch(url, { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var items = Array.prototype.slice.call(fresh.querySelectorAll(".live__update[id]"));
        var kept = {};
        items.forEach(function (item) { kept[item.id] = true; });
        var added = 0;
        // Oldest first, each put at the top: the newest ends up first.
        items.reverse().forEach(function (item) {
          if (!document.getElementById(item.id)) {
            list.insertBefore(document.importNode(item, true), list.firstChild);
            added += 1;
          }
        });
        // Updates the newsroom removed leave the page too.
        list.querySelectorAll(".live__update[id]").forEach(function (item) {
          if (!kept[item.id]) item.remove();
        });
        if (added) {
          var none = list.querySelector(".live__update--none");
          if (none) none.remove();
          status.textContent = box.getAttribute("data-new-updates").replace("{count}", added);
        }
        if (fresh.querySelector("[data-live-ended]")) return;  // the coverage ended
        schedule();
      })
      .catch(schedule);
  }
  schedule();
})();
