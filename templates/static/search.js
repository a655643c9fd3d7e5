/* Search page (/sok/): mounts Pagefind's Default UI from the bundle the build
 * wrote, picks up ?q= (the header form on every page sends it), and offers a
 * sort by meeting date. A file, not an inline script, because of the CSP.
 * Without JavaScript the page keeps its plain GET form. */
(function () {
  "use strict";

  var app = document.querySelector("[data-search-app]");
  var fallback = document.querySelector("[data-search-fallback]");
  if (!app) return;

  if (typeof window.PagefindUI !== "function") {
    if (fallback) {
      var note = document.createElement("p");
      note.className = "search-error";
      note.setAttribute("role", "alert");
      note.textContent = "Sökfunktionen kunde inte laddas. Försök igen senare.";
      fallback.appendChild(note);
    }
    return;
  }

  var mount = app.querySelector("[data-search-ui]");
  var sortSelect = app.querySelector("[data-search-sort]");
  var sortKey = app.getAttribute("data-sort-key") || "date";
  var params = new URLSearchParams(window.location.search);
  var ui = null;

  function sortOption(order) {
    if (order !== "asc" && order !== "desc") return null;
    var sort = {};
    sort[sortKey] = order;
    return sort;
  }

  function searchInput() {
    return mount.querySelector("input[type='search'], .pagefind-ui__search-input");
  }

  /* Filters chosen in the current UI, as {name: [values]}, to carry them over
   * when the UI is rebuilt with another sort order. */
  function selectedFilters() {
    var chosen = {};
    mount.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (box) {
      var group = box.closest(".pagefind-ui__filter-block");
      var name = group && group.querySelector(".pagefind-ui__filter-name");
      var label = box.closest(".pagefind-ui__filter-value");
      var value = box.value || (label && label.querySelector(".pagefind-ui__filter-label"));
      if (value && typeof value !== "string") value = value.textContent;
      if (!name || !value) return;
      var key = name.textContent.trim();
      (chosen[key] = chosen[key] || []).push(value.trim());
    });
    return chosen;
  }

  function updateUrl(term, order) {
    var url = new URL(window.location.href);
    if (term) url.searchParams.set("q", term); else url.searchParams.delete("q");
    if (order) url.searchParams.set("sort", order); else url.searchParams.delete("sort");
    window.history.replaceState(null, "", url.toString());
  }

  /* A decision is a search record of its own (generator/decision_search.py), indexed from
   * _sokposter/<meeting>/<pN>.html, a file that is never published: link to the decision on
   * the meeting page instead (<meeting>/#pN-beslut), say that the hit is a decision, and show
   * its excerpt without sub-results (its only one would be the record's file). */
  var RECORD_URL = /^(.*\/)_sokposter\/(.+\/)(p\d+)\.html$/;

  function decisionResult(result) {
    var match = RECORD_URL.exec(result.url || "");
    if (!match) return result;
    result.url = match[1] + match[2] + "#" + match[3] + "-beslut";
    result.meta = Object.assign({}, result.meta, { "innehåll": "Beslut" });
    result.meta.title = "Beslut, " + (result.meta.title || "");
    result.sub_results = [{ url: result.url, title: result.meta.title, excerpt: result.excerpt, locations: result.locations || [] }];
    return result;
  }

  function start(term, order, filters) {
    ui = new window.PagefindUI({
      element: mount,
      bundlePath: app.getAttribute("data-bundle-path"),
      baseUrl: app.getAttribute("data-base-url"),
      showSubResults: true,
      processResult: decisionResult,
      showImages: false,
      excerptLength: 30,
      openFilters: (app.getAttribute("data-open-filters") || "").split("|").filter(Boolean),
      autofocus: false, // focus stays at the top of the page, so Tab reaches the skip link first
      sort: sortOption(order),
      translations: { placeholder: "Skriv ett sökord, till exempel Barnahus" }
    });
    if (term) {
      var input = searchInput();
      if (input) input.value = term;
      ui.triggerSearch(term);
    }
    if (filters && Object.keys(filters).length) ui.triggerFilters(filters);
  }

  var initialOrder = params.get("sort") || "";
  if (sortOption(initialOrder) === null) initialOrder = "";
  sortSelect.value = initialOrder;

  if (fallback) fallback.hidden = true;
  app.hidden = false;
  start((params.get("q") || "").trim(), initialOrder, null);

  mount.addEventListener("input", function (event) {
    if (event.target === searchInput()) updateUrl(event.target.value.trim(), sortSelect.value);
  });

  sortSelect.addEventListener("change", function () {
    var input = searchInput();
    var term = input ? input.value.trim() : "";
    var filters = selectedFilters();
    ui.destroy();
    mount.textContent = "";
    start(term, sortSelect.value, filters);
    updateUrl(term, sortSelect.value);
  });
})();
