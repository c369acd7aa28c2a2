// Progressive enhancement for the report form: character counters and the derived-level warning.
// The form works without this script; the server shows the same warning after saving.
(function () {
  "use strict";
  function updateCounter(area) {
    var counter = document.getElementById(area.id + "-counter");
    if (!counter) return;
    var length = area.value.replace(/\r\n/g, "\n").length;
    var limit = parseInt(area.getAttribute("maxlength"), 10);
    counter.textContent = counter.dataset.template.replace("%(count)s", length).replace("%(limit)s", limit);
    counter.classList.toggle("over", length > limit);
  }
  function updateDisagreement(fieldset) {
    var derived = fieldset.dataset.derived;
    var box = fieldset.querySelector(".disagreement");
    if (!derived || !box) return;
    var chosen = fieldset.querySelector("input.level-radio:checked");
    var zero = document.getElementById("id_zero_value");
    var differs = chosen && chosen.value !== derived && !(zero && zero.checked);
    box.hidden = !differs;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
      updateCounter(area);
      area.addEventListener("input", function () { updateCounter(area); });
    });
    document.querySelectorAll("fieldset.criterion[data-derived]").forEach(function (fieldset) {
      updateDisagreement(fieldset);
      fieldset.addEventListener("change", function () { updateDisagreement(fieldset); });
    });
    var zero = document.getElementById("id_zero_value");
    if (zero) {
      zero.addEventListener("change", function () {
        document.querySelectorAll("fieldset.criterion[data-derived]").forEach(updateDisagreement);
      });
    }
  });
})();
