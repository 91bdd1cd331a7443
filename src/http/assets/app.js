// Progressive enhancement only: every form works without this file.

// One high tone for welcome, two low for a refusal; colour and words are there in any case.
window.samverkaBeep = function (ok) {
  var AC = window.AudioContext || window.webkitAudioContext;
  if (!AC) return;
  try {
    var ctx = new AC();
    (ok ? [0] : [0, 0.25]).forEach(function (start) {
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.frequency.value = ok ? 880 : 220;
      gain.gain.value = 0.15;
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(ctx.currentTime + start);
      osc.stop(ctx.currentTime + start + 0.18);
    });
  } catch (e) {
    /* no sound: the answer is on the screen */
  }
};
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
  // A check-in answer is also heard (where the browser lets a page play sound).
  var answer = document.querySelector("[data-sound]");
  if (answer) window.samverkaBeep(answer.getAttribute("data-sound") === "ok");
  // Ask before destructive actions.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
});
