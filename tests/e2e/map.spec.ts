// The interactive map (`/`): every region drawn with an accessible name, tooltips on hover, focus
// and touch, keyboard-only use, category filters, zoom by buttons and keys, the URL as the whole
// view state (survives a reload), search, the legend's no-data swatch, a second (non-French)
// dataset drawn without code changes, and axe in both themes.
//
// Expectations are read from the dataset that ships in the dist under test, so a figure that
// changes there changes here; the fixtures fail any test whose page logged an error.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "@playwright/test";
import { test, expect, waitForApp, type Atlas } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { pointOn } from "./support/baked";

type Text = { fr?: string; en?: string };
type Dataset = {
  metadata: { title: Text; subtitle?: Text; attribution: Text };
  regions: { id: string; name: Text }[];
  indicators: { id: string; values: { region: string; value: number; source: string }[] }[];
  places: { id: string; name: Text; category: string; region: string; point?: unknown }[];
};

const DIST = process.env.E2E_DIST ?? "dist";
const SAMPLE: Dataset = JSON.parse(readFileSync(path.join(DIST, "data", "atlas.json"), "utf8"));
const OTHER_FILE = fileURLToPath(new URL("./fixtures/other-country.json", import.meta.url));
const OTHER: Dataset = JSON.parse(readFileSync(OTHER_FILE, "utf8"));
const OTHER_QUERY = "data=fixtures/other-country.json";

const NNBSP = "\u202f";
/** French grouping: "3 345 842" with narrow no-break spaces. */
const fr = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const population = (ds: Dataset, region: string) =>
  ds.indicators.find((i) => i.id === "population")!.values.find((v) => v.region === region)!.value;
const LOCATED = SAMPLE.places.filter((p) => p.point);

const region = (page: Page, id: string) => page.locator(`path.region-shape[data-region="${id}"]`);
const markers = (page: Page) => page.locator("g.marker-group");

/**
 * Serves the second dataset (tests/e2e/fixtures/other-country.json) at the URL the app asks for
 * (`?data=fixtures/other-country.json`, relative to the app). Tests using it block the service
 * worker (`serviceWorkers: "block"`): page.route does not see requests a worker answers.
 */
async function serveOtherCountry(page: Page) {
  let served = 0;
  await page.route("**/fixtures/other-country.json", async (route) => {
    served++;
    await route.fulfill({ path: OTHER_FILE, contentType: "application/json; charset=utf-8" });
  });
  return () => served;
}

/** The `[data-testid=map-regions]` transform as numbers. */
async function transformOf(page: Page) {
  const value = (await page.getByTestId("map-regions").getAttribute("transform")) ?? "";
  const m = value.match(/translate\(\s*(-?[\d.]+)[ ,]+(-?[\d.]+)\s*\)\s*scale\(\s*([\d.]+)\s*\)/);
  expect(m, `transform "${value}"`).not.toBeNull();
  return { tx: Number(m![1]), ty: Number(m![2]), scale: Number(m![3]), raw: value };
}

const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

async function expectOnMap(atlas: Atlas) {
  expect((await atlas.route()).split("?")[0]).toBe("/");
  await expect(atlas.page.getByTestId("map-svg")).toBeVisible();
}

