// opspoor: light progressive enhancement only; every page works without it.
document.addEventListener("DOMContentLoaded", function () {
  // Buttons with data-confirm ask before submitting (inline handlers are blocked by our CSP).
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      if (!window.confirm(el.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
  // Disable a form's submit buttons once sent, so a slow action (a dossier) is not started twice.
  document.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        window.setTimeout(function () { b.disabled = true; }, 0);
      });
    });
  });
});
