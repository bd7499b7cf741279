// The map's class breaks: the "Classes" picker (quantiles, equal intervals, natural breaks and,
// for indicators that publish them, the dataset's thresholds), written to the URL as `classes=`;
// the legend's histogram (regions per class, and without data); the note when the published
// thresholds cannot be used; keyboard use; axe in both themes; the legend at 360 px.
//
// Expected counts are computed here from the dataset in the dist under test (equal intervals,
// Fisher–Jenks and thresholds re-implemented in a few lines), and the legend's counts are checked
// against the map itself: the region paths of each class colour, and the hatched ones.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, waitForApp } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";

type Text = { fr?: string; en?: string };
type Indicator = {
  id: string;
  name: Text;
  unit: string;
  per_capita: boolean;
  breaks?: number[];
  values: { region: string; value: number; year?: number }[];
  [key: string]: unknown;
};
type Dataset = { regions: { id: string }[]; indicators: Indicator[]; [key: string]: unknown };

const DIST = process.env.E2E_DIST ?? "dist";
const SAMPLE: Dataset = JSON.parse(readFileSync(path.join(DIST, "data", "atlas.json"), "utf8"));
const CLASSES = 5;
const NNBSP = "\u202f";
const NO_THRESHOLDS_FR = `Pas de seuils publiés pour cet indicateur${NNBSP}: classes par quantiles.`;
const PER_CAPITA_FR = `Les seuils publiés valent pour les valeurs absolues${NNBSP}: classes par quantiles.`;

const indicator = (ds: Dataset, id: string) => ds.indicators.find((i) => i.id === id)!;
/** One figure per region that has one (the sample has no years for these indicators). */
const figures = (ds: Dataset, id: string) => indicator(ds, id).values.map((v) => v.value);

/** Regions per class when every class includes its lower bound and the last one its top. */
function countByBounds(values: number[], inner: number[]): number[] {
  const counts = new Array(inner.length + 1).fill(0);
  for (const v of values) counts[inner.filter((b) => v >= b).length]++;
  return counts;
}

/** Equal intervals: `k` classes of one width from the smallest figure to the largest. */
function equalCounts(values: number[], k: number): number[] {
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const inner = Array.from({ length: k - 1 }, (_, i) => {
    const f = (i + 1) / k;
    return min * (1 - f) + max * f;
  });
  return countByBounds(values, inner);
}

/** Fisher–Jenks by brute dynamic programming: class sizes minimising the squared deviations. */
function jenksCounts(values: number[], k: number): number[] {
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const x = values.map((v) => (v - min) / (max - min)).sort((a, b) => a - b);
  const n = x.length;
  const cost = (i: number, j: number) => {
    const part = x.slice(i, j);
    const mean = part.reduce((a, b) => a + b, 0) / part.length;
    return part.reduce((a, v) => a + (v - mean) ** 2, 0);
  };
  const best = Array.from({ length: k + 1 }, () => new Array(n + 1).fill(Infinity));
  const start = Array.from({ length: k + 1 }, () => new Array(n + 1).fill(0));
  best[0][0] = 0;
  for (let c = 1; c <= k; c++) {
    for (let j = c; j <= n; j++) {
      for (let i = c - 1; i < j; i++) {
        const total = best[c - 1][i] + cost(i, j);
        if (total < best[c][j]) [best[c][j], start[c][j]] = [total, i];
      }
    }
  }
  const counts: number[] = [];
  for (let c = k, j = n; c >= 1; c--) {
    counts.unshift(j - start[c][j]);
    j = start[c][j];
  }
  return counts;
}

const picker = (page: Page) => page.getByTestId("class-method");
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

async function legendCounts(page: Page): Promise<number[]> {
  const texts = await page.getByTestId("legend-class").getByTestId("legend-count").allInnerTexts();
  return texts.map((t) => {
    expect(t.trim(), "a count is a whole number").toMatch(/^\d+$/);
    return Number(t);
  });
}

async function legendNoData(page: Page): Promise<number> {
  const text = await page.getByTestId("legend-nodata").getByTestId("legend-count").innerText();
  expect(text.trim()).toMatch(/^\d+$/);
  return Number(text);
}

