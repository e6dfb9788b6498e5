// Counts one view of this article (kabar/news/view_counts.py): no cookie, no identifier,
// nothing about the reader but the request itself. Runs from cached pages as from fresh ones.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-beacon");
  if (!url) {
    return;
  }
  function send() {
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    } else if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "omit" });
    }
  }
  // A page the browser prerenders but the reader never opens is not a view.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
