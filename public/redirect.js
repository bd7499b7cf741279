// Loaded by 404.html. Static hosts without rewrite rules (GitHub Pages, a plain bucket) answer a
// deep link such as /atlas/region/28 with 404.html; this sends the reader to the app at its base
// with the path in `?p=`, which boot.js puts back into the address bar before the app starts.
//
// Finding the base without knowing where the atlas is mounted (the build is relative):
// the 404 page is served at the deep path, so it cannot name this script by one relative URL.
// It names it twice, "./redirect.js" and "../redirect.js", and the build puts a copy of this file
// in every folder a route of the app passes through (region/, embed/, embed/chart/,
// embed/region/: scripts/trunk-post-build.sh, from the routes in src/app.rs). So from any route,
// with or without a trailing slash, one of the two names is a real file, and the file knows how
// many folders below the base it sits (DEPTH, stamped into each copy). The script that loads
// therefore knows the base exactly: its own folder, DEPTH levels up. Routes two or three folders
// deep find both names (no failed request); others miss one of them (one 404 in the console).
// A build with an absolute --public-url names only "<public-url>redirect.js" instead.
(function () {
  "use strict";
  // Folders between the app's base and this copy (0: the one at the base).
  const DEPTH = 0;
  const script = document.currentScript;
  // The first copy to run does the work; the second one, if both load, has nothing to add.
  if (!script || !script.src || window.__atlasRedirect) return;
  window.__atlasRedirect = true;
  const base = new URL("./" + "../".repeat(DEPTH), script.src);
  const here = location.pathname;
  if (here.indexOf(base.pathname) !== 0) return;
  // Already redirected once (the app's index.html is missing?): stay, with working links.
  if (new URLSearchParams(location.search).has("p")) {
    document.addEventListener("DOMContentLoaded", () => {
      for (const link of document.querySelectorAll("a[data-atlas-home]")) link.href = base.pathname;
    });
    return;
  }
  // The app's routes have no trailing slash: "/region/28/" is "/region/28".
  const rest = "/" + here.slice(base.pathname.length).replace(/\/+$/, "");
  location.replace(base.pathname + "?p=" + encodeURIComponent(rest + location.search) + location.hash);
})();
