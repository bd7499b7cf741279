// Starts the atlas. Loaded by index.html as
//   <script type="module" src="./boot.js?js=<app>.js&wasm=<app>_bg.wasm">
// (Trunk.toml `pattern_script`), instead of Trunk's inline loader, so that the
// Content-Security-Policy needs no 'unsafe-inline'.
//
// Every URL is resolved against this file's own URL, never against the page's: the page may be a
// deep link (/atlas/region/28) while the app's files sit at the mount point (/atlas/).

const here = new URL(import.meta.url);
const appRoot = new URL("./", here);

// The app's base path ("/" or "/atlas/…/"): the router and the dataset URL are built on it.
document.documentElement.dataset.base = appRoot.pathname;

pinHeadLinks();
restoreDeepLink();
dropTrailingSlash();
dropBakedContentOfAnotherRoute();
reportEmbedHeight();

const jsName = here.searchParams.get("js");
const wasmName = here.searchParams.get("wasm");

try {
  if (!jsName || !wasmName) throw new Error("boot.js: missing ?js= or ?wasm= (built without Trunk.toml?)");
  if (document.getElementById("baked")) await bakedPagePainted();
  const bindings = await import(new URL(jsName, appRoot).href);
  const wasm = await bindings.default({ module_or_path: new URL(wasmName, appRoot) });
  // The app mounts in the task after its start-up (src/lib.rs, `start`), queued before this
  // one: past it, the app shows its own loading state.
  await new Promise((resolve) => setTimeout(resolve, 0));
  document.getElementById("boot-status")?.remove();
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
  registerServiceWorker();
} catch (error) {
  showBootError();
  console.error("The atlas could not start:", error);
}

