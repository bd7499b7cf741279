// 3. and 5. Interaction on an already loaded map page: recolour (indicator switch), hover →
// tooltip, route changes, and frames per second while panning. All timing happens in the page
// (lib/in-page.mjs); Node only sequences the steps.

import { settle } from "../lib/browser.mjs";
import { hoverOnce, navigateOnce, panFor, recolourOnce } from "../lib/in-page.mjs";
import { percentile, round1, summary } from "../lib/stats.mjs";

const WARM_UP = 2;

/**
 * `count` indicator switches cycling through the picker's options (two in the sample, so they
 * alternate). The first WARM_UP switches are reported apart: they include one-time work.
 */
export async function measureRecolour(page, { count = 50 } = {}) {
  const options = await page.$$eval('[data-testid="indicator-picker"] option', (os) => os.map((o) => o.value));
  if (options.length < 2) throw new Error(`the indicator picker has ${options.length} option(s); need 2 to switch`);
  let current = await page.$eval('[data-testid="indicator-picker"]', (s) => s.value);
  const warm = [];
  const frame = [];
  const mutation = [];
  const errors = [];
  for (let i = 0; i < count + WARM_UP; i++) {
    const next = options[(options.indexOf(current) + 1) % options.length];
    const r = await page.evaluate(recolourOnce, next);
    current = next;
    if (r.error) errors.push(r.error);
    else if (i < WARM_UP) warm.push(round1(r.frame));
    else {
      frame.push(r.frame);
      mutation.push(r.mutation);
    }
    // Let the frame paint before the next switch, as a person would.
    await settle(page, 20);
  }
  if (!frame.length) throw new Error(errors[0] ?? "no switch measured");
  return { options, toNextFrame: summary(frame), toFillChange: summary(mutation), warmUp: warm, errors: errors.slice(0, 3), errorCount: errors.length };
}

/** `count` hovers over region shapes in turn, each until the tooltip is in the DOM. */
export async function measureHover(page, { count = 50 } = {}) {
  const appeared = [];
  const frame = [];
  const errors = [];
  for (let i = 0; i < count + WARM_UP; i++) {
    const r = await page.evaluate(hoverOnce, i);
    if (r.error) errors.push(r.error);
    else if (i >= WARM_UP) {
      appeared.push(r.appeared);
      frame.push(r.frame);
    }
    await settle(page, 10);
  }
  if (!appeared.length) throw new Error(errors[0] ?? "no hover measured");
  return { toTooltip: summary(appeared), toNextFrame: summary(frame), errors: errors.slice(0, 3), errorCount: errors.length };
}

// The route cycle: map → region (a link of the map's table twin) → compare (the region page's
// "compare with" link) → map (site navigation).
export const REGION_LINK = (id) => `[data-testid="map-table"] tr[data-region="${id}"] a`;
export const COMPARE_LINK = '[data-testid="region-page"] a[href*="compare"]';

/**
 * navigateOnce in the page, with a clear error when the link made the browser load a whole new
 * document (the app's router did not handle it: e.g. a link pointing outside the mount point).
 */
export async function navigate(page, action) {
  const before = page.url();
  try {
    return await page.evaluate(navigateOnce, action);
  } catch (error) {
    if (/context was destroyed|navigation/i.test(String(error))) {
      return { error: `${JSON.stringify(action)} made a full page load (${before} → ${page.url()}) instead of a client-side route change` };
    }
    throw error;
  }
}

export async function measureRoutes(page, { cycles = 20, region = "28" } = {}) {
  const steps = [
    { name: "map → region", action: { click: REGION_LINK(region) } },
    { name: "region → compare", action: { click: COMPARE_LINK } },
    { name: "compare → map", action: { click: '[data-testid="nav-map"]' } },
  ];
  const times = Object.fromEntries(steps.map((s) => [s.name, []]));
  const errors = [];
  for (let c = 0; c < cycles; c++) {
    for (const step of steps) {
      const r = await navigate(page, step.action);
      if (r.error) {
        errors.push(`${step.name}: ${r.error}`);
        // A full page load leaves the app: further cycles would measure nothing.
        if (/full page load/.test(r.error)) throw new Error(r.error);
        // Get back to a known state (the map) before the next cycle.
        await navigate(page, { click: '[data-testid="nav-map"]' });
        break;
      }
      times[step.name].push(r.change);
      await settle(page, 20);
    }
  }
  const all = Object.values(times).flat();
  if (!all.length) throw new Error(errors[0] ?? "no route change measured");
  return {
    all: summary(all),
    byStep: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, summary(v)])),
    errors: errors.slice(0, 3),
    errorCount: errors.length,
  };
}

/**
 * Zooms in (at zoom 1 panning is clamped), then drags the map for `durationMs`, one pointermove
 * per frame. fps = frames / elapsed; a frame longer than 20 ms is a dropped frame at 60 Hz.
 */
export async function measurePan(page, { durationMs = 3000, zoomClicks = 2 } = {}) {
  const zoomIn = page.locator('[data-testid="zoom-in"]');
  if (!(await zoomIn.count())) throw new Error(`no [data-testid=zoom-in] on ${page.url()}`);
  for (let i = 0; i < zoomClicks; i++) await zoomIn.click({ timeout: 5000 });
  await settle(page, 200);
  const r = await page.evaluate(panFor, durationMs);
  if (r.error) throw new Error(r.error);
  if (r.distinctPositions < 3) throw new Error("the map did not move: pointer drags did not move [data-testid=map-regions] on screen");
  const fps = r.frames / (r.elapsed / 1000);
  return {
    fps: round1(fps),
    frames: r.frames,
    elapsedMs: round1(r.elapsed),
    frameInterval: summary(r.intervals),
    longFrames: r.intervals.filter((x) => x > 20).length,
    moveHandlerP95: round1(percentile(r.handler, 95)),
    distinctPositions: r.distinctPositions,
  };
}
