// The region page (`/region/:id`): reached from the map and from search; Normandy's page shows
// every seed fact (headline figure, the three national ranks, each place and its facts), each
// with its source line; print hides the site chrome; an unknown id offers suggestions; axe.
//
// Figures are checked as a reader sees them in French: digits grouped and units separated with
// U+202F NARROW NO-BREAK SPACE ("16 000", "300 ha", "70 %").
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { pointOn } from "./support/baked";
import { expectNoAxeViolations } from "./support/axe";
import { expectCites, markers, ownMarker } from "./support/citations";

type Text = { fr?: string; en?: string };
type Fact = { label: Text; value?: number; source: string };
type Place = { id: string; name: Text; category: string; region: string; facts?: Fact[]; source: string };
type Dataset = {
  regions: { id: string; name: Text }[];
  places: Place[];
  sources: { id: string; title: Text; publisher: string }[];
};

const SAMPLE: Dataset = JSON.parse(readFileSync(path.join(process.env.E2E_DIST ?? "dist", "data", "atlas.json"), "utf8"));
const NORMANDY_PLACES = SAMPLE.places.filter((p) => p.region === "28");
const NNBSP = "\u202f";
const NORMANDY_SOURCE = "La Normandie, une région leader dans le développement de la santé du futur";

/** innerText keeps U+202F, unlike Playwright's whitespace-normalising text matchers. */
const textOf = (locator: Locator) => locator.innerText();

async function expectRegionPage(page: Page, id: string, name: string) {
  await expect(page.getByTestId("region-page")).toBeVisible();
  await expect(page.getByTestId("region-page")).toHaveAttribute("data-region", id);
  await expect(page.getByTestId("page-title")).toHaveText(name);
  await expect(page).toHaveTitle(new RegExp(`^${name}`));
}

test.describe("opening a region", () => {
  test("from the map, by clicking its shape", async ({ atlas, page }) => {
    await atlas.goto("/");
    const shape = page.locator('path.region-shape[data-region="53"]');
    await shape.click({ position: await pointOn(shape) });
    await expectRegionPage(page, "53", "Bretagne");
    expect(await atlas.route()).toBe("/region/53");
  });

  test("from the map's table twin", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("map-table").locator("summary").click();
    await page.getByTestId("map-table").locator('tr[data-region="28"] th a').click();
    await expectRegionPage(page, "28", "Normandie");
  });

  test("from the search box, by its English name", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("search").fill("normandy");
    await page.getByTestId("search-results").locator('a[href$="/region/28"]').click();
    await expectRegionPage(page, "28", "Normandie");
    expect(await atlas.route()).toBe("/region/28");
  });
});

