// 6. Memory over many route changes: JS heap (CDP Performance.getMetrics JSHeapUsedSize) and the
// wasm linear memory (captured WebAssembly.Memory, see lib/browser.mjs), each read after a forced
// GC (HeapProfiler.collectGarbage). Readings are taken only on the map page, so they compare the
// same view; the first cycle is a warm-up (first visits fill one-time caches), then `changes`
// more route changes are made, and the budget is judged from the warm reading to the last.
//
// Note: wasm memory never shrinks; its size is the high-water mark of the Rust allocator. Growth
// there means the allocator needed more room at some point, i.e. a leak or a larger peak.

import { openPage, settle, waitForMapVisible } from "../lib/browser.mjs";
import { wasmMemoryBytes } from "../lib/in-page.mjs";
import { navigate, REGION_LINK } from "./interaction.mjs";

// Six changes per cycle, covering /, /region/28, /compare, /funding and /sources with link clicks
// and history.back(); after 2 and 6 changes the page is the map again.
const CYCLE = [
  { click: REGION_LINK("28") }, // → /region/28
  { back: true }, // → /
  { click: '[data-testid="nav-compare"]' },
  { click: '[data-testid="nav-funding"]' },
  { click: '[data-testid="nav-sources"]' },
  { click: '[data-testid="nav-map"]' },
];

/** Route changes of the warm-up: one cycle, back on the map page. */
export const WARM_UP_CHANGES = 6;

/** Change counts at which to read memory; all land on the map page (count % 6 is 0 or 2). */
function checkpoints(total) {
  const points = new Set([0, WARM_UP_CHANGES]);
  for (let k = 100; k < total; k += 100) points.add(k - (k % 6)); // 96, 198, 300, 396…
  points.add(total % 6 === 0 || total % 6 === 2 ? total : total - (total % 6));
  return [...points].filter((p) => p <= total).sort((a, b) => a - b);
}

async function reading(page, cdp, changes) {
  // Twice: the first collection can leave objects that only a second one frees (finalizers).
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const usage = await cdp.send("Runtime.getHeapUsage").catch(() => null);
  return {
    changes,
    route: await page.evaluate(() => location.pathname),
    jsHeapUsed: m.JSHeapUsedSize ?? null,
    jsHeapTotal: m.JSHeapTotalSize ?? null,
    runtimeHeapUsed: usage?.usedSize ?? null,
    wasmMemory: await page.evaluate(wasmMemoryBytes),
    domNodes: m.Nodes ?? null,
    listeners: m.JSEventListeners ?? null,
  };
}

/** Memory after load, after the warm-up, and after `changes` more route changes. */
export async function measureMemory(browser, url, { changes = 500, log = () => {} } = {}) {
  const { page, cdp, close } = await openPage(browser, { captureWasm: true });
  try {
    await cdp.send("Performance.enable");
    await page.goto(url);
    await waitForMapVisible(page);
    await settle(page, 300);
    // The total lands on the map page (a multiple of the cycle, or 2 past one).
    let total = WARM_UP_CHANGES + changes;
    if (total % CYCLE.length !== 0 && total % CYCLE.length !== 2) total += CYCLE.length - (total % CYCLE.length);
    const points = checkpoints(total);
    const readings = [await reading(page, cdp, 0)];
    if (readings[0].wasmMemory == null) log("      note: the wasm memory was not captured (instantiate wrapper saw no memory export)");
    let error = null;
    for (let done = 0; done < total; ) {
      const r = await navigate(page, CYCLE[done % CYCLE.length]);
      if (r.error) {
        error = `after ${done} route changes: ${r.error}`;
        // Without a single change measured there is nothing to report.
        if (readings.length < 2) throw new Error(error);
        break;
      }
      done++;
      if (points.includes(done)) {
        await settle(page, 100);
        readings.push(await reading(page, cdp, done));
        log(`      ${done} changes: JS heap ${(readings.at(-1).jsHeapUsed / 1e6).toFixed(2)} MB, wasm ${(readings.at(-1).wasmMemory / 1e6).toFixed(2)} MB`);
      }
    }
    const load = readings[0];
    const warm = readings.find((r) => r.changes === WARM_UP_CHANGES) ?? load;
    const last = readings.at(-1);
    const diff = (k, from) => (last[k] != null && from[k] != null ? last[k] - from[k] : null);
    return {
      changes: last.changes,
      readings,
      error,
      afterLoad: load,
      afterWarmUp: warm,
      last,
      growthSinceLoad: { jsHeapUsed: diff("jsHeapUsed", load), wasmMemory: diff("wasmMemory", load), domNodes: diff("domNodes", load), listeners: diff("listeners", load) },
      growthSinceWarmUp: { jsHeapUsed: diff("jsHeapUsed", warm), wasmMemory: diff("wasmMemory", warm), domNodes: diff("domNodes", warm), listeners: diff("listeners", warm) },
    };
  } finally {
    await close();
  }
}
