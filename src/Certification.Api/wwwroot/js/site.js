// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // After a refused post, move focus to the list of what to fix (screen readers announce it).
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();

    // "Select all" checkboxes of bulk actions.
    document.querySelectorAll("[data-select-all]").forEach(function (all) {
      all.addEventListener("change", function () {
        document.querySelectorAll("input[name='" + all.getAttribute("data-select-all") + "']").forEach(function (box) { box.checked = all.checked; });
      });
    });

    // Buttons that ask before an irreversible action.
    document.querySelectorAll("[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  });
})();