test.describe("regions are drawn and named", () => {
  test("every region of the sample is drawn with an accessible label (name : value)", async ({ atlas, page }) => {
    await atlas.goto("/");
    await expect(page.locator("path.region-shape")).toHaveCount(SAMPLE.regions.length);
    expect(SAMPLE.regions.length).toBe(18);
    for (const r of SAMPLE.regions) {
      const shape = region(page, r.id);
      await expect(shape, `region ${r.id}`).toHaveCount(1);
      await expect(shape).toHaveAttribute("role", "link");
      await expect(shape).toHaveAttribute("tabindex", "0");
      // French puts a narrow no-break space before the colon and groups digits with it too.
      await expect(shape).toHaveAttribute("aria-label", `${r.name.fr}${NNBSP}: ${fr(population(SAMPLE, r.id))}`);
      expect(await shape.getAttribute("d"), `path data of ${r.id}`).toMatch(/^M[\d.-]/);
      const box = await shape.boundingBox();
      expect(box && box.width > 3 && box.height > 3, `${r.id} has a visible size`).toBe(true);
    }
    // The label is the accessible name that assistive technology reads.
    await expect(page.getByRole("link", { name: `Normandie${NNBSP}: ${fr(3345842)}`, exact: true })).toHaveCount(1);
    // The table twin lists every region as well.
    await expect(page.getByTestId("map-table").locator("tbody tr")).toHaveCount(SAMPLE.regions.length);
  });

  test("the table twin is closed under the map, one key away, and names a shared source once", async ({ atlas, page }) => {
    await atlas.goto("/");
    const table = page.getByTestId("map-table");
    await expect(table).not.toHaveAttribute("open", /.*/);
    await expect(table.locator("table")).toBeHidden();
    // Still the map's alternative for assistive technology: its rows exist while closed.
    await expect(table.locator("tbody tr")).toHaveCount(SAMPLE.regions.length);
    await table.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(table).toHaveAttribute("open", "");
    await expect(table.locator("table")).toBeVisible();
    // Every population figure comes from the same source: one line under the table, no column.
    const sources = new Set(SAMPLE.indicators.find((i) => i.id === "population")!.values.map((v) => v.source));
    expect(sources.size).toBe(1);
    await expect(table.locator("thead th")).toHaveCount(3);
    await expect(table.locator("tbody .source-line")).toHaveCount(0);
    await expect(page.getByTestId("map-table-source").locator(".source-line")).toHaveCount(1);
    await expect(page.getByTestId("map-table-source")).toContainText("INSEE");
    // The map is the page's subject: it starts within the first screen, above the table.
    const mapBox = (await page.getByTestId("map-svg").boundingBox())!;
    const tableBox = (await table.boundingBox())!;
    expect(mapBox.y).toBeLessThan(tableBox.y);
  });
});

test.describe("tooltips", () => {
  test("hovering a region shows its name, value, rank and source", async ({ atlas, page }) => {
    await atlas.goto("/");
    const tip = page.getByTestId("map-tooltip");
    await expect(tip).toHaveCount(0);
    const shape = region(page, "28");
    await shape.hover({ position: await pointOn(shape) });
    await expect(tip).toBeVisible();
    await expect(tip.locator("strong").first()).toHaveText("Normandie");
    await expect(tip).toContainText("Population légale");
    expect(await tip.innerText()).toContain(fr(3345842));
    await expect(tip).toContainText("10e sur 18");
    await expect(tip.locator(".source-line")).toContainText("INSEE / Etalab");

    // Another region replaces it; leaving the map hides it.
    const brittany = region(page, "53");
    await brittany.hover({ position: await pointOn(brittany) });
    await expect(tip.locator("strong").first()).toHaveText("Bretagne");
    await page.mouse.move(2, 2);
    await expect(tip).toHaveCount(0);
  });

  test("hovering a place marker shows its name, category and source", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.locator('g.marker-group[data-place="medicen-paris-region"]').hover();
    const tip = page.getByTestId("map-tooltip");
    await expect(tip).toContainText("Medicen Paris Region");
    await expect(tip).toContainText("Pôle ou cluster");
    await expect(tip.locator(".source-line")).toContainText("Medicen Paris Region");
  });

  test("keyboard focus on a region shows its tooltip, and moving focus updates it", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("map-svg").focus();
    await page.keyboard.press("Tab");
    const first = SAMPLE.regions[0];
    await expect(region(page, first.id)).toBeFocused();
    const tip = page.getByTestId("map-tooltip");
    await expect(tip.locator("strong").first()).toHaveText(first.name.fr!);
    expect(await tip.innerText()).toContain(fr(population(SAMPLE, first.id)));
    await expect(tip.locator(".source-line")).toContainText("INSEE");

    await page.keyboard.press("Tab");
    await expect(tip.locator("strong").first()).toHaveText(SAMPLE.regions[1].name.fr!);
    // Leaving the regions hides it.
    await page.locator("#atlas-search").focus();
    await expect(tip).toHaveCount(0);
  });

  test("Tab walks the map's regions, then its places: no group of the drawing is a stop of its own", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("map-svg").focus();
    const stops: string[] = [];
    for (let i = 0; i < SAMPLE.regions.length + 2; i++) {
      await page.keyboard.press("Tab");
      stops.push(
        await page.evaluate(() => {
          const a = document.activeElement;
          if (!a?.closest('[data-testid="map-svg"]')) return "outside";
          return a.matches("path.region-shape") ? `region ${a.getAttribute("data-region")}` : a.matches("g.marker-group") ? "place" : `other <${a.tagName} class="${a.getAttribute("class")}">`;
        }),
      );
    }
    expect(stops.slice(0, SAMPLE.regions.length)).toEqual(SAMPLE.regions.map((r) => `region ${r.id}`));
    expect(stops.slice(SAMPLE.regions.length)).toEqual(["place", "place"]);
  });

  test.describe("on a touch screen", () => {
    test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });

    test("a tap shows the tooltip; a second tap opens the region", async ({ atlas, page }) => {
      await atlas.goto("/");
      const shape = region(page, "53");
      await shape.tap({ position: await pointOn(shape) });
      const tip = page.getByTestId("map-tooltip");
      await expect(tip).toBeVisible();
      await expect(tip.locator("strong").first()).toHaveText("Bretagne");
      expect(await tip.innerText()).toContain(fr(population(SAMPLE, "53")));
      await expect(tip.locator(".source-line")).toContainText("INSEE");
      // The first tap only previews: still on the map, and the tooltip stays up.
      await page.waitForTimeout(300);
      await expectOnMap(atlas);
      await expect(tip).toBeVisible();

      await shape.tap({ position: await pointOn(shape) });
      await expect(page.getByTestId("region-page")).toBeVisible();
      expect(await atlas.route()).toBe("/region/53");
    });
  });
});

