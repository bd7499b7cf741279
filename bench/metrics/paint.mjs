// 7. The atlas beside a peer page (--peer DIR): the same signal measured the same way on both,
// so the ratio means something. Neither page's own marks are used.
//
// "Map painted" = the first time an <svg> holding at least N filled <path>s is in the document
// and a frame has been painted after it: a MutationObserver sees the paths, then
// requestAnimationFrame (the frame that paints them is being produced), then a MessageChannel
// task (it runs after that frame). N is the number of regions the page draws.
// "Bytes until map painted" = the encoded (compressed, as sent) bodies of every response that
// ended before that moment, document included, from the page's Resource Timing.
//
// Loads alternate (atlas, peer, atlas, peer…) at each CPU slowdown, each in a fresh context, so
// a change in the machine's load weighs on both alike.

import { openPage } from "../lib/browser.mjs";
import { median, round1 } from "../lib/stats.mjs";

/** Runs in the page before its scripts: watches for the map and records when it is painted. */
function paintWatcher({ minPaths }) {
  const state = (window.__benchPaint = { painted: null, seen: null, paths: 0 });
  const filled = (p) => {
    const fill = p.getAttribute("fill") ?? p.style.fill;
    return fill !== null && fill !== "" && fill !== "none" && fill !== "transparent";
  };
  const check = () => {
    if (state.seen !== null) return;
    for (const svg of document.getElementsByTagName("svg")) {
      let n = 0;
      for (const p of svg.getElementsByTagName("path")) if (filled(p)) n++;
      if (n < minPaths) continue;
      state.seen = performance.now();
      state.paths = n;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (state.painted = performance.now());
        channel.port2.postMessage(null);
      });
      return;
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["fill", "style"] });
}

/** Bytes of the responses that ended by `t` (ms since navigation start), from Resource Timing. */
export function bytesUntil(t) {
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].filter((e) => e.responseEnd <= t);
  const sum = (k) => entries.reduce((n, e) => n + (e[k] ?? 0), 0);
  return { encoded: sum("encodedBodySize"), decoded: sum("decodedBodySize"), transfer: sum("transferSize"), requests: entries.length };
}

/** One cold load of `url`; resolves to { painted, seen, paths, bytes } (ms, bytes). */
export async function paintOnce(browser, url, { throttle = 1, network = null, minPaths, timeout = 30_000 }) {
  const { page, close, errors } = await openPage(browser, { throttle, network });
  try {
    await page.addInitScript(paintWatcher, { minPaths });
    await page.goto(url, { waitUntil: "commit" });
    const handle = await page.waitForFunction(() => window.__benchPaint?.painted ?? false, null, { timeout, polling: 50 }).catch(() => null);
    if (!handle) {
      const seen = await page.evaluate(() => window.__benchPaint).catch(() => null);
      throw new Error(`no <svg> with ${minPaths} filled paths painted within ${timeout / 1000} s (${JSON.stringify(seen)}; ${errors[0] ?? "no page error"})`);
    }
    const state = await page.evaluate(() => window.__benchPaint);
    const bytes = await page.evaluate(bytesUntil, state.painted);
    return { painted: round1(state.painted), seen: round1(state.seen), paths: state.paths, bytes };
  } finally {
    await close();
  }
}

/**
 * `runs` interleaved cold loads of each target at each slowdown.
 * @param {{name: string, url: string, minPaths: number}[]} targets the atlas first
 * @returns {{ targets: {name, url, minPaths, byThrottle: {[t]: {runs, median: {painted, bytes}}}}[],
 *             ratios: {bytes, painted1x, painted4x} }}
 */
export async function comparePaint(browser, targets, { runs = 5, throttles = [1, 4], network = null, log = () => {} } = {}) {
  const out = targets.map((t) => ({ ...t, byThrottle: {} }));
  for (const throttle of throttles) {
    for (const t of out) t.byThrottle[throttle] = { runs: [] };
    for (let i = 0; i < runs; i++) {
      for (const t of out) {
        try {
          const r = await paintOnce(browser, t.url, { throttle, network, minPaths: t.minPaths });
          t.byThrottle[throttle].runs.push(r);
          log(`      ${t.name} ${i + 1}/${runs} at ${throttle}×${network ? ` + ${network.name}` : ""}: map painted ${r.painted} ms, ${(r.bytes.encoded / 1000).toFixed(1)} kB encoded (${r.paths} paths)`);
        } catch (error) {
          t.byThrottle[throttle].runs.push({ error: String(error.message ?? error).split("\n")[0] });
          log(`      ${t.name} ${i + 1}/${runs} at ${throttle}×: failed: ${t.byThrottle[throttle].runs.at(-1).error}`);
        }
      }
    }
    for (const t of out) {
      const ok = t.byThrottle[throttle].runs.filter((r) => !r.error);
      t.byThrottle[throttle].succeeded = ok.length;
      t.byThrottle[throttle].median = ok.length
        ? { painted: round1(median(ok.map((r) => r.painted))), bytes: median(ok.map((r) => r.bytes.encoded)), requests: median(ok.map((r) => r.bytes.requests)) }
        : null;
    }
  }
  const [a, b] = out;
  const ratio = (x, y) => (x != null && y ? Math.round((x / y) * 100) / 100 : null);
  const m = (t, throttle, k) => t?.byThrottle[throttle]?.median?.[k] ?? null;
  return {
    targets: out,
    ratios: {
      bytes: ratio(m(a, throttles[0], "bytes"), m(b, throttles[0], "bytes")),
      painted1x: ratio(m(a, 1, "painted"), m(b, 1, "painted")),
      painted4x: ratio(m(a, 4, "painted"), m(b, 4, "painted")),
    },
  };
}
