/* The event page: the evidence legend switches each field's highlight on and off. The article and
   its highlights are rendered (and escaped) on the server; this only toggles classes. */
(function () {
  "use strict";
  document.querySelectorAll(".report").forEach(function (report) {
    report.querySelectorAll(".legend button[data-field]").forEach(function (b) {
      b.addEventListener("click", function () {
        var field = b.getAttribute("data-field");
        var on = b.getAttribute("aria-pressed") !== "true";
        b.setAttribute("aria-pressed", on ? "true" : "false");
        report.classList.toggle("off-" + field, !on);
      });
    });
  });
})();
