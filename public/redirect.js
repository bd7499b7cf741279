// Loaded by 404.html. Static hosts without rewrite rules (GitHub Pages, a plain bucket) answer a
// deep link such as /atlas/region/28 with 404.html; send the reader to the app at the mount point
// with the path in `?p=`, which boot.js puts back into the address bar before the app starts.
//
// The mount point is the folder this script was loaded from (404.html refers to it as
// "./redirect.js", or with the absolute --public-url the build was given).
(function () {
  var script = document.currentScript;
  if (!script || !script.src) return;
  var appRoot = new URL("./", script.src);
  var here = location.pathname;
  // Not under the app, or already redirected once (index.html missing?): stay on this page.
  if (here.indexOf(appRoot.pathname) !== 0 || new URLSearchParams(location.search).has("p")) return;
  var rest = "/" + here.slice(appRoot.pathname.length);
  location.replace(appRoot.pathname + "?p=" + encodeURIComponent(rest + location.search) + location.hash);
})();
