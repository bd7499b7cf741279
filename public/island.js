// Starts the baked map's first answers (island/, atlas-island.js) as soon as they arrive, while the
// page is still being parsed: the baker (core/src/pages.rs, `assemble`) adds it as an async module
// to the head of every page with a baked map, so the map answers without waiting for the rest of
// the document, for boot.js or for the app. Never fails: without it the map waits for the app.

// The glue and the wasm are both asked for at once; the island itself needs the baked content's
// element, which follows the head and is nearly always parsed by then. The glue is imported
// dynamically so that its failure is caught below like any other (a static import would fail the
// whole module before this code runs), and neither request may count as an unhandled rejection
// while the document is still being parsed.
const glue = import("./atlas-island.js");
const wasm = fetch(new URL("atlas-island_bg.wasm", import.meta.url));
glue.catch(() => {});
wasm.catch(() => {});
const bakedParsed =
  document.getElementById("baked") || document.readyState !== "loading"
    ? Promise.resolve()
    : new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));

try {
  await bakedParsed;
  const { default: init } = await glue;
  await init({ module_or_path: wasm });
} catch (error) {
  console.warn("The baked map answers only once the atlas has started:", error);
}
