// The comparison (`/compare?regions=…`): choosing regions with the select and the remove buttons,
// the URL as the selection (reload, back/forward), the per-capita toggle, missing figures shown
// as missing and never ranked, a phone layout without horizontal page scroll, and axe.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "@playwright/test";
import { test, expect, waitForApp } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";

const OTHER_FILE = fileURLToPath(new URL("./fixtures/other-country.json", import.meta.url));
const NNBSP = "\u202f";

const table = (page: Page) => page.getByTestId("compare-table");
/** The compared regions, in order, as the table's column headers say. */
const columns = (page: Page) => table(page).locator("thead th[data-region]").evaluateAll((ths) => ths.map((th) => th.getAttribute("data-region")));
const cell = (page: Page, indicator: string, region: string) =>
  table(page).locator(`tr[data-indicator="${indicator}"] td[data-region="${region}"]`);
const regionsParam = (page: Page) => new URL(page.url()).searchParams.get("regions");
const textOf = (locator: Locator) => locator.innerText();

async function expectRegions(page: Page, ids: string[]) {
  await expect.poll(() => columns(page)).toEqual(ids);
  // One chip per region with a remove button, and the select offers only the others.
  await expect(page.getByTestId("compare-picker").locator("li.chip")).toHaveCount(ids.length);
  for (const id of ids) {
    await expect(page.getByTestId(`remove-${id}`)).toBeVisible();
    await expect(page.getByTestId("compare-add").locator(`option[value="${id}"]`)).toHaveCount(0);
  }
}

/**
 * Serves the second dataset (tests/e2e/fixtures/other-country.json) at the URL the app asks for
 * (`?data=fixtures/other-country.json`, relative to the app). Tests using it block the service
 * worker (`serviceWorkers: "block"`): page.route does not see requests a worker answers.
 */
async function serveOtherCountry(page: Page) {
  await page.route("**/fixtures/other-country.json", (route) =>
    route.fulfill({ path: OTHER_FILE, contentType: "application/json; charset=utf-8" }),
  );
}

test.describe("choosing regions", () => {
  test("without a parameter, Normandy and Île-de-France are compared", async ({ atlas, page }) => {
    await atlas.goto("/compare");
    await expect(page.getByTestId("compare-view")).toBeVisible();
    await expectRegions(page, ["28", "11"]);
    await expect(table(page).locator('thead th[data-region="28"]')).toHaveText("Normandie");
    await expect(table(page).locator('thead th[data-region="11"]')).toHaveText("Île-de-France");
    expect(await textOf(cell(page, "population", "28").locator(".figure-value"))).toBe(`3${NNBSP}345${NNBSP}842`);
    expect(await textOf(cell(page, "population", "11").locator(".figure-value"))).toBe(`12${NNBSP}463${NNBSP}067`);
    // Two of at most four: a third can be added; the select holds only its options.
    await expect(page.getByTestId("compare-add")).toBeEnabled();
    await expect(page.getByTestId("compare-add").locator("option")).toHaveCount(1 + 16);
    expect(await page.getByTestId("compare-add").evaluate((s) => [...s.childNodes].filter((n) => n.nodeType === 3 && n.textContent!.trim()).length)).toBe(0);
  });

  test("with a single region, the view asks for another one", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=28");
    await expectRegions(page, ["28"]);
    const banner = page.getByRole("status").filter({ hasText: "Choisissez au moins deux régions pour les comparer." });
    await expect(banner).toBeVisible();
    await page.getByTestId("compare-add").selectOption("53");
    await expectRegions(page, ["28", "53"]);
    await expect(banner).toHaveCount(0);
  });

  test("Normandy and Île-de-France through the UI: add with the select, remove with the buttons", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=53,84");
    await expectRegions(page, ["53", "84"]);
    // At two regions, none can be removed.
    await expect(page.getByTestId("remove-53")).toBeDisabled();
    await expect(page.getByTestId("remove-84")).toBeDisabled();

    const add = page.getByTestId("compare-add");
    await add.selectOption("28");
    await expectRegions(page, ["53", "84", "28"]);
    expect(regionsParam(page)).toBe("53,84,28");
    await expect(page.getByTestId("remove-53")).toBeEnabled();

    await add.selectOption("11");
    await expectRegions(page, ["53", "84", "28", "11"]);
    expect(regionsParam(page)).toBe("53,84,28,11");
    // Four is the most: the select is disabled.
    await expect(add).toBeDisabled();

    await page.getByTestId("remove-53").click();
    await expectRegions(page, ["84", "28", "11"]);
    await expect(add).toBeEnabled();
    await page.getByTestId("remove-84").click();
    await expectRegions(page, ["28", "11"]);
    expect(regionsParam(page)).toBe("28,11");
    await expect(page.getByTestId("remove-28")).toBeDisabled();

    // The table compares the two, with their figures, places and funding.
    expect(await textOf(cell(page, "population", "28").locator(".figure-value"))).toBe(`3${NNBSP}345${NNBSP}842`);
    expect(await textOf(cell(page, "population", "11").locator(".figure-value"))).toBe(`12${NNBSP}463${NNBSP}067`);
    await expect(cell(page, "population", "28")).toContainText("10e sur 18");
    await expect(cell(page, "population", "11")).toContainText("1re sur 18");
    // Both figures come from the same source: the row names it once, not each cell.
    const populationRow = table(page).locator('tr[data-indicator="population"]');
    await expect(populationRow.locator("th .source-line")).toContainText("INSEE");
    await expect(populationRow.locator("td .source-line")).toHaveCount(0);
    await expect(table(page).locator('tr[data-category="company"] td[data-region="28"]')).toHaveText("5");
    await expect(table(page).locator('tr[data-category="company"] td[data-region="11"]')).toHaveText("0");
    await expect(page.getByTestId("funding-totals").locator("td")).toHaveCount(2);
  });

  test("the remove buttons name the region they remove", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=28,11,84");
    await expect(page.getByRole("button", { name: /Normandie/ })).toHaveAttribute("data-testid", "remove-28");
  });
});

