/* Search page (/sok/): the page's own form, run through Pagefind's search API
 * (the bundle the build wrote), so that the box comes first, filters sit behind
 * "Filtrera", hits show the meeting's facts and justering, and everything the
 * visitor chose is in the URL (?q=…&rad=…&typ=…&ar=…&sort=desc): a search can
 * be shared, and the back button goes back to the previous one.
 * A file, not an inline script, because of the CSP. Without JavaScript the form
 * is a plain GET form and the page says that search needs JavaScript. */
(function () {
  "use strict";

  var form = document.querySelector("[data-search-form]");
  var results = document.querySelector("[data-search-results]");
  if (!form || !results) return;

  var input = form.querySelector("input[name='q']");
  var sortSelect = form.querySelector("select[name='sort']");
  var details = form.querySelector("[data-search-filters]");
  var filterCount = form.querySelector("[data-filter-count]");
  var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-filter]"));
  var status = results.querySelector("[data-search-status]");
  var list = results.querySelector("[data-search-list]");
  var more = results.querySelector("[data-search-more]");
  var sortKey = form.getAttribute("data-sort-key") || "date";
  var PAGE_SIZE = 10;
  var pagefind = null;
  var shown = [];
  var generation = 0;
  var typing = null;

  function fail() {
    var note = document.createElement("p");
    note.className = "search-error";
    note.setAttribute("role", "alert");
    note.textContent = "Sökfunktionen kunde inte laddas. Försök igen senare.";
    form.appendChild(note);
  }

  /* --- the form and the URL ------------------------------------------------ */

  function checkboxes() {
    return Array.prototype.slice.call(form.querySelectorAll("fieldset[data-filter] input[type='checkbox']"));
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = (params.get("q") || "").trim();
    var order = params.get("sort") || "";
    sortSelect.value = order === "asc" || order === "desc" ? order : "";
    checkboxes().forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    if (chosenCount() > 0) details.open = true;
  }

  function writeUrl(push) {
    var params = new URLSearchParams();
    var term = input.value.trim();
    if (term) params.set("q", term);
    checkboxes().forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
    if (sortSelect.value) params.set("sort", sortSelect.value);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url === window.location.pathname + window.location.search) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function chosenFilters() {
    var chosen = {};
    fieldsets.forEach(function (set) {
      var values = Array.prototype.slice.call(set.querySelectorAll("input:checked")).map(function (b) { return b.value; });
      if (values.length) chosen[set.getAttribute("data-filter")] = { any: values };
    });
    return chosen;
  }

  function chosenCount() {
    return checkboxes().filter(function (b) { return b.checked; }).length;
  }

  function showChosenCount() {
    var n = chosenCount();
    filterCount.textContent = n ? "(" + n + " " + (n === 1 ? "valt" : "valda") + ")" : "";
  }

  /* --- results -------------------------------------------------------------- */

  /* Pagefind's excerpt as nodes: its text, with <mark> kept and nothing else. */
  function excerptNodes(html, parent) {
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function subResults(data) {
    var items = data.sub_results.filter(function (sub) { return sub.url !== data.url && sub.url.indexOf("#") !== -1; });
    var best = items.slice().sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, 3);
    return items.filter(function (sub) { return best.indexOf(sub) !== -1; });
  }

  /* A decision is a search record of its own (generator/decision_search.py), indexed from
   * _sokposter/<meeting>/<pN>.html, a file that is never published: link to the decision on
   * the meeting page instead (<meeting>/#pN-beslut), and say that the hit is a decision. */
  var RECORD_URL = /^(.*\/)_sokposter\/(.+\/)(p\d+)\.html$/;

  function decisionResult(data) {
    var match = RECORD_URL.exec(data.url || "");
    if (!match) return data;
    data.url = match[1] + match[2] + "#" + match[3] + "-beslut";
    data.meta = Object.assign({}, data.meta, { title: "Beslut, " + ((data.meta || {}).title || "") });
    data.sub_results = [];
    return data;
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var item = element("li", "result");
    var title = element("h2", "result-title");
    var link = element("a", "result-link", meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    item.appendChild(title);
    var facts = [meta.datum, meta["råd"], (data.filters && data.filters.Typ || [])[0]].filter(Boolean);
    var line = element("p", "result-meta", facts.join(" · "));
    if (meta.justering) {
      line.appendChild(document.createTextNode(facts.length ? " · " : ""));
      line.appendChild(element("span", "justering-status", meta.justering));
    }
    item.appendChild(line);
    var excerpt = element("p", "result-excerpt");
    excerptNodes(data.excerpt || "", excerpt);
    item.appendChild(excerpt);
    var subs = subResults(data);
    if (subs.length) {
      var ul = element("ul", "result-items");
      subs.forEach(function (sub) {
        var li = element("li");
        var a = element("a", "result-item-link", sub.title);
        a.href = sub.url;
        li.appendChild(a);
        var text = element("p", "result-excerpt");
        excerptNodes(sub.excerpt || "", text);
        li.appendChild(text);
        ul.appendChild(li);
      });
      item.appendChild(ul);
    }
    return item;
  }

  function showMore(mine) {
    var next = shown.slice(list.children.length, list.children.length + PAGE_SIZE);
    results.setAttribute("data-state", "loading");
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (datas) {
      if (mine !== generation) return;
      datas.forEach(function (data) { list.appendChild(resultItem(decisionResult(data))); });
      more.hidden = list.children.length >= shown.length;
      results.setAttribute("data-state", "done");
    });
  }

  /* Hits per filter value for the words alone, whatever is ticked (within a group, filters are "any of"). */
  function updateHits(search) {
    var counts = search.totalFilters || {};
    fieldsets.forEach(function (set) {
      var byValue = counts[set.getAttribute("data-filter")] || {};
      set.querySelectorAll("input[type='checkbox']").forEach(function (box) {
        var hits = box.parentNode.querySelector("[data-hits]");
        if (hits) hits.textContent = "(" + (byValue[box.value] || 0) + ")";
      });
    });
  }

  function countText(n, term) {
    var hits = n === 1 ? "1 träff" : n + " träffar";
    return term ? hits + " för ”" + term + "”" : hits;
  }

  function run() {
    var mine = ++generation;
    var term = input.value.trim();
    var filters = chosenFilters();
    showChosenCount();
    if (!term && !Object.keys(filters).length) {
      results.hidden = true;
      results.removeAttribute("data-state");
      list.textContent = "";
      return Promise.resolve();
    }
    var options = { filters: filters };
    if (sortSelect.value) {
      options.sort = {};
      options.sort[sortKey] = sortSelect.value;
    }
    results.hidden = false;
    results.setAttribute("data-state", "loading");
    return pagefind.search(term || null, options).then(function (search) {
      if (mine !== generation || !search) return;
      shown = search.results;
      list.textContent = "";
      updateHits(search);
      status.textContent = shown.length ? countText(shown.length, term)
        : "Inga träffar" + (term ? " för ”" + term + "”" : "") + ". Pröva ett annat ord, eller färre filter.";
      return showMore(mine);
    });
  }

  /* --- events --------------------------------------------------------------- */

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typing);
    writeUrl(true);
    run();
  });
  input.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { writeUrl(false); run(); }, 250);
  });
  form.addEventListener("change", function (event) {
    if (event.target === input) return;
    writeUrl(true);
    run();
  });
  more.addEventListener("click", function () { showMore(generation); });
  window.addEventListener("popstate", function () { readUrl(); run(); });

  /* --- start ------------------------------------------------------------------ */

  import(form.getAttribute("data-bundle-path") + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: form.getAttribute("data-base-url"), excerptLength: 30 });
  }).then(function () {
    return pagefind.filters(); // loads the filter index, so that every search counts hits per filter value
  }).then(function () {
    form.querySelector("[data-search-note]").hidden = true;
    form.querySelector("[data-search-options]").hidden = false;
    readUrl();
    return run();
  }).catch(fail);
})();