test.describe("Normandy's page shows every seed fact with its source", () => {
  test("headline figure: legal population, rank and source", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    await expectRegionPage(page, "28", "Normandie");
    await expect(page.getByTestId("region-page")).toContainText("Chef-lieu Rouen");
    const figure = page.getByTestId("headline-figures").locator("li").filter({ hasText: "Population légale" });
    await expect(figure).toHaveCount(1);
    await expect(figure.locator(".figure-value")).toHaveText(`3${NNBSP}345${NNBSP}842`);
    await expect(figure).toContainText("10e sur 18");
    await expectCites(page, markers(figure), "INSEE / Etalab");
  });

  test("the three national ranks: 1st, 2nd, 3rd, each with the source document", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    const ranks = page.getByTestId("national-ranks").locator("li");
    await expect(ranks).toHaveCount(3);
    const expected = [
      ["1re", "Dispositifs médicaux connectés"],
      ["2e", "Chimie pharmaceutique"],
      ["3e", "Production de médicaments"],
    ];
    for (const [i, [rank, subject]] of expected.entries()) {
      const item = ranks.nth(i);
      await expect(item.locator(".figure-value")).toHaveText(rank);
      await expect(item.locator(".figure-label")).toHaveText(subject);
      await expectCites(page, markers(item), NORMANDY_SOURCE, "AD Normandie");
    }
  });

  test("every place of the region has a card with its source; every fact has a source marker", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    const cards = page.getByTestId("place-card");
    await expect(cards).toHaveCount(NORMANDY_PLACES.length);
    expect(NORMANDY_PLACES.length).toBe(16);
    for (const place of NORMANDY_PLACES) {
      const card = page.locator(`#place-${place.id}`);
      await expect(card, place.id).toHaveAttribute("data-testid", "place-card");
      await expect(card.locator("h4")).toHaveText(place.name.fr!);
      // The card's own marker, after its description (or its category), names the place's source.
      await expectCites(page, card.locator(':scope > p [data-testid="source-mark"]'), NORMANDY_SOURCE);
      const facts = card.locator(".facts > li");
      await expect(facts).toHaveCount(place.facts?.length ?? 0);
      for (const [i, fact] of (place.facts ?? []).entries()) {
        await expect(facts.nth(i)).toContainText(fact.label.fr!);
        await expectCites(page, markers(facts.nth(i)), "AD Normandie");
      }
    }
    // Places of other regions stay on their own page.
    await expect(page.locator("#place-medicen-paris-region")).toHaveCount(0);
  });

  test("the seed figures read as in the source documents", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    const fact = (place: string, label: string) =>
      page
        .locator(`#place-${place} .facts > li`)
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator("strong");
    const expected: [string, string, string][] = [
      ["epopea", "Superficie", `300${NNBSP}ha`],
      ["epopea", "Emplois", `16${NNBSP}000`],
      ["epopea", "Chercheurs", `1${NNBSP}000`],
      ["epopea", "Étudiants", `14${NNBSP}000`],
      ["rouen-health-campus", "Superficie", `6${NNBSP}ha`],
      ["normandie-incubation", "Projets accompagnés", "296"],
      ["normandie-incubation", "Entreprises créées", "225"],
      ["normandie-incubation", "Taux de survie des entreprises créées", `70${NNBSP}%`],
      ["robocath", "Année de création", "2009"],
    ];
    for (const [place, label, value] of expected) {
      await expect(fact(place, label), `${place}: ${label}`).toHaveCount(1);
      expect(await textOf(fact(place, label)), `${place}: ${label}`).toBe(value);
    }
    // Facts without a figure are listed too.
    await expect(page.locator("#place-rouen-health-campus")).toContainText("Centre hospitalier universitaire et ses pôles d'innovation");
    await expect(page.locator("#place-tech-up-corner")).toContainText("Inauguré le 25 janvier par le groupe Selha");
    await expect(page.locator("#place-epopea")).toContainText("Campus · Caen");
  });

  test("places are grouped by category with counts", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    const counts = new Map<string, number>();
    for (const p of NORMANDY_PLACES) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    await expect(page.locator("section.place-group")).toHaveCount(counts.size);
    for (const [category, n] of counts) {
      const group = page.locator(`section.place-group[data-category="${category}"]`);
      await expect(group.locator("h3")).toContainText(`(${n})`);
      await expect(group.getByTestId("place-card")).toHaveCount(n);
    }
  });

  test("the source list names each source used, and every figure's marker resolves to it", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    const list = page.getByTestId("source-list");
    await expect(list.locator("li")).toHaveCount(2);
    await expect(list.locator("#source-normandy-health")).toContainText(NORMANDY_SOURCE);
    await expect(list.locator("#source-insee-population")).toContainText("INSEE / Etalab");
    // One under the headline figure, each rank, each place and each of their facts.
    const facts = NORMANDY_PLACES.reduce((n, p) => n + (p.facts?.length ?? 0), 0);
    const count = 1 + 3 + NORMANDY_PLACES.length + facts;
    const all = page.getByTestId("region-page").getByTestId("source-mark");
    await expect(all).toHaveCount(count);
    // No source is written out under a figure any more: the list says each once.
    await expect(page.getByTestId("region-page").locator(".source-line")).toHaveCount(0);
    // Every marker on the page resolves to its source in the list.
    for (let i = 0; i < count; i++) await expectCites(page, all.nth(i));
  });

  test("the same facts in English", async ({ atlas, page }) => {
    await atlas.goto("/region/28?lang=en");
    await expectRegionPage(page, "28", "Normandy");
    const ranks = page.getByTestId("national-ranks").locator("li");
    await expect(ranks.locator(".figure-value")).toHaveText(["1st", "2nd", "3rd"]);
    await expect(ranks.nth(0)).toContainText("Connected medical devices");
    const epopea = page.locator("#place-epopea");
    expect(await epopea.innerText()).toContain("16,000");
    expect(await epopea.innerText()).toContain("300\u00a0ha");
    await expectCites(page, markers(epopea).first(), "Normandy, a leading region");
  });
});

