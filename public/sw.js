// Health Regions Atlas — service worker: the app keeps working offline after one visit.
//
// Strategy, and why:
// - App files (index.html, boot.js, the hashed .js/.wasm/.css, icons): precached at install, one
//   cache per release, served cache-first. A release is atomic: the new worker waits until the
//   reader accepts the update (banner from boot.js), so app files of two releases never mix.
// - Page navigations (any route, deep links included): network first, then the route's cached
//   baked page (or index.html for a route the release did not bake), so every route opens
//   offline.
// - The dataset is NOT answered from this worker's caches: the app fetches it itself, validates
//   it, keeps the last good copy in the Cache API and says when it shows that copy ("Offline —
//   data from …"). Serving it here would hide staleness from the reader.
//
// The build (scripts/trunk-post-build.sh) replaces the two placeholders below.
const VERSION = "__ATLAS_VERSION__";
const PRECACHE = ["__ATLAS_PRECACHE__"];
const APP_CACHE = `atlas-app-${VERSION}`;
const scopeUrl = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(APP_CACHE).then((cache) => cache.addAll(PRECACHE.map((p) => new URL(p, scopeUrl).href))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith("atlas-app-") && n !== APP_CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "atlas-skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scopeUrl.origin || !url.pathname.startsWith(scopeUrl.pathname)) return;
  if (url.pathname.startsWith(new URL("data/", scopeUrl).pathname)) return;
  if (request.mode === "navigate") {
    event.respondWith(navigation(request));
    return;
  }
  event.respondWith(cacheFirst(request));
});

async function navigation(request) {
  try {
    const response = await fetch(request);
    // A host without rewrites answers deep links with 404.html: the cached app is better.
    if (response.ok) return response;
    const cached = await cachedIndex(request);
    return cached || response;
  } catch (error) {
    const cached = await cachedIndex(request);
    if (cached) return cached;
    throw error;
  }
}

// The route's own baked page when the release has one (region/28/index.html), else the app's
// index.html, which boot.js clears of its baked map before the app draws the route. A baked page
// is written for its folder's address (its links are relative to region/28/), so a request
// without the slash is sent there first, as a static host does.
async function cachedIndex(request) {
  const cache = await caches.open(APP_CACHE);
  const url = new URL(request.url);
  const route = url.pathname.slice(scopeUrl.pathname.length).replace(/\/+$/, "");
  if (route && (await cache.match(new URL(`${route}/index.html`, scopeUrl).href))) {
    if (!url.pathname.endsWith("/")) {
      url.pathname += "/";
      return Response.redirect(url.href, 302);
    }
    return cache.match(new URL(`${route}/index.html`, scopeUrl).href);
  }
  return (await cache.match(new URL("index.html", scopeUrl).href)) || (await cache.match(scopeUrl.href));
}

async function cacheFirst(request) {
  const cache = await caches.open(APP_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (!cached) return (await redirectFromDeepLink(cache, request)) || fetch(request);
  if (cached.url === request.url) return cached;
  // boot.js is loaded as boot.js?js=…&wasm=…: a fresh Response takes the request's URL, so
  // import.meta.url keeps the query the loader reads.
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers: cached.headers });
}

// index.html refers to its files as "./boot.js": opened at a deep link (/atlas/region/28) the
// browser asks for /atlas/region/boot.js. Redirect to the app file of the same name, so that
// boot.js also learns the right base from its own URL.
async function redirectFromDeepLink(cache, request) {
  const url = new URL(request.url);
  const file = PRECACHE.find((p) => p !== "./" && url.pathname.endsWith(p.slice(1)));
  if (!file) return undefined;
  const target = new URL(file, scopeUrl);
  if (target.pathname === url.pathname || !(await cache.match(target.href))) return undefined;
  target.search = url.search;
  return Response.redirect(target.href, 302);
}
