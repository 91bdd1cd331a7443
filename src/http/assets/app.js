// Progressive enhancement only: every form works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary or status message, so a screen reader hears it first.
  var target = document.querySelector("[data-autofocus]");
  if (target) target.focus();
  // Questions shown only for a given answer: hide them until that answer is chosen.
  document.querySelectorAll("[data-show-if]").forEach(function (el) {
    var name = el.getAttribute("data-show-if");
    var value = el.getAttribute("data-show-value");
    var inputs = document.querySelectorAll('[name="' + name + '"]');
    function update() {
      var on = false;
      inputs.forEach(function (i) { if (i.checked && i.value === value) on = true; });
      el.hidden = !on;
    }
    inputs.forEach(function (i) { i.addEventListener("change", update); });
    update();
  });
  // Ask before destructive actions.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
});
