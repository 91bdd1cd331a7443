// Lets a check-in station's page open again without a connection (a reload, a phone that
// slept): the station page and its style and scripts are kept, and served from here only
// when the network does not answer. Nothing else is cached; the list itself is kept by
// the page (checkin.js), and search results are never kept.
var CACHE = "samverka-checkin-v1";
var STATION = /^\/arrangor\/evenemang\/[0-9a-f-]{36}\/incheckning\/[0-9a-f-]{36}$/;
var ASSETS = ["/assets/ds.css", "/assets/app.css", "/assets/app.js", "/assets/checkin.js", "/assets/jsqr.js"];

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(ASSETS); }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (e) {
  e.waitUntil(self.clients.claim());
});
self.addEventListener("fetch", function (e) {
  var url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== self.location.origin) return;
  var station = STATION.test(url.pathname) && !url.search;
  if (!station && ASSETS.indexOf(url.pathname) < 0) return;
  e.respondWith(
    fetch(e.request)
      .then(function (res) {
        if (res.ok) {
          var copy = res.clone();
          caches.open(CACHE).then(function (c) { c.put(e.request, copy); });
        }
        return res;
      })
      .catch(function () {
        return caches.match(e.request).then(function (hit) { return hit || Response.error(); });
      }),
  );
});
