// Funding page: every seed figure appears with its source in French and English, charts answer
// the pointer and the keyboard with a tooltip, CSV/SVG/PNG downloads hold the chart, dark mode
// redraws the charts in dark colours, and axe finds no WCAG 2.1 A/AA violation.
//
// Self-contained on @playwright/test: E2E_BASE_URL is the atlas's mount point (the shared
// global setup sets it), and the app marks itself ready with <html data-ready="true">.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, type Locator, type Page } from "@playwright/test";
import { expectCites } from "./support/citations";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080/";
const url = (route: string) => new URL(route.replace(/^\/+/, ""), BASE).href;

/** Waits until the app has loaded its dataset and rendered its first view. */
async function waitForApp(page: Page, timeout = 15_000) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout });
}

async function openFunding(page: Page, query = "") {
  await page.goto(url(`/funding${query}`));
  await waitForApp(page);
}

// French separates a number from its unit with U+202F and qualifiers with U+00A0; English joins
// qualifiers with U+00A0. The app never uses an ASCII space inside a figure.
const NN = "\u202f";
const NB = "\u00a0";

type Expectations = Record<string, string[]>;

/** Figures per funding card (data-funding) and per share card (data-share). */
const FUNDING_FR: Expectations = {
  "france-2030-health": [`7,5${NN}Md€`],
  "france-2030-medical-devices": [`400${NN}M€`, `7,5${NN}Md€`],
  "medicen-budget": [`1,9${NN}M€`, `2,3${NN}M€`],
  "medicen-region-erdf-support": [`245${NN}k€`, `573${NN}k€`],
  "medicen-collaborative-projects-2016": [`170${NN}M€`, `58${NN}M€`],
  "medicen-certified-projects-since-2005": [`environ${NB}1,9${NN}Md€`, `533${NN}M€`],
};
const FUNDING_EN: Expectations = {
  "france-2030-health": ["€7.5bn"],
  "france-2030-medical-devices": ["€400M", "€7.5bn"],
  "medicen-budget": ["€1.9M", "€2.3M"],
  "medicen-region-erdf-support": ["€245K", "€573K"],
  "medicen-collaborative-projects-2016": ["€170M", "€58M"],
  "medicen-certified-projects-since-2005": [`about${NB}€1.9bn`, "€533M"],
};
const SHARES_FR: Expectations = {
  "medicen-new-members-2016": [`42${NN}%`, `26${NN}%`, `17${NN}%`, `15${NN}%`],
};
const SHARES_EN: Expectations = {
  "medicen-new-members-2016": ["42%", "26%", "17%", "15%"],
};

/** Projects by programme type (the breakdown of the 2016 collaborative projects). */
const PROGRAMME_COUNTS_FR: Record<string, string> = {
  "Agence nationale de la recherche (ANR)": "4",
  "Contrat d'intérêt national (CIN)": "2",
  FEDER: "2",
  "Fonds unique interministériel (FUI)": "2",
  "Projet de recherche et de développement structurant pour la compétitivité (PSPC)": "1",
  "Recherche hospitalo-universitaire en santé": "6",
};
const PROGRAMME_COUNTS_EN: Record<string, string> = {
  "French National Research Agency (ANR)": "4",
  "National Interest Contract (CIN)": "2",
  ERDF: "2",
  "Single Interministerial Fund (FUI)": "2",
  "R&D Competitiveness Development project (PSPC)": "1",
  "Teaching Hospital Health Research": "6",
};

