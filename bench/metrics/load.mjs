// 2. and 4. Loading: time from navigation to the coloured map (the app's `atlas-map-visible`
// mark), FCP and LCP, and the app's own `atlas-parse` measure (parse + validate of the dataset).
// Each run uses a fresh browser context; the CPU slowdown is CDP Emulation.setCPUThrottlingRate.

import { openPage, settle, waitForMapVisible } from "../lib/browser.mjs";
import { median, round1 } from "../lib/stats.mjs";

/** One cold load; resolves to { mapVisible, fcp, lcp, lcpElement, parse, regions, errors }. */
export async function loadOnce(browser, url, { throttle = 1, network = null } = {}) {
  const { page, close, errors } = await openPage(browser, { throttle, network });
  try {
    await page.goto(url, { waitUntil: "commit" });
    const mapVisible = await waitForMapVisible(page);
    // LCP may still be updated by the first paints after the map; give it a moment.
    await settle(page, 250);
    const info = await page.evaluate(() => {
      const parse = performance.getEntriesByName("atlas-parse", "measure");
      return {
        fcp: window.__atlasBench?.fcp ?? null,
        lcp: window.__atlasBench?.lcp ?? null,
        lcpElement: window.__atlasBench?.lcpElement ?? null,
        parse: parse.length ? parse[parse.length - 1].duration : null,
        regions: document.querySelectorAll("path.region-shape[fill]:not([fill=''])").length,
      };
    });
    return { mapVisible: round1(mapVisible), ...info, fcp: round1(info.fcp), lcp: round1(info.lcp), parse: round1(info.parse), errors: errors.slice(0, 5) };
  } finally {
    await close();
  }
}

/**
 * `runs` cold loads; resolves to { runs: [...], median: { mapVisible, fcp, lcp, parse } }.
 * A failed run is kept with its error; medians use the runs that succeeded.
 */
export async function measureLoads(browser, url, { runs = 5, throttle = 1, network = null, log = () => {} } = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    try {
      const r = await loadOnce(browser, url, { throttle, network });
      results.push(r);
      log(`      run ${i + 1}/${runs} at ${throttle}×${network ? ` + ${network.name}` : ""}: map visible ${r.mapVisible} ms, parse ${r.parse} ms`);
    } catch (error) {
      results.push({ error: String(error.message ?? error).split("\n")[0] });
      log(`      run ${i + 1}/${runs} at ${throttle}×: failed: ${results.at(-1).error}`);
    }
  }
  const ok = results.filter((r) => !r.error);
  const med = (k) => round1(median(ok.map((r) => r[k])));
  if (!ok.length) throw new Error(results[0]?.error ?? "no run succeeded");
  return {
    throttle,
    runs: results,
    succeeded: ok.length,
    median: { mapVisible: med("mapVisible"), fcp: med("fcp"), lcp: med("lcp"), parse: med("parse") },
  };
}