test.describe("the URL holds the selection", () => {
  test("a reload keeps the regions and the per-capita choice", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=28,11,93&pc=1");
    await expectRegions(page, ["28", "11", "93"]);
    await page.reload();
    await waitForApp(page);
    await expectRegions(page, ["28", "11", "93"]);
    expect(regionsParam(page)).toBe("28,11,93");
    await expect(page.getByTestId("per-capita")).toHaveAttribute("aria-pressed", "true");
  });

  test("back and forward restore the previous selections", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=28,11");
    await page.getByTestId("compare-add").selectOption("84");
    await expectRegions(page, ["28", "11", "84"]);
    await page.getByTestId("remove-11").click();
    await expectRegions(page, ["28", "84"]);

    await page.goBack();
    await expectRegions(page, ["28", "11", "84"]);
    expect(regionsParam(page)).toBe("28,11,84");
    await page.goBack();
    await expectRegions(page, ["28", "11"]);
    expect(regionsParam(page)).toBe("28,11");
    await page.goForward();
    await expectRegions(page, ["28", "11", "84"]);
    await page.goForward();
    await expectRegions(page, ["28", "84"]);
    expect(regionsParam(page)).toBe("28,84");
  });

  test("unknown and repeated ids in a link are dropped", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=28,xx,28,11");
    await expectRegions(page, ["28", "11"]);
  });
});

test.describe("per capita", () => {
  test("the toggle writes pc=1; population itself is never divided by population", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=28,11");
    const toggle = page.getByTestId("per-capita");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    const before = await textOf(cell(page, "population", "11"));
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => new URL(page.url()).searchParams.get("pc")).toBe("1");
    expect(regionsParam(page)).toBe("28,11");
    // The sample's indicators (a population and a share) have no per-capita form.
    expect(await textOf(cell(page, "population", "11"))).toBe(before);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect.poll(() => new URL(page.url()).searchParams.get("pc")).toBeNull();
  });

  test.describe("with a dataset whose indicator allows it", () => {
    test.use({ serviceWorkers: "block" });

    test("the toggle changes figures and ranks to per 100,000 inhabitants, and back", async ({ atlas, page }) => {
      await serveOtherCountry(page);
      await atlas.goto("/compare?data=fixtures/other-country.json&regions=NRD,OST,BRU");
      await expectRegions(page, ["NRD", "OST", "BRU"]);
      const value = (region: string) => textOf(cell(page, "clinics", region).locator(".figure-value"));
      expect(await value("NRD")).toBe("120");
      expect(await value("OST")).toBe("160");
      await expect(cell(page, "clinics", "NRD")).toContainText("3e sur 3");
      await expect(cell(page, "clinics", "OST")).toContainText("1re sur 3");

      await page.getByTestId("per-capita").click();
      await expect.poll(() => new URL(page.url()).searchParams.get("pc")).toBe("1");
      expect(new URL(page.url()).searchParams.get("data")).toBe("fixtures/other-country.json");
      // 120 / 1,200,000 × 100,000 = 10; 160 / 800,000 × 100,000 = 20; Southland (125 / 2.5 M) = 5.
      await expect(cell(page, "clinics", "NRD").locator(".figure-value")).toHaveText("10");
      await expect(cell(page, "clinics", "OST").locator(".figure-value")).toHaveText("20");
      await expect(cell(page, "clinics", "NRD")).toContainText("2e sur 3");
      await expect(cell(page, "clinics", "OST")).toContainText("1re sur 3");
      await expect(table(page).locator('tr[data-indicator="clinics"] th')).toContainText("Pour 100");
      // The island has no figure: missing with or without the toggle, never ranked, not counted.
      await expect(cell(page, "clinics", "BRU").getByTestId("no-data")).toHaveText("Pas de données");
      await expect(cell(page, "clinics", "BRU")).toContainText("Non classée");
      // Population stays absolute.
      expect(await textOf(cell(page, "population", "NRD").locator(".figure-value"))).toBe(`1${NNBSP}200${NNBSP}000`);

      await page.getByTestId("per-capita").click();
      await expect(cell(page, "clinics", "NRD").locator(".figure-value")).toHaveText("120");
    });
  });
});

