// Writing the URL: a wheel gesture zooms the map live but writes its view to the URL once, when
// the wheel stops, instead of one history replacement per wheel tick.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";

type Counted = Window & { __replaced?: number };

/** Counts `history.replaceState` calls from now on. */
async function countReplacements(page: Page) {
  await page.evaluate(() => {
    const w = window as Counted;
    w.__replaced = 0;
    const original = history.replaceState.bind(history);
    history.replaceState = (...args: Parameters<History["replaceState"]>) => {
      w.__replaced = (w.__replaced ?? 0) + 1;
      return original(...args);
    };
  });
}

const replaced = (page: Page) => page.evaluate(() => (window as Counted).__replaced ?? 0);

async function scaleOf(page: Page) {
  const value = (await page.getByTestId("map-regions").getAttribute("transform")) ?? "";
  const m = value.match(/scale\(\s*([\d.]+)\s*\)/);
  return m ? Number(m[1]) : 1;
}

test("a wheel gesture zooms live and writes the view to the URL once, when the wheel stops", async ({ atlas, page }) => {
  await atlas.goto("/");
  await countReplacements(page);
  const ticks = 6;
  // All ticks in one task: they reach the map well within the idle delay, however busy the machine.
  await page.getByTestId("map-svg").evaluate((svg, n) => {
    const r = svg.getBoundingClientRect();
    for (let i = 0; i < n; i++) {
      svg.dispatchEvent(
        new WheelEvent("wheel", { deltaY: -100, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }),
      );
    }
  }, ticks);
  // The view follows every tick: e^(0.2 × 6) ≈ 3.3.
  await expect.poll(() => scaleOf(page)).toBeGreaterThan(3);
  await expect.poll(() => new URL(page.url()).searchParams.get("view")).not.toBeNull();
  await page.waitForTimeout(500);
  expect(await replaced(page), "one URL write for the whole gesture").toBe(1);
  const [scale] = new URL(page.url()).searchParams.get("view")!.split(",").map(Number);
  expect(scale).toBeCloseTo(await scaleOf(page), 2);
});

test("the buttons still write the view at once", async ({ atlas, page }) => {
  await atlas.goto("/");
  await countReplacements(page);
  await page.getByTestId("zoom-in").click();
  await expect.poll(() => new URL(page.url()).searchParams.get("view")).toMatch(/^1\.5,/);
  expect(await replaced(page)).toBe(1);
});
