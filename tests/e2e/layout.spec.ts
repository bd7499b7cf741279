// The page layout on a phone and on a wide screen: nothing scrolls sideways at 320 and 360 px
// (with the sample and with a dataset of extreme texts), the map takes the content width with
// its overseas insets in a row under the mainland, the header is one compact row whose
// navigation folds into a menu usable by keyboard, and the baked map hands over to the live one
// without a shift at phone width. axe runs with the menu open.
import type { Page } from "@playwright/test";
import { test, expect, waitForApp } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { hostileDataset } from "./support/hostile";

const ROUTES = ["/", "/region/28", "/compare?regions=28,11", "/funding", "/sources"];
const HOSTILE_BODY = JSON.stringify(hostileDataset(), null, 2);

/** How far the page reaches past the viewport's right edge, and the widest culprits. */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits: string[] = [];
    for (const el of document.querySelectorAll("main *, header *, footer *")) {
      // Data tables scroll inside their own wrapper; that is allowed.
      if (el.closest(".table-wrap")) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) culprits.push(`${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "")} → ${Math.round(r.right)}px`);
    }
    return { overflow: document.documentElement.scrollWidth - width, culprits: culprits.slice(0, 8) };
  });
}

for (const width of [320, 360]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 760 } });

    for (const route of ROUTES) {
      test(`${route} does not scroll sideways`, async ({ atlas, page }) => {
        await atlas.goto(route);
        const { overflow, culprits } = await sidewaysOverflow(page);
        expect(overflow, culprits.join("\n")).toBeLessThanOrEqual(0);
      });
    }

    test.describe("with extreme dataset texts", () => {
      // The routed dataset must reach the page, not the service worker's cache.
      test.use({ serviceWorkers: "block" });

      test("extreme dataset texts wrap instead of widening any page", async ({ atlas, page }) => {
        test.setTimeout(120_000);
        await page.route("**/hostile.json", (route) =>
          route.fulfill({ status: 200, contentType: "application/json; charset=utf-8", body: HOSTILE_BODY }),
        );
        for (const route of ROUTES) {
          const sep = route.includes("?") ? "&" : "?";
          await atlas.goto(`${route}${sep}data=hostile.json`);
          const { overflow, culprits } = await sidewaysOverflow(page);
          expect(overflow, `${route}: ${culprits.join("\n")}`).toBeLessThanOrEqual(0);
        }
      });
    });
  });
}

test.describe("the map on a phone", () => {
  test.use({ viewport: { width: 360, height: 760 } });

  test("fills the content width, with the insets in one row under the mainland", async ({ atlas, page }) => {
    await atlas.goto("/");
    const main = await page.getByTestId("main").evaluate((el) => {
      const s = getComputedStyle(el);
      return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    });
    const svg = (await page.getByTestId("map-svg").boundingBox())!;
    expect(svg.width / main, "the map's share of the content width").toBeGreaterThanOrEqual(0.9);
    // Portrait: taller than wide.
    expect(svg.height).toBeGreaterThan(svg.width);

    const insets = await page.locator('[data-testid="map-svg"] .inset-frame').evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, bottom: r.bottom, right: r.right })),
    );
    expect(insets.length, "the sample's five overseas regions").toBe(5);
    const top = insets[0].y;
    for (const r of insets) {
      expect(Math.abs(r.y - top), "one row").toBeLessThanOrEqual(1);
      expect(r.right).toBeLessThanOrEqual(svg.x + svg.width + 1);
    }
    // Each inset's label ends inside its frame (shortened with an ellipsis when it must be).
    const labels = await page.locator('[data-testid="map-svg"] .inset-label').evaluateAll((els) =>
      els.map((e) => ({ right: e.getBoundingClientRect().right, text: e.textContent ?? "" })),
    );
    expect(labels).toHaveLength(insets.length);
    for (const [i, label] of labels.entries()) {
      expect(label.text.length, "a label is shown").toBeGreaterThan(0);
      expect(label.right, `label "${label.text}" inside its frame`).toBeLessThanOrEqual(insets[i].right + 0.5);
    }
    // Under the mainland: every mainland region ends above the row.
    const mainlandBottom = await page.evaluate(() => {
      const frames = [...document.querySelectorAll('[data-testid="map-svg"] .inset-frame')].map((f) => f.getBoundingClientRect());
      let bottom = 0;
      for (const p of document.querySelectorAll('[data-testid="map-regions"] path[data-region]')) {
        const r = p.getBoundingClientRect();
        const inInset = frames.some((f) => r.x >= f.x - 1 && r.right <= f.right + 1 && r.y >= f.y - 1 && r.bottom <= f.bottom + 1);
        if (!inInset) bottom = Math.max(bottom, r.bottom);
      }
      return bottom;
    });
    expect(mainlandBottom).toBeGreaterThan(svg.y);
    expect(mainlandBottom, "the mainland is above the insets").toBeLessThanOrEqual(top + 1);
  });

  test("the baked map hands over to the live one without a layout shift", async ({ atlas, page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!e.hadRecentInput) w.__shift += e.value;
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await atlas.goto("/");
    await page.waitForTimeout(300);
    const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
    expect(shift, "cumulative layout shift").toBeLessThanOrEqual(0.02);
  });
});