/** Fails the test on console errors, uncaught exceptions and CSP violations. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

async function expectCardsWithSources(page: Page, attr: "data-funding" | "data-share", expected: Expectations) {
  for (const [id, figures] of Object.entries(expected)) {
    const card = page.locator(`[${attr}="${id}"]`);
    await expect(card, `card ${id}`).toHaveCount(1);
    for (const figure of figures) {
      // textContent: the table twins are inside closed <details>, and still on the page.
      await expect(card, `${figure} in ${id}`).toContainText(figure);
    }
    // Every figure of the card cites its source by number, and each number resolves to the
    // list of sources on the same page; no source is written out on the card.
    const marks = card.getByTestId("source-mark");
    expect(await marks.count(), `source markers of ${id}`).toBeGreaterThan(0);
    await expect(marks.first(), `source of ${id}`).toBeVisible();
    for (let i = 0; i < (await marks.count()); i++) await expectCites(page, marks.nth(i));
    await expect(card.locator(".source-line")).toHaveCount(0);
  }
}

async function breakdownCounts(page: Page): Promise<Record<string, string>> {
  const card = page.locator('[data-funding="medicen-collaborative-projects-2016"]');
  // The card's second chart is the ranked breakdown.
  const rows = card.getByTestId("chart-table").nth(1).locator("tbody tr");
  await expect(rows).toHaveCount(6);
  const counts: Record<string, string> = {};
  for (const row of await rows.all()) {
    const label = ((await row.locator("th").textContent()) ?? "").trim();
    counts[label] = ((await row.locator("td").first().textContent()) ?? "").trim();
  }
  return counts;
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations
    .map((v) => `${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n  ")}`)
    .join("\n");
  expect(results.violations, summary).toEqual([]);
}

async function download(page: Page, button: Locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = await file.path();
  expect(path, "the download finished").toBeTruthy();
  return { name: file.suggestedFilename(), bytes: await readFile(path as string) };
}

test.describe("funding figures and their sources", () => {
  test("in French", async ({ page }) => {
    const problems = watchProblems(page);
    await openFunding(page, "?lang=fr");
    await expect(page.getByTestId("page-title")).toHaveText("Financements de la santé");
    await expectCardsWithSources(page, "data-funding", FUNDING_FR);
    await expectCardsWithSources(page, "data-share", SHARES_FR);
    expect(await breakdownCounts(page)).toEqual(PROGRAMME_COUNTS_FR);
    // A single amount is a figure, not a one-bar chart; a part shows what it is part of.
    await expect(page.locator('[data-funding="france-2030-health"]')).toHaveAttribute("data-chart-kind", "number");
    await expect(page.locator('[data-funding="france-2030-medical-devices"] [data-testid="part-of"]')).toContainText(
      `Fait partie de France 2030`,
    );
    await expect(page.locator('[data-funding="medicen-budget"]')).toHaveAttribute("data-chart-kind", "bars");
    await expect(page.locator('[data-funding="medicen-collaborative-projects-2016"]')).toHaveAttribute("data-chart-kind", "stacked");
    expect(problems).toEqual([]);
  });

  test("in English", async ({ page }) => {
    const problems = watchProblems(page);
    await openFunding(page, "?lang=en");
    await expect(page.getByTestId("page-title")).toHaveText("Health funding");
    await expectCardsWithSources(page, "data-funding", FUNDING_EN);
    await expectCardsWithSources(page, "data-share", SHARES_EN);
    expect(await breakdownCounts(page)).toEqual(PROGRAMME_COUNTS_EN);
    await expect(page.locator('[data-funding="france-2030-medical-devices"] [data-testid="part-of"]')).toContainText("Part of France 2030");
    expect(problems).toEqual([]);
  });

  test("each chart has a table twin with a caption and header cells", async ({ page }) => {
    await openFunding(page, "?lang=fr");
    const details = page.locator('[data-funding="medicen-budget"]').getByTestId("chart-table");
    await expect(details.locator("summary")).toHaveText("Afficher le tableau");
    await details.locator("summary").click();
    await expect(details.locator("summary")).toHaveText("Masquer le tableau");
    await expect(details.locator("caption")).toContainText("Budget de Medicen Paris Region");
    await expect(details.locator('th[scope="col"]')).toHaveText(["Année", "Montant"]);
    await expect(details.locator('th[scope="row"]')).toHaveText(["2015", "2016"]);
    await expect(details.locator("td")).toHaveText([`1,9${NN}M€`, `2,3${NN}M€`]);
  });

  test("a shared link to a chart scrolls to it and highlights it", async ({ page }) => {
    await openFunding(page, "?chart=medicen-certified-projects-since-2005");
    const card = page.locator('[data-funding="medicen-certified-projects-since-2005"]');
    await expect(card).toHaveAttribute("data-highlighted", "true");
    await expect(card).toBeInViewport();
  });

  test("a shared link to a share chart works the same way", async ({ page }) => {
    await openFunding(page, "?chart=medicen-new-members-2016");
    const card = page.locator('[data-share="medicen-new-members-2016"]');
    await expect(card).toHaveAttribute("data-highlighted", "true");
    await expect(card).toBeInViewport();
  });

  test("the embed button gives the chart's widget snippet", async ({ page }) => {
    await openFunding(page, "?lang=en");
    const embed = page.locator('[data-funding="medicen-budget"]').getByTestId("embed-chart");
    await embed.getByTestId("embed-button").click();
    const dialog = embed.getByTestId("embed-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("embed-code")).toHaveValue(/\/embed\/chart\/medicen-budget\?lang=en/);
    await expect(dialog.getByTestId("embed-preview")).toHaveAttribute("src", /embed\/chart\/medicen-budget\?lang=en$/);
  });
});

test.describe("embedding every chart", () => {
  /** The ids of the funding entries and shares charted on the page, in page order. */
  async function chartIds(page: Page): Promise<string[]> {
    const cards = page.locator('[data-testid="funding-card"], [data-testid="share-card"]');
    return cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-funding") ?? el.getAttribute("data-share") ?? ""));
  }

  test("every chart, share and big number has the same Embed button, and its widget renders there", async ({ page }) => {
    test.setTimeout(90_000);
    const problems = watchProblems(page);
    await openFunding(page, "?lang=en");
    const ids = await chartIds(page);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) {
      const card = page.locator(`[data-funding="${id}"], [data-share="${id}"]`);
      const embeds = card.getByTestId("embed-chart");
      const count = await embeds.count();
      expect(count, `${id}: an embed button per chart`).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const embed = embeds.nth(i);
        // A dialog button, not a link that navigates away.
        await expect(embed.getByTestId("embed-button"), `${id}: embed button`).toHaveCount(1);
        await expect(embed.locator("a"), `${id}: no link`).toHaveCount(0);
        await expect(embed.getByTestId("embed-code")).toHaveValue(new RegExp(`/embed/chart/${id}\\?lang=en"`));
      }
    }
    for (const id of ids) {
      await page.goto(url(`/embed/chart/${id}?lang=en`));
      await waitForApp(page);
      await expect(page.getByTestId("not-found"), `${id}: the widget exists`).toHaveCount(0);
      await expect(page.locator(`[data-funding="${id}"], [data-share="${id}"]`), `${id}: the widget shows its chart`).toBeVisible();
    }
    expect(problems).toEqual([]);
  });

  test("the share chart's widget shows the share, in the dialog's preview too", async ({ page }) => {
    await openFunding(page, "?lang=en");
    const embed = page.locator('[data-share="medicen-new-members-2016"]').getByTestId("embed-chart");
    await embed.getByTestId("embed-button").click();
    await expect(embed.getByTestId("embed-dialog")).toBeVisible();
    const preview = embed.getByTestId("embed-preview").contentFrame();
    // The live widget: until it is ready the preview shows its baked page (a copy per language).
    await expect(preview.locator(":root")).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
    await expect(preview.locator('[data-share="medicen-new-members-2016"]')).toBeVisible();
    await expect(preview.locator('[data-share="medicen-new-members-2016"]')).toContainText("42%");
    await expect(preview.getByTestId("not-found")).toHaveCount(0);
  });

  test("a big number's Embed button opens the dialog, with the widget under the atlas's sub-path", async ({ page }) => {
    await openFunding(page, "?lang=en");
    const card = page.locator('[data-funding="france-2030-health"]');
    await expect(card).toHaveAttribute("data-chart-kind", "number");
    const before = page.url();
    const embed = card.getByTestId("embed-chart");
    await expect(embed).toHaveCount(1);
    await embed.getByTestId("embed-button").click();
    const dialog = embed.getByTestId("embed-dialog");
    await expect(dialog).toBeVisible();
    expect(page.url(), "the page stays").toBe(before);
    await expect(dialog.getByTestId("embed-code")).toHaveValue(
      new RegExp(`<iframe src="${url("/embed/chart/france-2030-health").replace(/[.?]/g, "\\$&")}\\?lang=en"`),
    );
    const preview = dialog.getByTestId("embed-preview");
    await expect(preview).toHaveAttribute("src", new URL("embed/chart/france-2030-health", BASE).pathname + "?lang=en");
    await expect(preview.contentFrame().getByTestId("big-number")).toBeVisible({ timeout: 20_000 });
  });
});