test.describe("keyboard only", () => {
  test("Tab reaches a region, Enter opens its page, Back returns to the map", async ({ atlas, page }) => {
    await atlas.goto("/");
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.classList.contains("region-shape") ? el.getAttribute("data-region") : null;
      });
    let reachedRegion = false;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const id = await focused();
      if (id) reachedRegion = true;
      if (id === "28") break;
    }
    expect(reachedRegion, "Tab reaches the regions").toBe(true);
    await expect(region(page, "28")).toBeFocused();
    await expect(page.getByTestId("map-tooltip")).toContainText("Normandie");

    await page.keyboard.press("Enter");
    await expect(page.getByTestId("region-page")).toBeVisible();
    expect(await atlas.route()).toBe("/region/28");
    await expect(page.getByTestId("page-title")).toHaveText("Normandie");

    await page.goBack();
    await expectOnMap(atlas);
    await expect(page.locator("path.region-shape")).toHaveCount(SAMPLE.regions.length);
  });

  test("place markers are focusable and Enter opens the place card", async ({ atlas, page }) => {
    await atlas.goto("/");
    const marker = page.locator('g.marker-group[data-place="medicen-paris-region"]');
    await marker.focus();
    await expect(page.getByTestId("map-tooltip")).toContainText("Medicen Paris Region");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("open-place")).toContainText("Medicen Paris Region");
    expect(param(page, "place")).toBe("medicen-paris-region");
  });
});

test.describe("category filters", () => {
  test("toggling a chip hides and shows its markers and writes cat= in the URL", async ({ atlas, page }) => {
    await atlas.goto("/");
    await expect(markers(page)).toHaveCount(LOCATED.length);
    expect(LOCATED.length).toBe(5);
    const campuses = LOCATED.filter((p) => p.category === "campus").length;
    expect(campuses).toBe(2);

    const chip = page.getByTestId("filter-campus");
    await expect(chip).toHaveAttribute("aria-pressed", "true");
    await chip.click();
    await expect(chip).toHaveAttribute("aria-pressed", "false");
    await expect(markers(page)).toHaveCount(LOCATED.length - campuses);
    await expect(page.locator('g.marker-group[data-category="campus"]')).toHaveCount(0);
    await expect(page.locator('g.marker-group[data-place="epopea"]')).toHaveCount(0);
    await expect.poll(() => param(page, "cat")).not.toBeNull();
    const cats = param(page, "cat")!.split(",");
    expect(cats).not.toContain("campus");
    expect(cats).toContain("cluster");

    await page.getByTestId("filter-cluster").click();
    await expect(markers(page)).toHaveCount(LOCATED.length - campuses - 1);
    await expect(page.locator('g.marker-group[data-place="medicen-paris-region"]')).toHaveCount(0);
    await expect.poll(() => param(page, "cat")?.split(",").includes("cluster")).toBe(false);

    // Turning both back on shows every marker and drops the parameter (the default view).
    await page.getByTestId("filter-cluster").click();
    await chip.click();
    await expect(markers(page)).toHaveCount(LOCATED.length);
    await expect.poll(() => param(page, "cat")).toBeNull();
  });

  test("a link with cat= shows only those categories", async ({ atlas, page }) => {
    await atlas.goto("/?cat=startup,association");
    await expect(markers(page)).toHaveCount(2);
    const shown = await markers(page).evaluateAll((gs) => gs.map((g) => g.getAttribute("data-place")).sort());
    expect(shown).toEqual(["bodycap", "data-lab"]);
    await expect(page.getByTestId("filter-startup")).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("filter-campus")).toHaveAttribute("aria-pressed", "false");
  });
});

