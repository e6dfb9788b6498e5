/* Share buttons that need a script: the phone's own share sheet (Web Share API) and copy-link.
 * Both stay hidden where the browser cannot do them; the plain share links work without this. */
(function () {
  "use strict";
  document.querySelectorAll(".share[data-share-url]").forEach(function (box) {
    var url = box.getAttribute("data-share-url");
    var title = box.getAttribute("data-share-title");
    var status = box.querySelector(".share__status");
    var native = box.querySelector("[data-share-native]");
    var copy = box.querySelector("[data-share-copy]");

    if (navigator.share) {
      native.hidden = false;
      native.querySelector("button").addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});  // the reader closed it
      });
    }
    if (navigator.clipboard && window.isSecureContext) {
      var button = copy.querySelector("button");
      copy.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () { status.textContent = button.getAttribute("data-copied"); },
          function () { status.textContent = button.getAttribute("data-failed") + " " + url; }
        );
      });
    }
  });
})();