test.describe("tooltips", () => {
  test("hovering a bar shows its category, series and value", async ({ page }) => {
    await openFunding(page, "?lang=fr");
    const card = page.locator('[data-funding="medicen-budget"]');
    const tooltip = card.getByTestId("chart-tooltip");
    await expect(tooltip).toHaveCount(0);
    // Point at the bar drawn in the SVG, through the chart frame (the pointer path, not focus).
    const mark = card.getByTestId("chart-mark").nth(1);
    // The mouse only hovers what is in the viewport.
    await card.getByTestId("chart").scrollIntoViewIfNeeded();
    const box = await mark.boundingBox();
    expect(box).not.toBeNull();
    if (!box) return;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText("2016");
    await expect(tooltip).toContainText(`2,3${NN}M€`);
    // Leaving the chart hides it.
    await page.mouse.move(0, 0);
    await expect(tooltip).toHaveCount(0);
  });

  test("the keyboard reaches the marks and shows the same tooltip", async ({ page }) => {
    await openFunding(page, "?lang=en");
    const card = page.locator('[data-funding="medicen-budget"]');
    const first = card.getByTestId("chart-mark").first();
    await expect(first).toHaveAttribute("aria-label", "2015, Amount: €1.9M");
    // Tab from the top of the page until a mark of this chart has the focus.
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await first.evaluate((el) => el === document.activeElement);
    }
    expect(reached, "Tab reaches the first mark").toBe(true);
    const tooltip = card.getByTestId("chart-tooltip");
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText("2015");
    await expect(tooltip).toContainText("€1.9M");
    // Arrow keys move between marks; the chart is one tab stop.
    await page.keyboard.press("ArrowRight");
    await expect(card.getByTestId("chart-mark").nth(1)).toBeFocused();
    await expect(tooltip).toContainText("€2.3M");
    await expect(card.getByTestId("chart-mark").nth(1)).toHaveAttribute("tabindex", "0");
    await expect(first).toHaveAttribute("tabindex", "-1");
    await page.keyboard.press("Escape");
    await expect(tooltip).toHaveCount(0);
  });
});