test.describe("zoom", () => {
  test("dragging a zoomed map moves it with the pointer, stops at its edges, and writes view= on release without a jump", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("zoom-in").click();
    await page.getByTestId("zoom-in").click();
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(2.25, 5);
    await expect.poll(() => param(page, "view")).not.toBeNull();
    const region = page.locator('[data-testid="map-regions"] path[data-region="28"]');
    const at = async () => (await region.boundingBox())!;
    const svg = (await page.getByTestId("map-svg").boundingBox())!;
    const [cx, cy] = [svg.x + svg.width / 2, svg.y + svg.height / 2];
    const start = await at();
    const view0 = await transformOf(page);

    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 30, cy + 20, { steps: 3 });
    // While dragging, the map follows the pointer on screen.
    await expect.poll(async () => (await at()).x - start.x).toBeCloseTo(30, 0);
    expect((await at()).y - start.y).toBeCloseTo(20, 0);
    // Far past an edge: the map stops where the view's own pan stops.
    await page.mouse.move(cx + 5000, cy + 20, { steps: 4 });
    const held = await at();
    await page.mouse.up();
    // Released: the view holds the distance (URL and transform), and nothing moved on screen.
    await expect.poll(async () => (await transformOf(page)).raw).not.toBe(view0.raw);
    const view1 = await transformOf(page);
    expect(view1.tx).toBe(0);
    await expect.poll(() => param(page, "view")).toBe(`2.25,${view1.tx},${view1.ty}`);
    const after = await at();
    expect(after.x).toBeCloseTo(held.x, 0);
    expect(after.y).toBeCloseTo(held.y, 0);
    await expect(page.getByTestId("map-svg")).not.toHaveAttribute("style", /transform/);
  });

  test("place markers keep their size on screen at every zoom, and a pan moves them with the map", async ({ atlas, page }) => {
    await atlas.goto("/");
    const marker = page.locator('g.marker-group[data-place="medicen-paris-region"]');
    const box = async () => {
      const b = await marker.boundingBox();
      expect(b, "the marker's box").not.toBeNull();
      return b!;
    };
    const start = await box();
    await page.getByTestId("zoom-in").click();
    await page.getByTestId("zoom-in").click();
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(2.25, 5);
    // Redrawn at the new zoom's radius: the same width on screen, not 2.25 times it.
    await expect.poll(async () => (await box()).width).toBeCloseTo(start.width, 0);
    // Panning moves the marker as far as the map, and keeps its size.
    const before = await box();
    const beforeView = await transformOf(page);
    await page.getByTestId("map-svg").focus();
    await page.keyboard.press("Shift+ArrowLeft");
    await expect.poll(async () => (await transformOf(page)).tx).toBeGreaterThan(beforeView.tx);
    const after = await box();
    const afterView = await transformOf(page);
    // CSS pixels per map unit: the viewBox's scale on screen.
    const pxPerUnit = await page.getByTestId("map-svg").evaluate((svg) => (svg as SVGSVGElement).getScreenCTM()?.a ?? 0);
    expect(after.width).toBeCloseTo(before.width, 0);
    expect(after.x - before.x).toBeCloseTo((afterView.tx - beforeView.tx) * pxPerUnit, 0);
  });

  test("the zoom buttons change the regions' transform and the URL's view=", async ({ atlas, page }) => {
    await atlas.goto("/");
    const start = await transformOf(page);
    expect(start.scale).toBe(1);
    expect(param(page, "view")).toBeNull();

    await page.getByTestId("zoom-in").click();
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(1.5, 5);
    await expect.poll(() => param(page, "view")).toMatch(/^1\.5,-?[\d.]+,-?[\d.]+$/);
    const zoomed = await transformOf(page);
    const [, vx, vy] = param(page, "view")!.split(",").map(Number);
    expect(vx).toBeCloseTo(zoomed.tx, 0);
    expect(vy).toBeCloseTo(zoomed.ty, 0);
    // Zooming about the centre moves the origin up and left.
    expect(zoomed.tx).toBeLessThan(0);
    expect(zoomed.ty).toBeLessThan(0);

    await page.getByTestId("zoom-in").click();
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(2.25, 5);
    await page.getByTestId("zoom-out").click();
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(1.5, 5);
    await page.getByTestId("zoom-reset").click();
    await expect.poll(async () => (await transformOf(page)).raw).toBe(start.raw);
    await expect.poll(() => param(page, "view")).toBeNull();
  });

  test("+ and − keys zoom, Shift+arrows pan, 0 resets", async ({ atlas, page }) => {
    await atlas.goto("/");
    const start = await transformOf(page);
    await page.getByTestId("map-svg").focus();
    await page.keyboard.press("+");
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(1.5, 5);
    await expect.poll(() => param(page, "view")).toMatch(/^1\.5,/);
    await page.keyboard.press("+");
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(2.25, 5);
    await page.keyboard.press("-");
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(1.5, 5);

    const before = await transformOf(page);
    await page.keyboard.press("Shift+ArrowRight");
    await expect.poll(async () => (await transformOf(page)).tx).toBeLessThan(before.tx);
    await expect.poll(() => Number(param(page, "view")?.split(",")[1])).toBeLessThan(before.tx);

    await page.keyboard.press("0");
    await expect.poll(async () => (await transformOf(page)).raw).toBe(start.raw);
    await expect.poll(() => param(page, "view")).toBeNull();
  });

  test("zooming does not add history entries", async ({ atlas, page }) => {
    await atlas.goto("/");
    const length = await page.evaluate(() => history.length);
    await page.getByTestId("zoom-in").click();
    await page.getByTestId("zoom-in").click();
    await expect.poll(() => param(page, "view")).toMatch(/^2\.25,/);
    expect(await page.evaluate(() => history.length)).toBe(length);
  });
});

