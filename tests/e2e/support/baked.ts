// Helpers for the baked pages (ARCHITECTURE.md, "Baked pages"): their real URLs on the host that
// only serves files and a 404.html, and ways to keep the wasm from arriving.
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

/** The 404-only host's base URL (global-setup.ts starts it). */
export function base(): string {
  const url = process.env.E2E_BASE_URL_404;
  if (!url) throw new Error("E2E_BASE_URL_404 is not set (global-setup.ts starts the 404-only server)");
  return url;
}

/** The route's folder URL on the 404-only host: what a baked page's links point at. */
export function folderUrl(route: string): string {
  const [path, query] = route.split("?");
  const folder = path === "/" ? "" : path.replace(/^\/+/, "") + "/";
  return new URL(folder + (query === undefined ? "" : "?" + query), base()).href;
}

/** The baked map's first answers (island/): the one wasm that is not the app's. */
export const ISLAND_WASM = "/atlas-island_bg.wasm";

/** Keeps every wasm from ever arriving: what a reader sees until they do. */
export async function withoutWasm(page: Page) {
  // By path: boot.js's own URL ends with "…_bg.wasm" too (its ?wasm= parameter).
  await page.route((url) => url.pathname.endsWith(".wasm"), (route) => route.abort());
}

/** Keeps the app's wasm from arriving, and only it: the baked map's first answers still start. */
export async function withoutAppWasm(page: Page) {
  await page.route((url) => url.pathname.endsWith(".wasm") && !url.pathname.endsWith(ISLAND_WASM), (route) => route.abort());
}

/**
 * A point (relative to the element's box) where the region itself is the topmost element: a
 * bounding box's centre may fall in a neighbour, a marker or a hole.
 */
export async function pointOn(shape: Locator): Promise<{ x: number; y: number }> {
  const point = await shape.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let best: { x: number; y: number; d: number } | null = null;
    for (let i = 1; i < 24; i++) {
      for (let j = 1; j < 24; j++) {
        const x = r.left + (r.width * i) / 24;
        const y = r.top + (r.height * j) / 24;
        if (document.elementFromPoint(x, y) !== el) continue;
        const d = Math.hypot(x - (r.left + r.width / 2), y - (r.top + r.height / 2));
        if (!best || d < best.d) best = { x: x - r.left, y: y - r.top, d };
      }
    }
    return best && { x: best.x, y: best.y };
  });
  expect(point, "a visible point on the region").not.toBeNull();
  return point!;
}