test.describe("downloads", () => {
  test("CSV: source comment, header, raw numbers", async ({ page }) => {
    await openFunding(page, "?lang=fr");
    const card = page.locator('[data-funding="medicen-budget"]');
    const { name, bytes } = await download(page, card.getByTestId("download-csv"));
    expect(name).toBe("budget-de-medicen-paris-region.csv");
    const text = bytes.toString("utf8");
    expect(text.startsWith("\uFEFF"), "a BOM for spreadsheets").toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toMatch(/^# Source/);
    expect(lines[0]).toContain("Medicen");
    expect(lines[1]).toBe("Année,Montant");
    expect(lines).toContain("2015,1900000");
    expect(lines).toContain("2016,2300000");
  });

  test("CSV of a stacked chart has the public, other and total columns", async ({ page }) => {
    await openFunding(page, "?lang=en");
    const card = page.locator('[data-funding="medicen-collaborative-projects-2016"]');
    const { bytes } = await download(page, card.getByTestId("download-csv").first());
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toMatch(/^# Source/);
    expect(lines[1]).toBe("Year,Public funds,Private and other funds,Total");
    expect(lines[2]).toBe("2016,58000000,112000000,170000000");
  });

  test("SVG and PNG are non-empty images", async ({ page }) => {
    await openFunding(page, "?lang=fr");
    const card = page.locator('[data-funding="medicen-region-erdf-support"]');
    const svg = await download(page, card.getByTestId("download-svg"));
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.bytes.length).toBeGreaterThan(500);
    expect(svg.bytes.toString("utf8")).toMatch(/^<svg /);
    expect(svg.bytes.toString("utf8")).toContain("Source");

    const png = await download(page, card.getByTestId("download-png"));
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.length).toBeGreaterThan(1000);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});

test.describe("themes and accessibility", () => {
  test("dark mode draws the charts in dark colours", async ({ page }) => {
    await openFunding(page, "?theme=dark");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const svg = page.locator('[data-funding="medicen-budget"] [data-testid="chart"] svg');
    const markup = (await svg.evaluate((el) => el.outerHTML)).toUpperCase();
    // The first series colour of each theme (atlas_core::charts::ChartTheme).
    expect(markup).toContain("#56B4E9");
    expect(markup).not.toContain("#0072B2");
    await expectNoAxeViolations(page);
  });

  test("light mode: no axe violations", async ({ page }) => {
    await openFunding(page, "?theme=light");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await expectNoAxeViolations(page);
  });

  test("English, with a table open and a tooltip shown: no axe violations", async ({ page }) => {
    await openFunding(page, "?lang=en");
    const card = page.locator('[data-funding="medicen-budget"]');
    await card.getByTestId("chart-table").locator("summary").click();
    await card.getByTestId("chart-mark").first().focus();
    await expect(card.getByTestId("chart-tooltip")).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
