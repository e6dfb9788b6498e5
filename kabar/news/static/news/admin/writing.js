// The article editor's live word count and reading time (kabar.news.panels.WritingMetricsPanel).
// Counts what kabar.news.metrics counts on the server: the summary, and the body's paragraphs,
// subheadings and quotes, read from the form's own inputs (a paragraph's input holds Draftail's
// JSON, kept up to date as the editor types).
(function () {
  "use strict";
  const WORD = /[\p{L}\p{N}\p{M}_]+/gu;

  function words(text) {
    return (String(text || "").match(WORD) || []).length;
  }

  function value(form, name) {
    const input = form.elements.namedItem(name);
    return input && "value" in input ? input.value : "";
  }

  function paragraphText(json) {
    try {
      return JSON.parse(json).blocks.map((block) => block.text).join("\n");
    } catch (error) {
      return "";
    }
  }

  function count(form) {
    let total = words(value(form, "summary"));
    const blocks = parseInt(value(form, "body-count"), 10) || 0;
    for (let i = 0; i < blocks; i += 1) {
      const prefix = `body-${i}`;
      if (value(form, `${prefix}-deleted`) === "1") continue;
      const type = value(form, `${prefix}-type`);
      if (type === "paragraph") total += words(paragraphText(value(form, `${prefix}-value`)));
      else if (type === "subheading") total += words(value(form, `${prefix}-value`));
      else if (type === "quote") total += words(value(form, `${prefix}-value-quote`));
    }
    return total;
  }

  function start() {
    const panel = document.querySelector("[data-writing-metrics]");
    const form = panel && panel.closest("form");
    if (!form) return;
    const perMinute = parseInt(panel.dataset.wordsPerMinute, 10) || 200;
    const wordsOut = panel.querySelector("[data-writing-words]");
    const minutesOut = panel.querySelector("[data-writing-minutes]");
    let timer = null;
    function update() {
      const total = count(form);
      wordsOut.textContent = String(total);
      minutesOut.textContent = String(Math.max(1, Math.ceil(total / perMinute)));
    }
    // Draftail writes its hidden input 250 ms after the last keystroke: count once the editor
    // has paused a little longer than that.
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);
    }
    ["input", "change", "keyup", "click"].forEach((name) => form.addEventListener(name, later));
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
