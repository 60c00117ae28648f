// Service worker of the to-do client. The generator replaces the two
// placeholders: the version is a hash of the site's content, so a new build
// installs a new worker and the page offers a reload.
const cacheName = "app-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

// The worker does not claim pages that opened without one: go-app's app.js
// takes a worker that activates under a controlled page as a new version, so
// a claim on the first visit would offer a needless reload. Pages that an
// older worker controls move to this one through skipWaiting.
// NOTE: a page of the old version that is still loading app.wasm from the
// old cache when it is deleted may fail to start. This was seen once, when
// the site was regenerated in place under a running browser.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key !== cacheName).map((key) => caches.delete(key)))
      )
  );
});

// The shell comes from the cache first. API calls and other origins are left
// to the network, so the page gets their real result, offline included.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  event.respondWith(fromCache(request));
});

async function fromCache(request) {
  const cached = await caches.match(request);
  if (cached) {
    return cached;
  }
  if (request.mode !== "navigate") {
    return fetch(request);
  }
  // A page the cache does not hold: try the network, and fall back to the
  // shell so that an offline visit still opens the app.
  try {
    return await fetch(request);
  } catch (err) {
    const shell = await caches.match("/");
    if (shell) {
      return shell;
    }
    throw err;
  }
}
