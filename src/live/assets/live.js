// Live views: keeps the page current from its stream of updates. Progressive enhancement
// only: without this file every form works and a reload shows what is new.
// - Updates are coalesced: the page is read again at most once every two seconds, however
//   many votes arrive; only the parts marked data-live-region are replaced. When every
//   update since the last reading changed only polls (a burst of answers, a reveal) and
//   the page names an address for its polls (data-live-part-polls), only that part is read.
// - Focus is never moved: a part that holds the focus (someone is choosing or typing in
//   it) is left as it is until the focus leaves it.
// - A pause button stops the updates (WCAG 2.2.2); the status line says, politely and
//   only when the number of questions changes, what is new.
(function () {
  var controls = document.querySelector("[data-live-stream]");
  if (!controls || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var pauseButton = controls.querySelector("[data-live-pause]");
  var status = controls.querySelector(".live-status");
  var paused = false;
  var pending = false;
  var timer = null;
  var last = 0;
  var MIN_GAP = 2000;
  var pollsPart = controls.getAttribute("data-live-part-polls");
  var onlyPolls = true; // every update since the last reading was about polls

  var countQuestions = function (root) {
    return root.querySelectorAll(".live-question, .live-top li").length;
  };
  var shownCount = countQuestions(document);

  var refresh = function () {
    timer = null;
    if (paused) return;
    pending = false;
    last = Date.now();
    var url = pollsPart && onlyPolls ? pollsPart : window.location.href;
    onlyPolls = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (!html || paused) {
          // Not shown: held until resumed, or read again (all of it) a little later.
          onlyPolls = false;
          schedule();
          return;
        }
        var next = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live-region][id]").forEach(function (region) {
          var fresh = next.getElementById(region.id);
          if (!fresh) return;
          if (region.contains(document.activeElement)) {
            pending = true; // someone is working in it: later, the whole page (what else changed meanwhile is not known)
            onlyPolls = false;
            return;
          }
          region.innerHTML = fresh.innerHTML;
        });
        var count = document.querySelector("[data-live-count]");
        var freshCount = next.querySelector("[data-live-count]");
        if (count && freshCount) count.textContent = freshCount.textContent;
        var n = countQuestions(document);
        if (n !== shownCount && status) {
          shownCount = n;
          status.textContent = (document.documentElement.lang === "en" ? "Updated: " : "Uppdaterad: ") + n + (document.documentElement.lang === "en" ? " questions" : " frågor");
        }
        if (pending) schedule();
      })
      .catch(function () {
        onlyPolls = false;
        schedule();
      });
  };
  var schedule = function () {
    pending = true;
    // Paused: the update is held (marked, so that it can be seen that something waits).
    if (paused) controls.setAttribute("data-live-held", "");
    if (paused || timer) return;
    timer = setTimeout(refresh, Math.max(250, MIN_GAP - (Date.now() - last)));
  };
  document.addEventListener("focusout", function () {
    if (pending) schedule();
  });

  if (pauseButton) {
    pauseButton.hidden = false;
    pauseButton.addEventListener("click", function () {
      paused = !paused;
      pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
      pauseButton.textContent = controls.getAttribute(paused ? "data-text-resume" : "data-text-pause");
      if (status) status.textContent = paused ? controls.getAttribute("data-text-paused") : "";
      if (!paused) controls.removeAttribute("data-live-held");
      if (!paused && pending) schedule();
    });
  }

  var source = new EventSource(controls.getAttribute("data-live-stream"));
  source.addEventListener("changed", function (e) {
    var kind = null;
    try {
      kind = JSON.parse(e.data).kind;
    } catch (err) {
      kind = null;
    }
    if (kind !== "polls") onlyPolls = false;
    schedule();
  });
})();
