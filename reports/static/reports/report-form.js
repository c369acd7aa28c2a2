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

// Autosave status and the leave-page warning. The autosave request itself is HTMX
// (hx-post on #autosave-status); this only tracks whether anything typed is not saved yet.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("report-form");
    var status = document.getElementById("autosave-status");
    if (!form) return;
    var edits = 0;
    var savedEdits = 0;
    var sentEdits = 0;
    var submitting = false;
    function markDirty(event) {
      if (event.target && event.target.type === "file") {
        // Files go only with the Save button: a chosen file is unsaved until then.
        edits += 1;
        savedEdits = -1;
      } else {
        edits += 1;
      }
      if (status) status.textContent = status.dataset.unsaved;
    }
    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function () { submitting = true; });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (event.detail.elt === status) sentEdits = edits;
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt !== status) return;
      var ok = event.detail.successful && event.detail.xhr.getResponseHeader("X-Autosaved") === "1";
      if (ok && savedEdits !== -1) savedEdits = sentEdits;
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || savedEdits === edits) return;
      event.preventDefault();
      event.returnValue = "";
    });
  });
})();