/** What the map draws: the region paths of each legend colour (legend order), and the hatched. */
async function mapCounts(page: Page): Promise<{ perClass: number[]; hatched: number; total: number }> {
  const colours = await page
    .getByTestId("legend-class")
    .locator(".swatch")
    .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
  expect(new Set(colours).size, "each class has its own colour").toBe(colours.length);
  const fills = await page.locator("path.region-shape").evaluateAll((ps) =>
    ps.map((p) => ({ attr: p.getAttribute("fill") ?? "", computed: getComputedStyle(p).fill })),
  );
  const perClass = colours.map((c) => fills.filter((f) => !f.attr.startsWith("url(") && f.computed === c).length);
  const hatched = fills.filter((f) => /^url\(#[\w-]+\)$/.test(f.attr)).length;
  return { perClass, hatched, total: fills.length };
}

/** Each bar's filled width over its track's, against count over the largest count. */
async function expectBarsProportional(page: Page, counts: number[]) {
  const ratios = await page.locator('[data-testid="map-legend"] .legend-bar').evaluateAll((bars) =>
    bars.map((bar) => {
      const fill = bar.querySelector(".legend-bar__fill") as HTMLElement;
      return fill.getBoundingClientRect().width / bar.getBoundingClientRect().width;
    }),
  );
  const largest = Math.max(...counts);
  expect(ratios.length).toBe(counts.length);
  counts.forEach((c, i) => expect(ratios[i], `bar ${i} (count ${c} of ${largest})`).toBeCloseTo(c / largest, 1));
}

/** The legend agrees with the map, and with `expected` (per class) and `noData`. */
async function expectLegend(page: Page, expected: number[] | null, noData: number) {
  await expect(page.getByTestId("legend-class")).toHaveCount(expected?.length ?? CLASSES);
  const counts = await legendCounts(page);
  if (expected) expect(counts).toEqual(expected);
  // The regions take their new colours in the same update as the legend, but under load the
  // paint may land a frame later: wait for it, then everything must agree.
  await expect
    .poll(async () => (await mapCounts(page)).perClass, { message: "legend counts are the regions drawn in each colour" })
    .toEqual(counts);
  const drawn = await mapCounts(page);
  expect(drawn.total).toBe(SAMPLE.regions.length);
  expect(await legendNoData(page), "the no-data count").toBe(noData);
  expect(drawn.hatched, "hatched regions").toBe(noData);
  expect(counts.reduce((a, b) => a + b, 0) + noData).toBe(SAMPLE.regions.length);
  await expectBarsProportional(page, [...counts, noData]);
  return counts;
}

const POPULATION = figures(SAMPLE, "population");
const QUANTILE_SIZES = [Math.floor(POPULATION.length / CLASSES), Math.ceil(POPULATION.length / CLASSES)];

test.describe("each method on the sample dataset", () => {
  test("the legend counts the regions of each class and those without data, as the map draws them", async ({ atlas, page }) => {
    expect(POPULATION.length).toBe(SAMPLE.regions.length);
    await atlas.goto("/");
    await expect(picker(page)).toHaveValue("quantiles");
    const quantiles = await expectLegend(page, null, 0);
    for (const n of quantiles) expect(QUANTILE_SIZES, `quantile class of ${n}`).toContain(n);

    await atlas.goto("/?classes=equal");
    await expect(picker(page)).toHaveValue("equal");
    const equal = await expectLegend(page, equalCounts(POPULATION, CLASSES), 0);
    // The skewed populations leave the upper classes nearly empty: not the quantiles' spread.
    expect(equal).not.toEqual(quantiles);

    await atlas.goto("/?classes=jenks");
    await expect(picker(page)).toHaveValue("jenks");
    await expectLegend(page, jenksCounts(POPULATION, CLASSES), 0);

    // One region with data, the others hatched: one class, of one region, whatever the method.
    const share = figures(SAMPLE, "life_sciences_share");
    const missing = SAMPLE.regions.length - share.length;
    expect(missing).toBeGreaterThan(0);
    for (const method of ["quantiles", "equal", "jenks"]) {
      await atlas.goto(`/?indicator=life_sciences_share&classes=${method}`);
      await expectLegend(page, [share.length], missing);
      await expect(page.getByTestId("legend-nodata")).toHaveText(new RegExp(`^Pas de données\\s*${missing}$`));
    }
  });

  test("the histogram is a list named for what it counts, in both languages", async ({ atlas, page }) => {
    await atlas.goto("/?classes=equal");
    const list = page.getByRole("list", { name: "Nombre de régions par classe", exact: true });
    await expect(list).toHaveCount(1);
    await expect(list.getByRole("listitem")).toHaveCount(CLASSES + 1);
    await page.getByTestId("lang-switch").click();
    await expect(page.getByRole("list", { name: "Regions per class", exact: true })).toHaveCount(1);
    await expect(page.getByTestId("legend-nodata")).toHaveText(/^No data\s*0$/);
    await expect(picker(page).locator("option")).toHaveText(["Quantiles (as many regions per class)", "Equal intervals", "Natural breaks (Jenks)"]);
    await expect(page.locator('label[for="class-method"]')).toHaveText("Class breaks");
  });
});

test.describe("the picker and the URL", () => {
  test("choosing a method writes classes=…, a reload keeps it, back and forward restore it", async ({ atlas, page }) => {
    await atlas.goto("/");
    await expect(page.getByLabel("Découpage des classes", { exact: true })).toHaveValue("quantiles");
    expect(param(page, "classes")).toBeNull();
    const quantiles = await legendCounts(page);
    const equal = equalCounts(POPULATION, CLASSES);
    const jenks = jenksCounts(POPULATION, CLASSES);

    await picker(page).selectOption("equal");
    await expect.poll(() => param(page, "classes")).toBe("equal");
    await expect.poll(() => legendCounts(page)).toEqual(equal);
    await picker(page).selectOption("jenks");
    await expect.poll(() => param(page, "classes")).toBe("jenks");
    await expect.poll(() => legendCounts(page)).toEqual(jenks);

    await page.reload();
    await waitForApp(page);
    expect(param(page, "classes")).toBe("jenks");
    await expect(picker(page)).toHaveValue("jenks");
    await expectLegend(page, jenks, 0);

    await page.goBack();
    await expect.poll(() => param(page, "classes")).toBe("equal");
    await expect(picker(page)).toHaveValue("equal");
    await expect.poll(() => legendCounts(page)).toEqual(equal);
    await page.goBack();
    await expect.poll(() => param(page, "classes")).toBeNull();
    await expect(picker(page)).toHaveValue("quantiles");
    await expect.poll(() => legendCounts(page)).toEqual(quantiles);
    await page.goForward();
    await expect.poll(() => param(page, "classes")).toBe("equal");
    await expect(picker(page)).toHaveValue("equal");
    await expect.poll(() => legendCounts(page)).toEqual(equal);

    // Back to the default: it is left out of the link, other parameters stay.
    await page.getByTestId("indicator-picker").selectOption("life_sciences_share");
    await expect.poll(() => param(page, "indicator")).toBe("life_sciences_share");
    expect(param(page, "classes")).toBe("equal");
    await picker(page).selectOption("quantiles");
    await expect.poll(() => param(page, "classes")).toBeNull();
    expect(param(page, "indicator")).toBe("life_sciences_share");
  });

  test("an unknown ?classes= is quantiles, without error or note", async ({ atlas, page }) => {
    await atlas.goto("/");
    const quantiles = await legendCounts(page);
    await atlas.goto("/?classes=bogus");
    await expect(picker(page)).toHaveValue("quantiles");
    await expectLegend(page, quantiles, 0);
    await expect(page.getByTestId("class-fallback")).toHaveCount(0);
    // Any case of a known token is that token.
    await atlas.goto("/?classes=EQUAL");
    await expect(picker(page)).toHaveValue("equal");
    await expectLegend(page, equalCounts(POPULATION, CLASSES), 0);
  });

  test("the picker changes with the keyboard alone", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("indicator-picker").focus();
    await page.keyboard.press("Tab");
    await expect(picker(page)).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => param(page, "classes")).toBe("equal");
    await expect(picker(page)).toHaveValue("equal");
    await expect.poll(() => legendCounts(page)).toEqual(equalCounts(POPULATION, CLASSES));
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => param(page, "classes")).toBe("jenks");
    await expect.poll(() => legendCounts(page)).toEqual(jenksCounts(POPULATION, CLASSES));
    // The sample publishes no thresholds: there is nothing below natural breaks.
    await page.keyboard.press("ArrowDown");
    await expect(picker(page)).toHaveValue("jenks");
    await page.keyboard.press("Home");
    await expect.poll(() => param(page, "classes")).toBeNull();
    await expect(picker(page)).toBeFocused();
  });
});

