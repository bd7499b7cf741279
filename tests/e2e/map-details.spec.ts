// Details of the map view: the note that the overseas insets are not to scale, and the tooltip
// staying inside the map near its right edge.
import type { Locator } from "@playwright/test";
import { test, expect } from "./support/fixtures";

/** A point of the shape where it is the topmost element, preferring its right side. */
async function rightmostPointOn(shape: Locator) {
  return shape.evaluate((el) => {
    const r = el.getBoundingClientRect();
    for (let i = 23; i > 0; i--) {
      for (let j = 1; j < 24; j++) {
        const x = r.left + (r.width * i) / 24;
        const y = r.top + (r.height * j) / 24;
        if (document.elementFromPoint(x, y) === el) return { x: x - r.left, y: y - r.top };
      }
    }
    return null;
  });
}

test("the hint under the map says that the insets are not to scale", async ({ atlas, page }) => {
  await atlas.goto("/");
  const hint = page.getByTestId("map-legend").locator("xpath=following-sibling::p[1]");
  await expect(hint).toContainText("Flèches pour déplacer");
  await expect(hint).toContainText("Les encarts ne sont pas à l’échelle de la carte principale.");
  await page.getByTestId("lang-switch").click();
  await expect(hint).toContainText("The insets are not to the scale of the main map.");
});

test("near the right edge of the map the tooltip opens to the left and stays inside the map", async ({ atlas, page }) => {
  await atlas.goto("/");
  const frame = (await page.getByTestId("map-frame").boundingBox())!;
  // The region whose shape reaches furthest right (Grand Est on the sample).
  const id = await page.locator("path.region-shape").evaluateAll((paths) => {
    let best: { id: string; right: number } | null = null;
    for (const p of paths) {
      const right = p.getBoundingClientRect().right;
      if (!best || right > best.right) best = { id: p.getAttribute("data-region")!, right };
    }
    return best!.id;
  });
  const shape = page.locator(`path.region-shape[data-region="${id}"]`);
  const point = await rightmostPointOn(shape);
  expect(point).not.toBeNull();
  await shape.hover({ position: point! });
  const tip = page.getByTestId("map-tooltip");
  await expect(tip).toBeVisible();
  const box = (await tip.boundingBox())!;
  expect(box.x + box.width, "the tooltip's right edge").toBeLessThanOrEqual(frame.x + frame.width + 1);
  expect(box.x).toBeGreaterThanOrEqual(frame.x - 1);
});