test.describe("the embedded region card", () => {
  test("shows the page's headline figures as the page does, national rank and year included", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    const onPage = page.getByTestId("headline-figures").locator("li");
    await expect(onPage).not.toHaveCount(0);
    const pageTexts = await onPage.allInnerTexts();
    await atlas.goto("/embed/region/28");
    const card = page.getByTestId("region-card");
    await expect(card).toBeVisible();
    const population = card.locator("li").filter({ hasText: "Population légale" });
    await expect(population).toHaveCount(1);
    await expect(population.locator(".figure-value")).toHaveText(`3${NNBSP}345${NNBSP}842`);
    await expect(population).toContainText("10e sur 18");
    // Figure for figure the same text as on the page (value, label, year, rank, source).
    const inCard = await card.getByTestId("headline-figures").locator("li").allInnerTexts();
    expect(inCard.slice(0, pageTexts.length)).toEqual(pageTexts);
  });
});

test.describe("print", () => {
  test("the print stylesheet hides the header, footer and buttons, and keeps the content", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    await expect(page.getByTestId("app-header")).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("app-header")).toBeHidden();
    await expect(page.locator(".site-footer")).toBeHidden();
    await expect(page.getByRole("button", { name: "Imprimer" })).toBeHidden();
    await expect(page.getByTestId("embed-button")).toBeHidden();
    await expect(page.getByTestId("page-title")).toBeVisible();
    await expect(page.getByTestId("headline-figures")).toBeVisible();
    await expect(page.getByTestId("national-ranks")).toBeVisible();
    await expect(page.locator("#place-epopea")).toBeVisible();
    await expect(page.getByTestId("source-mark").first()).toBeVisible();
    await expect(page.getByTestId("source-list")).toBeVisible();
    await page.emulateMedia({ media: "screen" });
    await expect(page.getByTestId("app-header")).toBeVisible();
  });
});

test.describe("unknown region", () => {
  test("an unknown id shows not-found with every region as a suggestion", async ({ atlas, page }) => {
    await atlas.goto("/region/99");
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByTestId("region-page")).toHaveCount(0);
    await expect(page.getByTestId("page-title")).toHaveText("Cette région ne figure pas dans les données.");
    const suggestions = page.getByTestId("region-suggestions").getByRole("link");
    await expect(suggestions).toHaveCount(SAMPLE.regions.length);
    await expect(suggestions.filter({ hasText: "Normandie" })).toHaveAttribute("href", /\/region\/28$/);
    await expect(page.getByTestId("app-header")).toBeVisible();
  });

  test("a region name instead of its id suggests that region, and the suggestion opens it", async ({ atlas, page }) => {
    await atlas.goto("/region/normandie");
    await expect(page.getByTestId("not-found")).toBeVisible();
    const suggestions = page.getByTestId("region-suggestions").getByRole("link");
    await expect(suggestions.first()).toHaveText("Normandie");
    await suggestions.first().click();
    await expectRegionPage(page, "28", "Normandie");
    expect(await atlas.route()).toBe("/region/28");
  });
});

test.describe("accessibility: no WCAG 2.1 A/AA violations found by axe", () => {
  for (const route of ["/region/28", "/region/28?theme=dark", "/region/11?lang=en", "/region/99"]) {
    test(route, async ({ atlas, page }) => {
      await atlas.goto(route);
      await expect(page.getByTestId("page-title")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});

test.describe("source markers", () => {
  test("name their source on hover and focus, and lead to it in the list", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    const figure = page.getByTestId("headline-figures").locator("li").filter({ hasText: "Population légale" });
    const mark = figure.getByTestId("source-mark");
    const tip = figure.locator(".cite-tip");
    await expect(tip).toBeHidden();
    await mark.hover();
    await expect(tip).toBeVisible();
    await expect(tip).toContainText("INSEE / Etalab");
    await page.mouse.move(0, 0);
    await expect(tip).toBeHidden();
    // Keyboard: the marker is a link; focus shows the same name.
    await mark.focus();
    await expect(tip).toBeVisible();
    await expectNoAxeViolations(page);
    // Activating it (a tap on a phone) goes to the source's entry in the list.
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#source-insee-population$/);
    await expect(page.locator("#source-insee-population")).toBeInViewport();
  });
});