test.describe("the URL holds the view", () => {
  test("indicator, filters, zoom and open place set through the UI survive a reload", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("indicator-picker").selectOption("life_sciences_share");
    await expect.poll(() => param(page, "indicator")).toBe("life_sciences_share");
    await page.locator('g.marker-group[data-place="medicen-paris-region"]').click();
    await expect(page.getByTestId("open-place")).toContainText("Medicen Paris Region");
    await page.getByTestId("filter-campus").click();
    await expect(markers(page)).toHaveCount(LOCATED.length - 2);
    await page.getByTestId("zoom-in").click();
    await page.getByTestId("zoom-in").click();
    await expect.poll(() => param(page, "view")).not.toBeNull();

    const url = new URL(page.url());
    expect(url.searchParams.get("indicator")).toBe("life_sciences_share");
    expect(url.searchParams.get("place")).toBe("medicen-paris-region");
    expect(url.searchParams.get("cat")!.split(",")).not.toContain("campus");
    const transform = (await transformOf(page)).raw;
    const label28 = await region(page, "28").getAttribute("aria-label");
    expect(label28).toBe(`Normandie${NNBSP}: Pas de données`);

    await page.reload();
    await waitForApp(page);
    expect(new URL(page.url()).search).toBe(url.search);
    await expect(page.getByTestId("indicator-picker")).toHaveValue("life_sciences_share");
    await expect(page.getByTestId("filter-campus")).toHaveAttribute("aria-pressed", "false");
    await expect(markers(page)).toHaveCount(LOCATED.length - 2);
    await expect(page.getByTestId("open-place")).toContainText("Medicen Paris Region");
    await expect(region(page, "28")).toHaveAttribute("aria-label", label28!);
    await expect.poll(async () => (await transformOf(page)).raw).toBe(transform);
  });

  test("a shared link restores indicator, filters, zoom and place", async ({ atlas, page }) => {
    await atlas.goto("/?indicator=life_sciences_share&cat=campus&view=2,-300,-200&place=epopea");
    await expect(page.getByTestId("indicator-picker")).toHaveValue("life_sciences_share");
    await expect(markers(page)).toHaveCount(2);
    await expect(page.getByTestId("open-place")).toContainText("Epopea");
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(2, 5);
    const t = await transformOf(page);
    expect(t.tx).toBeCloseTo(-300, 0);
    expect(t.ty).toBeCloseTo(-200, 0);
    await expect(page.getByTestId("map-table").locator("caption")).toContainText("Part de l");
  });

  test.describe("per capita (second dataset, which has a per-capita indicator)", () => {
    test.use({ serviceWorkers: "block" });

    test("pc=1 and the rest of the view survive a reload", async ({ atlas, page }) => {
      await serveOtherCountry(page);
      await atlas.goto(`/?${OTHER_QUERY}`);
      await expect(page.getByTestId("per-capita")).toHaveCount(0); // population: not per capita
      await page.getByTestId("indicator-picker").selectOption("clinics");
      const pc = page.getByTestId("per-capita");
      await expect(pc).toHaveAttribute("aria-pressed", "false");
      const table = page.getByTestId("map-table");
      await expect(table.locator('tr[data-region="NRD"] td').first()).toHaveText("120");
      await pc.click();
      await expect(pc).toHaveAttribute("aria-pressed", "true");
      await expect.poll(() => param(page, "pc")).toBe("1");
      // 120 clinics for 1,200,000 people = 10 per 100,000; 160 / 800,000 = 20; 125 / 2,500,000 = 5.
      await expect(table.locator('tr[data-region="NRD"] td').first()).toHaveText("10");
      await expect(table.locator('tr[data-region="OST"] td').first()).toHaveText("20");
      await expect(table.locator('tr[data-region="SUD"] td').first()).toHaveText("5");
      await expect(table.locator('tr[data-region="BRU"] td').first()).toHaveText("Pas de données");
      await expect(table.locator("caption")).toContainText("Pour 100");

      await page.getByTestId("filter-hospital").click();
      await page.getByTestId("zoom-in").click();
      await page.locator('g.marker-group[data-place="ostburg-biolab"]').focus();
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("open-place")).toContainText("Biolab d'Ostburg");
      const query = new URL(page.url()).search;
      const search = new URL(page.url()).searchParams;
      expect(search.get("data")).toBe("fixtures/other-country.json");
      expect(search.get("indicator")).toBe("clinics");
      expect(search.get("pc")).toBe("1");
      expect(search.get("cat")!.split(",")).not.toContain("hospital");
      expect(search.get("view")).toMatch(/^1\.5,/);
      expect(search.get("place")).toBe("ostburg-biolab");
      const transform = (await transformOf(page)).raw;

      await page.reload();
      await waitForApp(page);
      expect(new URL(page.url()).search).toBe(query);
      await expect(page.getByTestId("indicator-picker")).toHaveValue("clinics");
      await expect(page.getByTestId("per-capita")).toHaveAttribute("aria-pressed", "true");
      await expect(table.locator('tr[data-region="OST"] td').first()).toHaveText("20");
      await expect(page.getByTestId("filter-hospital")).toHaveAttribute("aria-pressed", "false");
      await expect(page.locator('g.marker-group[data-category="hospital"]')).toHaveCount(0);
      await expect(page.getByTestId("open-place")).toContainText("Biolab d'Ostburg");
      await expect.poll(async () => (await transformOf(page)).raw).toBe(transform);
    });
  });
});

