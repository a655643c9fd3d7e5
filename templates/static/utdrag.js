/* "Skriv ut utdrag" on a meeting page: select the item (its #pN becomes :target, which
 * static/beslut.css prints on its own as "Utdrag ur protokoll"), then print. Without
 * JavaScript the link still selects the item, and the browser's print does the rest. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-utdrag]") : null;
    if (!link) return;
    event.preventDefault();
    if (window.location.hash !== link.hash) window.location.hash = link.hash;
    window.print();
  });
})();
