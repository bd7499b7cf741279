// Launching Chromium and opening measured pages.
//
// One browser process for the whole run, but a fresh context (profile: HTTP cache, Cache API,
// storage) for every measured load, so no run is warmed by the previous one.

import { chromium } from "playwright";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, HEADLESS_FLAG } from "../../tools/chromium.mjs";

/** The Chromium and its flags: one definition for the tests, the benchmark and Lighthouse. */
export const CHROMIUM = CHROMIUM_PATH;
export const FLAGS = [HEADLESS_FLAG, ...CHROMIUM_FLAGS];

/** A laptop-sized window: the map's geometry depends on the container width. */
export const VIEWPORT = { width: 1280, height: 900 };

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** Stands in for a browser that failed to launch: every page it is asked for fails with `why`. */
export function unavailableBrowser(why) {
  return {
    version: () => "n/a",
    newContext: async () => {
      throw new Error(why);
    },
    close: async () => {},
  };
}

/**
 * Runs in the page before any of its scripts (addInitScript). Records FCP and LCP with buffered
 * PerformanceObservers, and, when asked, captures the app's WebAssembly.Memory: wasm-bindgen keeps
 * it private, so instantiate/instantiateStreaming are wrapped to grab `exports.memory`.
 */
function initScript({ captureWasm }) {
  const bench = (window.__atlasBench = { fcp: null, lcp: null, lcpElement: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") bench.fcp = e.startTime;
    }).observe({ type: "paint", buffered: true });
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const last = entries[entries.length - 1];
      if (!last) return;
      bench.lcp = last.startTime;
      const el = last.element;
      bench.lcpElement = el ? `${el.tagName.toLowerCase()}${el.dataset?.testid ? `[data-testid=${el.dataset.testid}]` : ""}` : null;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  } catch {
    // An observer type this Chromium lacks: the metric is reported as n/a.
  }
  if (captureWasm) {
    const keep = (result) => {
      const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
      const memory = instance?.exports?.memory;
      if (memory instanceof WebAssembly.Memory) window.__atlasWasmMemory = memory;
      return result;
    };
    for (const name of ["instantiate", "instantiateStreaming"]) {
      const original = WebAssembly[name];
      if (typeof original !== "function") continue;
      WebAssembly[name] = function (...args) {
        return original.apply(this, args).then(keep);
      };
    }
  }
}

/**
 * A phone on a slow mobile network: Lighthouse's mobile preset (150 ms round trip, 1.6 Mbit/s
 * down, 750 kbit/s up), applied by Chromium to every request of the page.
 */
export const SLOW_4G = { name: "slow 4G", latencyMs: 150, downKbps: 1600, upKbps: 750 };

/**
 * A fresh context and page with the init script and a CDP session.
 * @param {{ throttle?: number, captureWasm?: boolean, network?: typeof SLOW_4G | null }} options
 *   throttle = CPU slowdown factor; network = emulated network (none: the local server's own)
 */
export async function openPage(browser, { throttle = 1, captureWasm = false, network = null } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "fr-FR", reducedMotion: "reduce" });
  await context.addInitScript(initScript, { captureWasm });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e.message ?? e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  if (throttle !== 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  if (network) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: network.latencyMs,
      downloadThroughput: (network.downKbps * 1000) / 8,
      uploadThroughput: (network.upKbps * 1000) / 8,
    });
  }
  return { context, page, cdp, errors, close: () => context.close() };
}

/**
 * Waits for the app's `atlas-map-visible` mark and returns its startTime (ms from navigation
 * start). Fails fast with the reason when the app shows its dataset error or boot error instead.
 */
export async function waitForMapVisible(page, timeout = 30_000) {
  const handle = await page.waitForFunction(
    () => {
      const mark = performance.getEntriesByName("atlas-map-visible")[0];
      if (mark) return { ok: true, t: mark.startTime };
      const problem = document.querySelector('[data-testid="dataset-error"]');
      if (problem) return { ok: false, why: "dataset error: " + problem.textContent.slice(0, 300) };
      if (document.getElementById("boot-status")?.dataset.state === "error") return { ok: false, why: "the app did not start (boot error)" };
      if (document.documentElement.dataset.panic === "true") return { ok: false, why: "the app panicked" };
      return false;
    },
    null,
    { timeout, polling: 50 },
  );
  const state = await handle.jsonValue();
  if (!state.ok) throw new Error(state.why);
  return state.t;
}

/** Lets the page settle: two animation frames and a short idle wait. */
export async function settle(page, ms = 100) {
  await page.evaluate(
    (ms) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, ms)))),
    ms,
  );
}