test.describe("search", () => {
  for (const [query, id, name] of [
    ["normandie", "28", "Normandie"],
    ["normandy", "28", "Normandie"],
    ["NORMANDIE", "28", "Normandie"],
    ["ile", "11", "Île-de-France"],
    ["bretagne", "53", "Bretagne"],
  ] as const) {
    test(`"${query}" finds ${name}`, async ({ atlas, page }) => {
      await atlas.goto("/");
      await page.getByTestId("search").fill(query);
      const results = page.getByTestId("search-results");
      await expect(results).toBeVisible();
      const link = results.locator(`a[href$="/region/${id}"]`);
      await expect(link).toHaveCount(1);
      await expect(link).toContainText(query === "normandy" ? /Normand(ie|y)/ : name);
      await link.click();
      await expect(page.getByTestId("region-page")).toBeVisible();
      expect(await atlas.route()).toBe(`/region/${id}`);
    });
  }

  test('"epopea" finds the place and opens its card on the map', async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("search").fill("epopea");
    const result = page.getByTestId("search-results").getByRole("link", { name: "Epopea" });
    await expect(result).toBeVisible();
    await result.click();
    const card = page.getByTestId("open-place");
    await expect(card).toBeVisible();
    await expect(card.locator("h4")).toHaveText("Epopea");
    expect(await card.innerText()).toContain(`300${NNBSP}ha`);
    expect(await card.innerText()).toContain(`16${NNBSP}000`);
    await expect(card.locator(".source-line").first()).toContainText("AD Normandie");
    await expect(card.getByRole("link", { name: /Voir la région/ })).toHaveAttribute("href", /\/region\/28$/);
    expect(param(page, "place")).toBe("epopea");
    await expectOnMap(atlas);
    // The search box is cleared once a place is chosen.
    await expect(page.getByTestId("search")).toHaveValue("");
  });

  test("a query without match says so", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("search").fill("zzzqqq");
    await expect(page.getByTestId("search-results")).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "Aucun résultat" })).toBeVisible();
  });
});