test.describe("published thresholds", () => {
  test("an indicator without thresholds does not offer them, and ?classes=dataset says why it uses quantiles", async ({ atlas, page }) => {
    expect(SAMPLE.indicators.every((i) => !i.breaks), "the sample publishes no thresholds").toBe(true);
    await atlas.goto("/");
    const quantiles = await legendCounts(page);
    await expect(picker(page).locator("option")).toHaveCount(3);
    expect(await picker(page).locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([
      "quantiles",
      "equal",
      "jenks",
    ]);
    await expect(page.getByTestId("class-fallback")).toHaveCount(0);

    await atlas.goto("/?classes=dataset");
    await expect(page.getByTestId("class-fallback")).toHaveText(NO_THRESHOLDS_FR);
    await expect(page.getByTestId("class-fallback")).toBeVisible();
    await expect(picker(page)).toHaveValue("quantiles");
    await expect(picker(page).locator('option[value="dataset"]')).toHaveCount(0);
    await expectLegend(page, quantiles, 0);
    // The note is under the legend, inside it.
    await expect(page.getByTestId("map-legend").getByTestId("class-fallback")).toHaveCount(1);
  });

  test.describe("with a dataset that publishes them", () => {
    test.use({ serviceWorkers: "block" });
    const BREAKS = [1_000_000, 3_000_000, 6_000_000];
    const BEDS_BREAKS = [5_000, 20_000];
    const WITH_BREAKS: Dataset = structuredClone(SAMPLE);
    const population = indicator(WITH_BREAKS, "population");
    population.breaks = BREAKS;
    WITH_BREAKS.indicators.push({
      ...structuredClone(population),
      id: "beds",
      name: { fr: "Lits", en: "Beds" },
      unit: "count",
      per_capita: true,
      breaks: BEDS_BREAKS,
      values: population.values.map((v) => ({ ...v, value: Math.round(v.value / 200) })),
    });

    async function serve(page: Page) {
      await page.route("**/fixtures/with-breaks.json", (route) =>
        route.fulfill({ body: JSON.stringify(WITH_BREAKS), contentType: "application/json; charset=utf-8" }),
      );
    }

    test("they are offered, drawn as published, and replaced by quantiles per capita", async ({ atlas, page }) => {
      await serve(page);
      await atlas.goto("/?data=fixtures/with-breaks.json");
      await expect(picker(page).locator("option")).toHaveCount(4);
      await picker(page).selectOption("dataset");
      await expect.poll(() => param(page, "classes")).toBe("dataset");
      expect(param(page, "data"), "the dataset stays in the link").toBe("fixtures/with-breaks.json");
      await expect(page.getByTestId("class-fallback")).toHaveCount(0);
      await expectLegend(page, countByBounds(POPULATION, BREAKS), 0);
      // Open ends: below the first threshold, at or above the last.
      await expect(page.getByTestId("legend-class").first()).toContainText("<");
      await expect(page.getByTestId("legend-class").last()).toContainText("≥");

      // Thresholds are for the figures as published: per capita, quantiles and a note.
      await atlas.goto("/?data=fixtures/with-breaks.json&indicator=beds&classes=dataset");
      await expect(picker(page)).toHaveValue("dataset");
      const beds = figures(WITH_BREAKS, "beds");
      await expectLegend(page, countByBounds(beds, BEDS_BREAKS), 0);
      await page.getByTestId("per-capita").click();
      await expect.poll(() => param(page, "pc")).toBe("1");
      await expect(page.getByTestId("class-fallback")).toHaveText(PER_CAPITA_FR);
      await expect(picker(page)).toHaveValue("quantiles");
      await expect(page.getByTestId("legend-class")).toHaveCount(CLASSES);

      // An indicator without thresholds: no longer offered; the link still asks, so the note says why.
      await page.getByTestId("indicator-picker").selectOption("life_sciences_share");
      await expect(picker(page).locator('option[value="dataset"]')).toHaveCount(0);
      await expect(page.getByTestId("class-fallback")).toHaveText(NO_THRESHOLDS_FR);
      expect(param(page, "classes")).toBe("dataset");
    });
  });
});

test.describe("accessibility: no WCAG 2.1 A/AA violations found by axe", () => {
  for (const theme of ["light", "dark"] as const) {
    test(`natural breaks and the fallback note in the ${theme} theme`, async ({ atlas, page }) => {
      await atlas.goto(`/?classes=jenks&theme=${theme}`);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(picker(page)).toHaveValue("jenks");
      await expectNoAxeViolations(page);
      await atlas.goto(`/?classes=dataset&theme=${theme}`);
      await expect(page.getByTestId("class-fallback")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 800 } });

  test("the legend and the picker fit, every count readable beside its bar", async ({ atlas, page }) => {
    await atlas.goto("/?classes=equal");
    const legend = (await page.getByTestId("map-legend").boundingBox())!;
    const select = (await picker(page).boundingBox())!;
    expect(select.x + select.width, "the picker fits the screen").toBeLessThanOrEqual(360);
    const list = page.getByRole("list", { name: "Nombre de régions par classe" });
    const overflow = await list.evaluate((ul) => ul.scrollWidth - ul.clientWidth);
    expect(overflow, "nothing sticks out of the legend").toBeLessThanOrEqual(0);
    const rows = page.locator('[data-testid="map-legend"] li');
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const bar = (await row.locator(".legend-bar").boundingBox())!;
      const count = (await row.getByTestId("legend-count").boundingBox())!;
      expect(bar.width, "the bar's track has room").toBeGreaterThan(20);
      expect(count.x, "the count follows its bar").toBeGreaterThanOrEqual(bar.x + bar.width - 0.5);
      expect(count.x + count.width).toBeLessThanOrEqual(legend.x + legend.width + 0.5);
    }
  });

  // The indicator picker's long option names once made the toolbar, and the page, 444 px wide.
  test("the map page does not scroll sideways", async ({ atlas, page }) => {
    await atlas.goto("/");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
