// Redraws the article editor's search-result and share-card previews (kabar.seo.panels) from
// the form as the editor types, with the fallbacks and cuts of kabar.seo.previews.
(function () {
  "use strict";
  const TRAILING = /[\s,.;:\-–—]+$/;

  function oneLine(text) {
    return String(text || "").split(/\s+/).filter(Boolean).join(" ");
  }

  // The text on one line, cut at a word boundary to at most `limit` characters with "…".
  function cut(text, limit) {
    text = oneLine(text);
    if (text.length <= limit) return text;
    let part = text.slice(0, limit - 1);
    if (part.includes(" ")) part = part.slice(0, part.lastIndexOf(" "));
    return part.replace(TRAILING, "") + "…";
  }

  function field(form, name) {
    const input = form.elements.namedItem(name);
    return input && "value" in input ? input.value : null;
  }

  function start() {
    const root = document.querySelector("[data-share-previews]");
    const form = root && root.closest("form");
    if (!form) return;
    const limits = {
      searchTitle: parseInt(root.dataset.searchTitleChars, 10),
      searchDescription: parseInt(root.dataset.searchDescriptionChars, 10),
      cardTitle: parseInt(root.dataset.cardTitleChars, 10),
      cardDescription: parseInt(root.dataset.cardDescriptionChars, 10),
    };
    const out = (name) => root.querySelector(`[data-preview-${name}]`);
    // The section's description or the site's tagline, when the story gives none of its own.
    const fallback = root.dataset.fallbackDescription;

    function update() {
      const title = oneLine(field(form, "seo_title")) || oneLine(field(form, "title"));
      const description =
        oneLine(field(form, "search_description")) ||
        oneLine(field(form, "summary")) ||
        oneLine(fallback);
      const searchTitle = `${title} | ${root.dataset.siteName}`;
      out("search-title").textContent = cut(searchTitle, limits.searchTitle);
      out("search-description").textContent = cut(description, limits.searchDescription);
      out("card-title").textContent = cut(title, limits.cardTitle);
      out("card-description").textContent = cut(description, limits.cardDescription);
      out("title-warning").hidden = searchTitle.length <= limits.searchTitle;
      out("description-warning").hidden = description.length <= limits.searchDescription;
      const slug = field(form, "slug");
      if (slug && out("slug")) out("slug").textContent = slug;
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