test.describe("legend", () => {
  test("the legend has value classes and a no-data swatch, and no-data regions are hatched", async ({ atlas, page }) => {
    await atlas.goto("/");
    const legend = page.getByTestId("map-legend");
    await expect(legend.locator(".swatch")).toHaveCount(6); // 5 quantile classes + no data
    const nodata = legend.locator("li").filter({ has: page.locator(".swatch--nodata") });
    await expect(nodata).toHaveCount(1);
    await expect(nodata).toHaveText(/^Pas de données\s*0$/); // and its count: every region has a population
    await expect(nodata.locator(".swatch--nodata")).toBeVisible();
    // The classes cover the smallest and largest populations.
    const text = await legend.innerText();
    expect(text).toContain(fr(256518));
    expect(text).toContain(fr(12463067));

    // An indicator only one region has: every other region takes the hatched no-data fill.
    await page.getByTestId("indicator-picker").selectOption("life_sciences_share");
    const fill = await region(page, "28").getAttribute("fill");
    expect(fill).toMatch(/^url\(#[\w-]+\)$/);
    const patternId = fill!.slice(5, -1);
    await expect(page.locator(`pattern#${patternId}`)).toHaveCount(1);
    expect(await region(page, "11").getAttribute("fill")).not.toBe(fill);
    await expect(page.locator(`path.region-shape[fill="${fill}"]`)).toHaveCount(SAMPLE.regions.length - 1);
    await expect(legend.locator(".swatch--nodata")).toBeVisible();
    const row28 = page.getByTestId("map-table").locator('tr[data-region="28"]');
    await expect(row28).toContainText("Pas de données");
    await expect(row28).toContainText("Non classée");
  });
});

test.describe("another country's dataset", () => {
  test.use({ serviceWorkers: "block" });

  test("the map draws the regions, inset and places of a non-French dataset", async ({ atlas, page }) => {
    const served = await serveOtherCountry(page);
    await atlas.goto(`/?${OTHER_QUERY}`);
    expect(served(), "the app loaded the dataset named in ?data=").toBeGreaterThan(0);

    await expect(page.locator("path.region-shape")).toHaveCount(OTHER.regions.length);
    await expect(region(page, "28")).toHaveCount(0);
    for (const r of OTHER.regions) {
      await expect(region(page, r.id)).toHaveAttribute("aria-label", `${r.name.fr}${NNBSP}: ${fr(population(OTHER, r.id))}`);
    }
    // One inset box (the island), labelled.
    await expect(page.locator("rect.inset-frame")).toHaveCount(1);
    await expect(page.locator("text.inset-label")).toHaveText("Île de Brume");

    // The squares sit where the projection puts them: north-west, north-east, south below both.
    const box = async (id: string) => (await region(page, id).boundingBox())!;
    const [nrd, ost, sud, bru] = [await box("NRD"), await box("OST"), await box("SUD"), await box("BRU")];
    expect(nrd.x + nrd.width).toBeCloseTo(ost.x, -1);
    expect(Math.abs(nrd.y - ost.y)).toBeLessThan(2);
    expect(sud.y).toBeGreaterThan(nrd.y + nrd.height / 2);
    expect(sud.width).toBeGreaterThan(nrd.width * 1.5);
    expect(bru.x).toBeGreaterThan(ost.x); // inset on the right

    // Each located place is drawn inside its own region.
    const located = OTHER.places.filter((p) => p.point);
    await expect(markers(page)).toHaveCount(located.length);
    for (const p of located) {
      const m = (await page.locator(`g.marker-group[data-place="${p.id}"]`).boundingBox())!;
      const r = await box(p.region);
      const [cx, cy] = [m.x + m.width / 2, m.y + m.height / 2];
      expect(cx > r.x && cx < r.x + r.width && cy > r.y && cy < r.y + r.height, `${p.id} inside ${p.region}`).toBe(true);
    }
    await expect(page.getByTestId("unlocated-places")).toContainText("Agence verdanienne de la santé");

    // The same interactions work: tooltip, search, and opening a region.
    const east = region(page, "OST");
    await east.hover({ position: await pointOn(east) });
    await expect(page.getByTestId("map-tooltip")).toContainText("Val d'Orient");
    await expect(page.getByTestId("map-tooltip")).toContainText("Annuaire statistique de la Verdanie");
    await page.getByTestId("search").fill("sud");
    await page.getByTestId("search-results").locator('a[href$="/region/SUD"]').click();
    await expect(page.getByTestId("page-title")).toHaveText("Pays du Sud");
  });

  test("the site's name, subtitle and credits are the dataset's own, in both languages", async ({ atlas, page }) => {
    await serveOtherCountry(page);
    const header = page.getByTestId("app-header");
    const footer = page.locator("footer.site-footer");
    for (const lang of ["fr", "en"] as const) {
      await atlas.goto(`/region/SUD?${OTHER_QUERY}&lang=${lang}`);
      const title = OTHER.metadata.title[lang]!;
      await expect(header.locator(".brand")).toHaveText(title);
      // This dataset has no subtitle: the header shows none rather than another atlas's.
      await expect(header.locator(".brand small")).toHaveCount(0);
      await expect(page).toHaveTitle(`${OTHER.regions.find((r) => r.id === "SUD")!.name[lang]} — ${title}`);
      await expect(footer).toContainText(OTHER.metadata.attribution[lang]!);
      for (const text of [await header.innerText(), await footer.innerText()]) {
        expect(text).not.toMatch(/France|INSEE|Natural Earth/);
      }
    }
  });
});

test("the sample dataset names the site, with its subtitle, and credits its sources in the footer", async ({ atlas, page }) => {
  await atlas.goto("/?lang=en");
  const meta = SAMPLE.metadata;
  await expect(page.getByTestId("app-header").locator(".brand")).toHaveText(`${meta.title.en}${meta.subtitle!.en}`);
  await expect(page.getByTestId("app-header").locator(".brand small")).toHaveText(meta.subtitle!.en!);
  expect(await page.title()).toMatch(new RegExp(`— ${escapeRegExp(meta.title.en!)}$`));
  await expect(page.locator("footer.site-footer")).toContainText(meta.attribution.en!);
});

test.describe("accessibility: no WCAG 2.1 A/AA violations found by axe", () => {
  for (const theme of ["light", "dark"] as const) {
    test(`map in the ${theme} theme`, async ({ atlas, page }) => {
      await atlas.goto(`/?theme=${theme}`);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expectNoAxeViolations(page);
      // With a place card open, search results listed and a tooltip up.
      await page.getByTestId("search").fill("e");
      await expect(page.getByTestId("search-results")).toBeVisible();
      await page.locator('g.marker-group[data-place="medicen-paris-region"]').click();
      await expect(page.getByTestId("open-place")).toBeVisible();
      await page.locator('g.marker-group[data-place="medicen-paris-region"]').focus();
      await expect(page.getByTestId("map-tooltip")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});
