// The check-in station, enhanced: answers without reloading, a camera where there is
// one, and going on without a connection. Without this file every form on the page works.
//
// Offline: the page keeps the list (every registration's ticket version, status and name,
// and the event's public key) in localStorage, checks a scanned ticket's Ed25519 signature
// with WebCrypto and decides as the server would; each check-in made so is queued on the
// device, marked as made offline, and sent when the connection is back. The server keeps
// a ticket checked in twice as a conflict, and the answer says so here.
// Live counts on the lists page and at a station: fetched every 15 seconds while the page
// is shown, and written only when they change (the line is a polite live region).
(function () {
  "use strict";
  var source = document.getElementById("checkin-counts");
  if (!source || !window.fetch) return;
  var url = source.getAttribute("data-source");
  function refresh() {
    if (document.hidden) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) {
        if (!data) return;
        document.querySelectorAll("[data-counts]").forEach(function (line) {
          var text = data.lists[line.getAttribute("data-counts")];
          if (text && line.textContent !== text) line.textContent = text;
        });
      })
      .catch(function () { /* offline: the counts wait for the connection */ });
  }
  window.samverkaRefreshCounts = refresh;
  setInterval(refresh, 15000);
  document.addEventListener("visibilitychange", refresh);
})();

(function () {
  "use strict";
  var station = document.getElementById("checkin-station");
  if (!station || !window.fetch || !window.localStorage) return;
  var texts = JSON.parse(document.getElementById("checkin-texts").textContent || "{}");
  var action = station.getAttribute("data-action");
  var locale = station.getAttribute("data-locale") === "en" ? "en" : "sv";
  var reentry = station.getAttribute("data-reentry") === "1";
  var listAttendance = station.getAttribute("data-attendance") || null;
  var storeKey = "samverka.checkin." + station.getAttribute("data-list");
  var answerBox = document.getElementById("checkin-answer");
  var statusLine = document.getElementById("checkin-offline");
  var codeForm = document.getElementById("checkin-code-form");
  var codeInput = codeForm && codeForm.querySelector("input[name=code]");
  var csrf = codeForm && codeForm.querySelector("input[name=_csrf]").value;
  var plural = new Intl.PluralRules(locale);

  function fill(template, params) {
    return String(template || "")
      .replace(/\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g, function (m, name, one, other) {
        if (!(name in params)) return m;
        return (plural.select(Number(params[name])) === "one" ? one : other).replace(/#/g, String(params[name]));
      })
      .replace(/\{(\w+)\}/g, function (m, name) { return name in params ? String(params[name]) : m; });
  }
  function clock(iso) {
    var parts = new Intl.DateTimeFormat("sv-SE", { hour: "numeric", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/Stockholm" }).formatToParts(new Date(iso));
    var h = parts.find(function (p) { return p.type === "hour"; }).value.replace(/^0(?=\d)/, "");
    var m = parts.find(function (p) { return p.type === "minute"; }).value;
    return locale === "sv" ? h + "." + m : (h.length < 2 ? "0" + h : h) + ":" + m;
  }
  function nonce() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2);
  }

  // ── What the device keeps ────────────────────────────────────────────────
  // Names on a device are kept no longer than needed: a day after its event, a kept list
  // with nothing left to send is dropped (whichever station page is opened).
  Object.keys(localStorage)
    .filter(function (k) { return k.indexOf("samverka.checkin.") === 0; })
    .forEach(function (k) {
      try {
        var kept = JSON.parse(localStorage.getItem(k));
        var ends = kept && kept.pkg && Date.parse(kept.pkg.eventEndsAt);
        if (ends && Date.now() > ends + 86400000 && !(kept.queue && kept.queue.length)) localStorage.removeItem(k);
      } catch (e) { localStorage.removeItem(k); }
    });
  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || { pkg: null, queue: [], local: {} }; } catch (e) { return { pkg: null, queue: [], local: {} }; }
  }
  var state = load();
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* full: the queue stays in memory */ }
  }
  var offline = !navigator.onLine;
  // What the last upload said (sent, conflicts): kept on screen until the next one.
  var notice = "";
  function showStatus() {
    var parts = notice ? [notice] : [];
    if (offline) parts.push(texts["checkin.offline.banner"]);
    if (state.queue.length) parts.push(fill(texts["checkin.offline.queued"], { count: state.queue.length }));
    if (!offline && state.pkg && !state.queue.length) parts.push(fill(texts["checkin.offline.ready"], { time: clock(state.pkg.madeAt), count: state.pkg.registrations.length }));
    statusLine.textContent = parts.join(" ");
    statusLine.classList.toggle("offline-banner", offline);
  }

  // ── The answer, big, in colour, words and sound ──────────────────────────
  function beep(ok) {
    if (window.samverkaBeep) window.samverkaBeep(ok);
  }
  function answerText(a) {
    var key = "checkin.result." + a.result;
    var params = { name: a.name || "–" };
    if (a.at) params.time = clock(a.at);
    if (a.attendance) params.attendance = (texts["reg.attendance." + a.attendance] || "").toLowerCase();
    return fill(texts[key] || texts["checkin.result.invalid"], params);
  }
  function show(a, extra) {
    var ok = a.result === "ok";
    var box = document.createElement("div");
    box.className = "checkin-result " + (ok ? "checkin-ok" : "checkin-refused");
    var word = document.createElement("p");
    word.className = "checkin-word";
    word.textContent = ok ? "✓" : "✗";
    var line = document.createElement("p");
    line.className = "ds-paragraph checkin-text";
    line.textContent = answerText(a);
    box.appendChild(word);
    box.appendChild(line);
    [a.organisationName, extra].forEach(function (t) {
      if (!t) return;
      var p = document.createElement("p");
      p.className = "ds-paragraph";
      p.textContent = t;
      box.appendChild(p);
    });
    answerBox.replaceChildren(box);
    beep(ok);
  }

  // ── Deciding without a connection ────────────────────────────────────────
  var keyPromise = null;
  function publicKey() {
    if (!keyPromise) {
      keyPromise = !state.pkg || !window.crypto || !crypto.subtle
        ? Promise.resolve(null)
        : crypto.subtle.importKey("spki", b64(state.pkg.ticketPublicKey), { name: "Ed25519" }, false, ["verify"]).catch(function () { return null; });
    }
    return keyPromise;
  }
  function b64(s) {
    var bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }
  /** What a ticket's code says (registration and version), before its signature is checked. */
  function parseTicket(code) {
    var m = /^SV1\.([A-Za-z0-9_-]{27})\.([A-Za-z0-9_-]{86})$/.exec(String(code || "").trim());
    if (!m) return null;
    var data = b64(m[1]);
    var h = hex(data.subarray(0, 16));
    return { id: h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20), version: new DataView(data.buffer, 16, 4).getUint32(0), body: m[1], signature: m[2] };
  }
  /** The registration and version a ticket names, when its signature is right (or cannot be checked here). */
  function readTicket(code) {
    var ticket = parseTicket(code);
    if (!ticket) return Promise.resolve(null);
    var m = [null, ticket.body, ticket.signature];
    return publicKey().then(function (key) {
      // Where the browser cannot verify Ed25519, the list still holds only real ids and versions.
      if (!key) return ticket;
      return crypto.subtle.verify({ name: "Ed25519" }, key, b64(m[2]), new TextEncoder().encode("SV1." + m[1])).then(function (good) { return good ? ticket : null; });
    });
  }
  function decideLocally(scan) {
    var find = function (id) { return state.pkg.registrations.find(function (r) { return r.id === id; }); };
    var ticket = scan.registrationId ? Promise.resolve({ id: scan.registrationId, version: null }) : readTicket(scan.code || "");
    return ticket.then(function (t) {
      if (!t) return { result: "invalid" };
      var r = find(t.id);
      if (!r) return { result: "unknown" };
      if (r.status === "cancelled" || r.status === "declined") return { result: "cancelled", name: r.name };
      if (r.status !== "confirmed") return { result: "not_confirmed", name: r.name };
      if (listAttendance && r.attendance !== listAttendance) return { result: "wrong_attendance", name: r.name, attendance: r.attendance };
      if (r.inSession === false) return { result: "not_in_session", name: r.name };
      if (t.version !== null && t.version !== r.version) return { result: "revoked", name: r.name };
      var earlier = state.local[r.id] || r.checkedInAt;
      if (earlier && !reentry) return { result: "already", name: r.name, at: earlier };
      return { result: "ok", name: r.name, organisationName: r.organisation, id: r.id };
    });
  }

  function post(url, fields) {
    var body = new URLSearchParams();
    body.set("_csrf", csrf);
    Object.keys(fields).forEach(function (k) { if (fields[k] != null) body.set(k, fields[k]); });
    return fetch(url, { method: "POST", credentials: "same-origin", headers: { Accept: "application/json" }, body: body }).then(function (res) {
      if (!res.ok && res.status >= 500) throw new Error("server " + res.status);
      return res.json();
    });
  }

  function scan(s) {
    var done = function () {
      if (codeInput) {
        codeInput.value = "";
        codeInput.focus();
      }
      var hidden = codeForm && codeForm.querySelector("input[name=nonce]");
      if (hidden) hidden.value = nonce();
      showStatus();
    };
    var offlineScan = function () {
      if (!state.pkg) {
        show({ result: "invalid" }, texts["checkin.offline.failed"]);
        return done();
      }
      return decideLocally(s).then(function (a) {
        if (a.result === "unknown") {
          show({ result: "invalid" }, texts["checkin.offline.unknown"]);
        } else {
          if (a.result === "ok") {
            var at = new Date().toISOString();
            state.queue.push({ code: s.code || undefined, registrationId: s.code ? undefined : s.registrationId, nonce: s.nonce, at: at });
            state.local[a.id] = at;
            save();
          }
          show(a, texts["checkin.offline.madeOffline"]);
        }
        done();
      });
    };
    if (offline) return offlineScan();
    return post(action, { nonce: s.nonce, code: s.code, registrationId: s.registrationId })
      .then(function (a) {
        // Remembered here too, so that the same ticket is refused if the network goes next.
        var id = s.registrationId || (parseTicket(s.code) || {}).id;
        if (a.result === "ok" && id && !reentry) {
          state.local[id] = a.at;
          save();
        }
        show(a);
        done();
        if (window.samverkaRefreshCounts) window.samverkaRefreshCounts();
      })
      .catch(function () {
        goOffline();
        return offlineScan();
      });
  }

  // ── Going offline and coming back ────────────────────────────────────────
  function fetchList() {
    return fetch(action + "/offline.json", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.json(); })
      .then(function (pkg) {
        state.pkg = pkg;
        keyPromise = null;
        state.local = {};
        // What is still queued stays checked in here until the server has it.
        state.queue.forEach(function (q) { if (q.registrationId) state.local[q.registrationId] = q.at; });
        save();
        showStatus();
      })
      .catch(function () {
        if (!state.pkg) statusLine.textContent = texts["checkin.offline.failed"];
      });
  }
  var uploading = false;
  function upload() {
    if (uploading || offline || !state.queue.length) return Promise.resolve();
    uploading = true;
    var sending = state.queue.slice();
    return post(action + "/offline", { scans: JSON.stringify(sending) })
      .then(function (answer) {
        var sent = {};
        sending.forEach(function (q) { sent[q.nonce] = true; });
        state.queue = state.queue.filter(function (q) { return !sent[q.nonce]; });
        save();
        var notes = (answer.data || []).filter(function (a) { return a.result !== "ok"; }).map(answerText);
        notes.unshift(fill(texts["checkin.offline.sent"], { count: sending.length }));
        notice = notes.join(" ");
        showStatus();
        return fetchList();
      })
      .catch(function () { /* still offline: kept for the next try */ })
      .then(function () { uploading = false; });
  }
  function goOffline() {
    offline = true;
    showStatus();
  }
  window.addEventListener("offline", goOffline);
  window.addEventListener("online", function () {
    offline = false;
    showStatus();
    upload();
  });
  setInterval(function () {
    if (offline && navigator.onLine) {
      offline = false;
      showStatus();
    }
    if (state.queue.length) upload();
    else if (!offline) fetchList();
  }, 30000);

  // ── The forms: the code field, and the search results' one-press buttons ─
  if (codeForm) {
    codeForm.addEventListener("submit", function (e) {
      e.preventDefault();
      var code = (codeInput.value || "").trim();
      if (!code) return;
      scan({ code: code, nonce: codeForm.querySelector("input[name=nonce]").value || nonce() });
    });
  }
  document.querySelectorAll("form input[name=registrationId]").forEach(function (input) {
    var form = input.form;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var button = form.querySelector("button");
      if (button) button.disabled = true;
      scan({ registrationId: input.value, nonce: form.querySelector("input[name=nonce]").value });
    });
  });

  // ── The camera ───────────────────────────────────────────────────────────
  var camera = document.getElementById("checkin-camera");
  var toggle = document.getElementById("camera-toggle");
  var video = document.getElementById("camera-video");
  if (camera && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    camera.hidden = false;
    var stream = null;
    var last = { code: "", at: 0 };
    var canvas = document.createElement("canvas");
    var detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    var stop = function () {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      video.hidden = true;
      toggle.textContent = toggle.getAttribute("data-start");
    };
    var found = function (code) {
      if (!code) return;
      var now = Date.now();
      // The same ticket held in front of the camera is one scan, not one per frame.
      if (code === last.code && now - last.at < 4000) return;
      last = { code: code, at: now };
      scan({ code: code, nonce: nonce() });
    };
    var look = function () {
      if (!stream) return;
      var next = function () { setTimeout(look, 150); };
      if (video.readyState < 2) return next();
      if (detector) {
        detector.detect(video).then(function (codes) { if (codes[0]) found(codes[0].rawValue); }).catch(function () {}).then(next);
        return;
      }
      if (window.jsQR) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        var g = canvas.getContext("2d", { willReadFrequently: true });
        g.drawImage(video, 0, 0);
        var img = g.getImageData(0, 0, canvas.width, canvas.height);
        var qr = window.jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
        if (qr) found(qr.data);
      }
      next();
    };
    toggle.addEventListener("click", function () {
      if (stream) return stop();
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (s) {
          stream = s;
          video.srcObject = s;
          video.hidden = false;
          toggle.textContent = toggle.getAttribute("data-stop");
          statusLine.textContent = texts["checkin.camera.looking"];
          return video.play();
        })
        .then(look)
        .catch(function () {
          stop();
          statusLine.textContent = texts["checkin.camera.denied"];
        });
    });
  }

  // Keep the page itself for a reload without a connection.
  if (navigator.serviceWorker) navigator.serviceWorker.register("/arrangor/incheckning-sw.js", { scope: "/arrangor/evenemang/" }).catch(function () {});

  showStatus();
  upload().then(fetchList);
})();
