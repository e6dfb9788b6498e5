/* Reader comments, progressively enhanced: the page works without this file.
 * On load the section is swapped for a fresh, uncached copy (own CSRF token, newest comments,
 * the reader's held comments); the form then posts with fetch and shows the result in place. */
(function () {
  "use strict";

  function enhance(section) {
    var form = section.querySelector(".comment-form");
    var respond = section.querySelector(".comment-respond");
    var status = section.querySelector(".comments__status");
    if (!form || !respond) return;
    var home = respond.parentNode;
    var homeNext = respond.nextSibling;
    var parentInput = form.querySelector("input[name=parent]");

    function say(message, isError) {
      if (!status) return;
      status.textContent = message;
      status.className = "comments__status" + (isError ? " comments__status--error" : "");
    }

    section.addEventListener("click", function (event) {
      var reply = event.target.closest("[data-reply-to]");
      var cancel = event.target.closest("[data-cancel-reply]");
      if (reply) {
        event.preventDefault();
        var item = document.getElementById("comment-" + reply.getAttribute("data-reply-to"));
        parentInput.value = reply.getAttribute("data-reply-to");
        item.querySelector(".comment__body").after(respond);
        form.querySelector("textarea").focus();
      } else if (cancel) {
        event.preventDefault();
        parentInput.value = "";
        home.insertBefore(respond, homeNext);
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      form.querySelectorAll(".errorlist").forEach(function (el) { el.remove(); });
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        var data = result.data;
        // Each start token is good for one post: every answer hands over the next one.
        var started = form.querySelector("input[name=started]");
        if (data.started && started) started.value = data.started;
        if (!result.ok) {
          say(data.message, true);
          Object.keys(data.errors || {}).forEach(function (name) {
            var field = form.querySelector("[name=" + name + "]");
            var list = document.createElement("ul");
            list.className = "errorlist";
            data.errors[name].forEach(function (text) {
              var li = document.createElement("li");
              li.textContent = text;
              list.appendChild(li);
            });
            if (field) field.after(list);
          });
          return;
        }
        var holder = document.createElement("template");
        holder.innerHTML = data.html.trim();
        var item = holder.content.firstElementChild;
        var list;
        if (data.parent) {
          var parentItem = document.getElementById("comment-" + data.parent);
          list = parentItem.querySelector(":scope > .comment-list");
          if (!list) {
            list = document.createElement("ol");
            list.className = "comment-list comment-list--replies";
            parentItem.appendChild(list);
          }
        } else {
          list = section.querySelector(":scope > .comment-list");
          if (!list) {
            list = document.createElement("ol");
            list.className = "comment-list";
            section.querySelector(".comments__title").after(list);
          }
        }
        list.appendChild(item);
        form.querySelector("textarea").value = "";
        parentInput.value = "";
        home.insertBefore(respond, homeNext);
        say(data.message, false);
        item.scrollIntoView({ block: "nearest" });
      }).catch(function () {
        say(section.getAttribute("data-error-message"), true);
      }).finally(function () {
        button.disabled = false;
      });
    });
  }

  function refresh(section) {
    var url = section.getAttribute("data-comments-section");
    var page = new URLSearchParams(window.location.search);
    var query = new URLSearchParams();
    ["komentar-hal", "balas"].forEach(function (name) {
      if (page.get(name)) query.set(name, page.get(name));
    });
    return fetch(url + (query.toString() ? "?" + query : ""), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (html) {
        var holder = document.createElement("template");
        holder.innerHTML = html.trim();
        var fresh = holder.content.querySelector("[data-comments-section]");
        section.replaceWith(fresh);
        enhance(fresh);
        if (window.location.hash && window.location.hash.indexOf("#comment-") === 0) {
          var target = document.getElementById(window.location.hash.slice(1));
          if (target) target.scrollIntoView();
        }
      });
  }

  document.querySelectorAll("[data-comments-section]").forEach(function (section) {
    refresh(section).catch(function () { enhance(section); });
  });
})();
