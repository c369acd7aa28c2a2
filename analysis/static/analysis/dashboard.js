// The year selector goes straight to that year's dashboard (without JavaScript the year links below it do).
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("id_year");
  if (!select) return;
  select.addEventListener("change", function () {
    window.location = select.dataset.base + select.value + "/" + window.location.search;
  });
});
