// The reader's language and theme, applied before the first paint of a baked page (loaded as a
// blocking script from its <head>; see ARCHITECTURE.md, "Baked pages"). It picks them exactly as
// the app will (src/i18n.rs): the URL's `lang`/`theme`, then the saved choice, then the
// browser's language and colour scheme. The stylesheet shows the baked copy in that language;
// the dark theme's tokens apply at once. The app takes over from here.
(() => {
  const root = document.documentElement;
  const params = new URLSearchParams(location.search);
  const saved = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null; // storage blocked (sandboxed iframe, privacy settings)
    }
  };
  const lang = [params.get("lang"), saved("atlas.lang"), navigator.language]
    .map((code) => (code ?? "").trim().split(/[-_]/)[0].toLowerCase())
    .find((code) => code === "fr" || code === "en") ?? "fr";
  root.lang = lang;
  root.dataset.lang = lang;
  // The copy's own title, once the body that holds it is parsed (the tab title is not painted).
  document.addEventListener("DOMContentLoaded", () => {
    const copy = document.querySelector(`#baked [data-baked-lang="${lang}"]`);
    if (copy?.dataset.title) document.title = copy.dataset.title;
  });

  const chosen = [params.get("theme"), saved("atlas.theme")].find((t) => t === "light" || t === "dark" || t === "auto") ?? "auto";
  const dark = chosen === "dark" || (chosen === "auto" && matchMedia("(prefers-color-scheme: dark)").matches);
  root.dataset.theme = dark ? "dark" : "light";
})();
