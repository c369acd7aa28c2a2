// Small page behaviours, as a static file: the Content-Security-Policy allows no inline scripts.
// Every page works without this file; it only adds conveniences.
(function () {
  "use strict";
  // A year drop-down marked data-year-navigation goes to that year's page (../YEAR/ keeps the filters).
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-year-navigation]");
    if (select) {
      window.location = "../" + encodeURIComponent(select.value) + "/" + window.location.search;
    }
  });
})();