test.describe("missing figures", () => {
  test("a figure the dataset lacks says 'no data', is never ranked and never drawn as zero", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=28,11,84");
    // Only Île-de-France has a life-sciences share.
    const missing = cell(page, "life_sciences_share", "28");
    await expect(missing.getByTestId("no-data")).toHaveText("Pas de données");
    await expect(missing).toContainText("Non classée");
    await expect(missing.locator(".bar, .figure-value")).toHaveCount(0);
    expect(await textOf(missing)).not.toMatch(/\d/);
    await expect(cell(page, "life_sciences_share", "84").getByTestId("no-data")).toBeVisible();

    const present = cell(page, "life_sciences_share", "11");
    await expect(present.getByTestId("no-data")).toHaveCount(0);
    expect(await textOf(present.locator(".figure-value"))).toBe(`plus de\u00a050${NNBSP}%`);
    // Alone with a figure, it has nobody to be ranked against: no "1re sur 1".
    expect(await textOf(present)).not.toMatch(/sur\s1\b/);
    await expect(table(page).locator('tr[data-indicator="life_sciences_share"] th .source-line')).toContainText("Medicen Paris Region");

    // No funding recorded for Normandy: said so, not €0.
    const funding = page.getByTestId("funding-totals").locator('td[data-region="28"]');
    await expect(funding).toHaveText("Pas de données");
    await expect(page.getByTestId("funding-totals").locator('td[data-region="11"] .figure-value')).toContainText("€");
    await expect(page.locator(".compare").getByText("Une donnée manquante n’est jamais comptée comme zéro.")).toBeVisible();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("four regions: nothing but the table scrolls sideways", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=28,11,84,93");
    await expectRegions(page, ["28", "11", "84", "93"]);
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const offenders = [...document.querySelectorAll("body *")]
        .filter((el) => !el.closest(".table-wrap"))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && (r.right > width + 1 || r.left < -1);
        })
        .filter((el) => getComputedStyle(el).position !== "absolute" || !el.closest(".skip-link, .visually-hidden"))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} [${Math.round(el.getBoundingClientRect().left)}–${Math.round(el.getBoundingClientRect().right)}]`);
      return { width, scrollWidth: document.documentElement.scrollWidth, bodyScroll: document.body.scrollWidth, offenders };
    });
    expect(overflow.scrollWidth, JSON.stringify(overflow)).toBeLessThanOrEqual(overflow.width);
    expect(overflow.bodyScroll, JSON.stringify(overflow)).toBeLessThanOrEqual(overflow.width);
    expect(overflow.offenders).toEqual([]);
    // The table itself may scroll, inside its wrapper.
    const wrap = page.locator(".compare .table-wrap");
    const wrapBox = (await wrap.boundingBox())!;
    expect(wrapBox.x + wrapBox.width).toBeLessThanOrEqual(360 + 1);
    await expect(page.getByTestId("compare-add")).toBeVisible();
    await expect(page.getByTestId("per-capita")).toBeVisible();
  });
});

test.describe("accessibility: no WCAG 2.1 A/AA violations found by axe", () => {
  for (const route of ["/compare", "/compare?regions=28,11,84,93&pc=1", "/compare?regions=28,11&theme=dark&lang=en"]) {
    test(route, async ({ atlas, page }) => {
      await atlas.goto(route);
      await expect(page.getByTestId("compare-table")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});
