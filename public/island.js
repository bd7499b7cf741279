// Starts the baked map's first answers (island/, atlas-island.js) while the page is still being
// parsed: the baker (core/src/pages.rs, `assemble`) adds it as an async module to the head of
// every page with a baked map, so the map answers without waiting for the rest of the document,
// for boot.js or for the app. Never fails: without it the map waits for the app.
//
// The island's code is asked for once the frame that shows the baked map has been painted: the
// page's own bytes and work come first (on a slow network the glue and wasm would otherwise share
// the bandwidth with the stylesheet the first paint waits for). The glue is imported dynamically
// so that its failure is caught below like any other (a static import would fail the whole
// module before this code runs).
try {
  await bakedMapPainted();
  const glue = import("./atlas-island.js");
  const wasm = fetch(new URL("atlas-island_bg.wasm", import.meta.url));
  // Either may fail while the other is awaited: neither may count as an unhandled rejection.
  glue.catch(() => {});
  wasm.catch(() => {});
  const { default: init } = await glue;
  await init({ module_or_path: wasm });
} catch (error) {
  console.warn("The baked map answers only once the atlas has started:", error);
}

// Resolves in the task after the frame that paints the reader's copy of the baked map: its
// tooltips (`<template data-map-tips>`) follow the map's drawing in the document, so once they
// are parsed the drawing is too. A page opened in the background paints no frame: it starts at
// once.
function bakedMapPainted() {
  const parsed = () => {
    // prefs.js, which picks the copy, may run after this module has started.
    const lang = document.documentElement.dataset.lang;
    const copy = lang ? `#baked [data-baked-lang="${lang}"]` : "#baked";
    return document.readyState !== "loading" || document.querySelector(`${copy} template[data-map-tips]`) !== null;
  };
  return new Promise((resolve) => {
    if (document.hidden) return resolve();
    document.addEventListener("visibilitychange", resolve, { once: true });
    // Run before a frame is produced: what is parsed by then is in that frame, painted before
    // the next task.
    const beforeFrame = () => (parsed() ? setTimeout(resolve, 0) : requestAnimationFrame(beforeFrame));
    requestAnimationFrame(beforeFrame);
    // Frames held back although the page is not hidden (an embed out of view in a partner's
    // page, on another origin): start a second after the parse rather than when scrolled to.
    const afterParse = () => setTimeout(resolve, 1000);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afterParse, { once: true });
    else afterParse();
  });
}
