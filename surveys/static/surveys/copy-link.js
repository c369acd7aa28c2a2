/* Copy buttons: <button data-copy="ID-of-an-input" data-copied="Copied" hidden>. The button stays
   hidden without JavaScript (the link is in a read-only field and can be selected by hand). */
(function () {
  "use strict";
  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    var status = button.parentNode.querySelector(".copy-status");
    var done = function () { if (status) { status.textContent = button.getAttribute("data-copied") || ""; } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
    } else {
      field.select();
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* the text stays selected */ }
    }
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