test.describe("the header on a phone", () => {
  test.use({ viewport: { width: 360, height: 760 } });

  test("is one compact row; the navigation opens from a menu, by keyboard too", async ({ atlas, page }) => {
    await atlas.goto("/");
    const header = (await page.getByTestId("app-header").boundingBox())!;
    expect(header.height, "the header's height (it was 200 px)").toBeLessThanOrEqual(72);
    const toggle = page.getByTestId("nav-menu");
    await expect(toggle).toBeVisible();
    await expect(page.getByTestId("nav-compare")).toBeHidden();

    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("nav-compare")).toBeVisible();
    // Escape closes the menu and gives the focus back to its toggle.
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("nav-compare")).toBeHidden();
    await expect(toggle).toBeFocused();

    await page.keyboard.press("Enter");
    await page.getByTestId("nav-compare").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/compare/);
    await waitForApp(page);
    await expect(page.getByTestId("nav-compare"), "the menu closed once a page was chosen").toBeHidden();
  });

  test("axe finds nothing with the menu open, in both themes", async ({ atlas, page }) => {
    for (const theme of ["light", "dark"]) {
      await atlas.goto(`/?theme=${theme}`);
      await page.getByTestId("nav-menu").click();
      await expect(page.getByTestId("nav-sources")).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });
});

test.describe("the header on a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("shows the navigation without a menu toggle", async ({ atlas, page }) => {
    await atlas.goto("/");
    await expect(page.getByTestId("nav-menu")).toBeHidden();
    for (const id of ["nav-map", "nav-compare", "nav-funding", "nav-sources"]) {
      await expect(page.getByTestId(id)).toBeVisible();
    }
    await expect(page.getByRole("navigation").getByRole("link")).toHaveCount(4);
  });
});

test.describe("the region page", () => {
  test.describe("on a wide screen", () => {
    test.use({ viewport: { width: 1280, height: 900 } });

    test("puts the locator map beside the key figures, the places in a grid, the ranks in a ranked list", async ({ atlas, page }) => {
      await atlas.goto("/region/28");
      const locator = (await page.getByTestId("locator-map").boundingBox())!;
      const figures = (await page.getByTestId("headline-figures").boundingBox())!;
      expect(figures.x, "figures right of the map").toBeGreaterThanOrEqual(locator.x + locator.width);
      expect(Math.abs(figures.y - locator.y), "on the same band").toBeLessThan(locator.height);
      // Several places share a row.
      const tops = await page.locator(".place-grid").first().locator('[data-testid="place-card"]').evaluateAll((cards) =>
        cards.map((c) => Math.round(c.getBoundingClientRect().top)),
      );
      expect(tops.length).toBeGreaterThan(1);
      expect(new Set(tops).size, "cards side by side").toBeLessThan(tops.length);
      await expect(page.getByTestId("national-ranks")).toHaveJSProperty("tagName", "OL");
    });
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 360, height: 760 } });

    test("stacks the locator map above the key figures", async ({ atlas, page }) => {
      await atlas.goto("/region/28");
      const locator = (await page.getByTestId("locator-map").boundingBox())!;
      const figures = (await page.getByTestId("headline-figures").boundingBox())!;
      expect(figures.y).toBeGreaterThanOrEqual(locator.y + locator.height);
    });
  });
});

test.describe("axe on every route, in both themes and both languages", () => {
  for (const width of [360, 1280]) {
    test.describe(`at ${width} px`, () => {
      test.use({ viewport: { width, height: 800 } });
      for (const route of [...ROUTES, "/embed/map", "/embed/region/28"]) {
        test(route, async ({ atlas, page }) => {
          test.setTimeout(90_000);
          for (const theme of ["light", "dark"]) {
            for (const lang of ["fr", "en"]) {
              const sep = route.includes("?") ? "&" : "?";
              await atlas.goto(`${route}${sep}theme=${theme}&lang=${lang}`);
              await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
              await expect(page.locator("html")).toHaveAttribute("lang", lang);
              await expectNoAxeViolations(page);
            }
          }
        });
      }
    });
  }
});

test.describe("the map page on a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("puts the legend and the details beside the map, the table twin closed below", async ({ atlas, page }) => {
    await atlas.goto("/");
    const map = (await page.getByTestId("map-svg").boundingBox())!;
    const legend = (await page.getByTestId("map-legend").boundingBox())!;
    expect(legend.x, "the legend is beside the map").toBeGreaterThanOrEqual(map.x + map.width);
    expect(legend.y, "from the map's top band").toBeLessThan(map.y + map.height / 2);
    expect(map.width, "the map takes most of the row").toBeGreaterThan(1280 * 0.6);
    // The table twin stays a click away, closed.
    const twin = page.getByTestId("map-table");
    await expect(twin.locator("summary")).toBeVisible();
    await expect(twin).not.toHaveAttribute("open", /.*/);
  });
});