// The browser fetches icons and the manifest lazily, resolving their relative href against the
// page's URL at that moment: once the address shows a deep link (/atlas/region/28) that would be
// /atlas/region/icons/…. Make them absolute first: from the page's own folder on a baked page
// opened at its route (its links are written for its depth), from the app's folder otherwise.
function pinHeadLinks() {
  const baked = document.getElementById("baked");
  const own = baked !== null && baked.dataset.route === currentRoute();
  for (const link of document.querySelectorAll('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')) {
    const href = link.getAttribute("href");
    if (href && !/^[a-z][a-z0-9+.-]*:|^\//i.test(href)) link.href = own ? link.href : new URL(href, appRoot).href;
  }
  // The build does not know the site's address, so a baked page names itself relatively
  // ("./"); crawlers and link previews want an absolute canonical URL.
  const canonical = document.querySelector('link[rel="canonical"]');
  if (own && canonical && !/^[a-z][a-z0-9+.-]*:/i.test(canonical.getAttribute("href") ?? "")) canonical.href = canonical.href;
}

// The route the address names, as the router writes it ("/", "/region/28").
function currentRoute() {
  return "/" + location.pathname.slice(appRoot.pathname.length).replace(/\/+$/, "");
}

// A host that cannot serve index.html for every path sends deep links to the mount point as
// `?p=/region/28` (see public/redirect.js and README.md, "Deploying"). Put the path back into the
// address bar before the router reads it. Other query parameters are kept.
function restoreDeepLink() {
  const params = new URLSearchParams(location.search);
  const p = params.get("p");
  if (p === null) return;
  params.delete("p");
  // Only a path inside the app: no scheme, no host, no "//" or "\" tricks.
  const target = new URL(p.replace(/^[/\\]+/, ""), appRoot);
  if (target.origin !== location.origin || !target.pathname.startsWith(appRoot.pathname)) {
    history.replaceState(history.state, "", appRoot.pathname);
    return;
  }
  for (const [key, value] of params) target.searchParams.append(key, value);
  history.replaceState(history.state, "", target.pathname + target.search + location.hash);
}

// Baked pages are folders (region/28/index.html), so links to them end with "/": the router's
// routes do not. Same page, same history entry.
function dropTrailingSlash() {
  const path = location.pathname;
  if (path === appRoot.pathname || !path.endsWith("/")) return;
  pinRelativeLinks();
  history.replaceState(history.state, "", path.replace(/\/+$/, "") + location.search + location.hash);
}

// A baked page's links are relative to its folder ("../../compare/"): once the address loses
// its slash they would resolve one folder too high. Make them absolute first — the baked
// content's links, and the canonical link a crawler running scripts reads. Stylesheets and
// scripts are loaded already and left alone (setting their URL again would fetch them again).
function pinRelativeLinks() {
  const relative = (v) => v && !/^[a-z][a-z0-9+.-]*:|^[/#?]/i.test(v);
  // The baked tooltips' templates too (island/ clones them): their content is not in the page.
  const inTemplates = [...document.querySelectorAll("#baked template")].flatMap((t) => [...t.content.querySelectorAll("[href], [src]")]);
  for (const el of [...document.querySelectorAll('#baked [href], #baked [src], link[rel="canonical"]'), ...inTemplates]) {
    for (const name of ["href", "src"]) {
      const value = el.getAttribute(name);
      if (relative(value)) el.setAttribute(name, new URL(value, document.baseURI).href);
    }
  }
}

// A baked page shows the content of its own route until the app takes over. Reached for another
// route (the 404.html fallback for a region added after the build, or the cached index.html
// offline) it would show the wrong page meanwhile: show the app's own loading state instead.
function dropBakedContentOfAnotherRoute() {
  const baked = document.getElementById("baked");
  if (!baked) return;
  if (baked.dataset.route === currentRoute()) return;
  baked.remove();
  document.getElementById("app")?.removeAttribute("data-pending");
}

// In a partner's iframe, an embed route tells the parent page its height on every size change,
// so that public/embed.js fits the iframe to it: from the baked content on, before the wasm. The
// message carries nothing but the height; the height is not secret and the partner's origin is
// unknown here, hence "*".
function reportEmbedHeight() {
  if (window.parent === window) return;
  const route = location.pathname.slice(appRoot.pathname.length);
  if (!/^embed(\/|$)/.test(route)) return;
  const root = document.documentElement;
  const report = () => window.parent.postMessage({ type: "health-regions-atlas:height", height: Math.ceil(root.getBoundingClientRect().height) }, "*");
  report();
  new ResizeObserver(report).observe(root);
}

// Resolves in the task after the next frame: this module runs once the document is parsed, so
// that frame shows the whole baked page. The app's code is asked for after it, as the island's is
// (public/island.js): the page's own bytes and work come first. A page opened in the background
// paints no frame: it starts at once.
function bakedPagePainted() {
  return new Promise((resolve) => {
    if (document.hidden) return resolve();
    document.addEventListener("visibilitychange", resolve, { once: true });
    requestAnimationFrame(() => setTimeout(resolve, 0));
    // A frame held back although the page is not hidden (an embed out of view in a partner's
    // page, on another origin) would hold the app until it is scrolled to: not past a second.
    setTimeout(resolve, 1000);
  });
}

// Old browser, blocked WebAssembly, missing file: say so instead of a blank page.
function showBootError() {
  const box = document.getElementById("boot-status");
  if (!box) return;
  box.dataset.state = "error";
  box.setAttribute("role", "alert");
  const fr = document.createElement("p");
  fr.lang = "fr";
  fr.textContent = "L'atlas n'a pas pu démarrer. Rechargez la page ou essayez un navigateur récent.";
  const en = document.createElement("p");
  en.lang = "en";
  en.textContent = "The atlas could not start. Reload the page or try an up-to-date browser.";
  box.replaceChildren(fr, en);
}

// Offline support (public/sw.js). A new release waits until the reader accepts it, so the page
// never runs app files of two releases at once.
function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || document.documentElement.dataset.embed === "true") return;
  navigator.serviceWorker
    .register(new URL("sw.js", appRoot), { scope: appRoot.pathname })
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
        });
      });
      // Long-open pages (kiosks) look for a new release every hour.
      setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
    })
    .catch((error) => console.warn("Offline mode unavailable:", error));
}

function offerUpdate(worker) {
  if (document.getElementById("update-banner")) return;
  const french = document.documentElement.lang !== "en";
  const banner = document.createElement("div");
  banner.id = "update-banner";
  banner.className = "banner update-banner";
  banner.setAttribute("role", "status");
  banner.dataset.testid = "update-banner";
  const text = document.createElement("span");
  text.textContent = french ? "Une nouvelle version de l’atlas est disponible." : "A new version of the atlas is available.";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--primary";
  button.textContent = french ? "Recharger" : "Reload";
  button.addEventListener("click", () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    worker.postMessage({ type: "atlas-skip-waiting" });
  });
  banner.append(text, button);
  document.body.prepend(banner);
  document.documentElement.dataset.updateAvailable = "true";
}
