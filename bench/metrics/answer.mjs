// "Map answers a hover": #18's interactive map, measured as a reader meets it. From the start of
// the load, a region of the map under a point where it is the topmost element is sent a mouse
// `pointerover` every 25 ms, and the time is the first moment a `[data-testid=map-tooltip]` (or
// the baked map's `.tooltip[data-island]`) is in the document. Whatever answers counts: the baked
// map's first answers (island/) or the app.
// "Bytes until the map answers" = the encoded bodies of every response that ended by then
// (Resource Timing, document included): #18's first-visit budget, "until the map answers a
// hover". Interleaved with the peer page's "map painted" (paint.mjs), as in section 7.

import { openPage } from "../lib/browser.mjs";
import { median, round1 } from "../lib/stats.mjs";
import { bytesUntil, paintOnce } from "./paint.mjs";

/** Runs in the page before its scripts: pokes the map until a tooltip shows. */
function hoverWatcher() {
  const state = (window.__benchAnswer = { answered: null, by: null, pokes: 0 });
  // The app's tooltip, or the baked map's (which has no test id, like all baked content).
  const tooltip = () => document.querySelector('[data-testid="map-tooltip"], #baked .tooltip[data-island]');
  const observer = new MutationObserver(() => {
    const tip = tooltip();
    if (state.answered !== null || !tip) return;
    state.answered = performance.now();
    state.by = tip.hasAttribute("data-island") ? "island" : "app";
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true });
  const poke = () => {
    if (state.answered !== null) return;
    for (const shape of document.querySelectorAll("path.region-shape")) {
      const r = shape.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) continue;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (document.elementFromPoint(x, y) !== shape) continue;
      state.pokes++;
      shape.dispatchEvent(new PointerEvent("pointerover", { bubbles: true, composed: true, clientX: x, clientY: y, pointerType: "mouse", isPrimary: true }));
      break;
    }
    setTimeout(poke, 25);
  };
  poke();
}

/** One cold load of `url`; resolves to { answered, by, pokes, bytes } (ms, bytes). */
export async function answerOnce(browser, url, { throttle = 1, network = null, timeout = 30_000 } = {}) {
  const { page, close, errors } = await openPage(browser, { throttle, network });
  try {
    await page.addInitScript(hoverWatcher);
    await page.goto(url, { waitUntil: "commit" });
    const handle = await page.waitForFunction(() => window.__benchAnswer?.answered ?? false, null, { timeout, polling: 50 }).catch(() => null);
    if (!handle) {
      const seen = await page.evaluate(() => window.__benchAnswer).catch(() => null);
      throw new Error(`no map tooltip within ${timeout / 1000} s (${JSON.stringify(seen)}; ${errors[0] ?? "no page error"})`);
    }
    const state = await page.evaluate(() => window.__benchAnswer);
    const bytes = await page.evaluate(bytesUntil, state.answered);
    return { answered: round1(state.answered), by: state.by, pokes: state.pokes, bytes };
  } finally {
    await close();
  }
}

/**
 * `runs` interleaved cold loads: the atlas until its map answers a hover, the peer until its map
 * is painted. Resolves to { atlas: {runs, median}, peer: {runs, median}, ratio }.
 */
export async function compareAnswer(browser, atlasUrl, peer, { runs = 5, throttle = 4, network = null, log = () => {} } = {}) {
  const atlas = { runs: [] };
  const other = { runs: [] };
  const how = `${throttle}×${network ? ` + ${network.name}` : ""}`;
  for (let i = 0; i < runs; i++) {
    try {
      const r = await answerOnce(browser, atlasUrl, { throttle, network });
      atlas.runs.push(r);
      log(`      atlas ${i + 1}/${runs} at ${how}: map answered ${r.answered} ms (${r.by}), ${(r.bytes.encoded / 1000).toFixed(1)} kB encoded`);
    } catch (error) {
      atlas.runs.push({ error: String(error.message ?? error).split("\n")[0] });
      log(`      atlas ${i + 1}/${runs} at ${how}: failed: ${atlas.runs.at(-1).error}`);
    }
    try {
      const r = await paintOnce(browser, peer.url, { throttle, network, minPaths: peer.minPaths });
      other.runs.push(r);
      log(`      peer ${i + 1}/${runs} at ${how}: map painted ${r.painted} ms`);
    } catch (error) {
      other.runs.push({ error: String(error.message ?? error).split("\n")[0] });
      log(`      peer ${i + 1}/${runs} at ${how}: failed: ${other.runs.at(-1).error}`);
    }
  }
  const ok = (t) => t.runs.filter((r) => !r.error);
  atlas.median = ok(atlas).length
    ? { answered: round1(median(ok(atlas).map((r) => r.answered))), bytes: median(ok(atlas).map((r) => r.bytes.encoded)), by: ok(atlas).map((r) => r.by) }
    : null;
  other.median = ok(other).length ? { painted: round1(median(ok(other).map((r) => r.painted))) } : null;
  const a = atlas.median?.answered;
  const b = other.median?.painted;
  return { atlas, peer: other, ratio: a != null && b ? Math.round((a / b) * 100) / 100 : null };
}
