// French and English everywhere: each route in both languages (`<html lang>`, a translated h1, no
// raw message key, no "undefined", no interface text left in the other language), the switch
// keeps the current view and query, a shared `lang=en` link opens in English whatever the
// reader's saved choice, numbers follow the locale, and axe finds nothing in either language.
//
// The interface messages are read from core/src/i18n.rs (the single source of both languages),
// so a message added there is checked here too.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, type Atlas } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";

type Lang = "fr" | "en";
const LANGS: Lang[] = ["fr", "en"];

const ROUTES = [
  { path: "/", name: "map" },
  { path: "/region/28", name: "region" },
  { path: "/compare?regions=28,11", name: "compare" },
  { path: "/funding", name: "funding" },
  { path: "/sources", name: "sources" },
  { path: "/region/99", name: "unknown region" },
  { path: "/no/such/page", name: "not found" },
];

// ── The interface messages, from the Rust source ──
const I18N_SOURCE = readFileSync("core/src/i18n.rs", "utf8");
const unescape = (s: string) =>
  s.replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16))).replace(/\\(["\\])/g, "$1");
const MESSAGES: { key: string; fr: string; en: string }[] = [
  ...I18N_SOURCE.matchAll(/^\s*([A-Z][A-Za-z0-9]*)\s*=>\s*\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*,?\s*\)/gm),
].map(([, key, fr, en]) => ({ key, fr: unescape(fr), en: unescape(en) }));
/** Keys as a developer would see them leak: CamelCase with at least two words ("NoData"). */
const RAW_KEYS = MESSAGES.map((m) => m.key).filter((k) => /^[A-Z][a-z0-9]+[A-Z]/.test(k));
/** The dataset as published: its proper names (a publisher, a programme) are not translated. */
const DATASET_TEXT = readFileSync(path.join(process.env.E2E_DIST ?? "dist", "data", "atlas.json"), "utf8");
/**
 * Interface texts that exist in one language only, long enough not to be a shared word
 * ("Campus", "Source"), not part of any text of the other language and not a name the dataset
 * uses. The language switch shows the other language's name on purpose.
 */
function foreignTexts(lang: Lang): string[] {
  const other: Lang = lang === "fr" ? "en" : "fr";
  const own = MESSAGES.map((m) => m[lang]);
  return MESSAGES.filter((m) => !m.key.startsWith("LangSwitch"))
    .map((m) => m[other])
    .filter((text) => text.length >= 8 && !own.some((o) => o.includes(text)) && !DATASET_TEXT.includes(text));
}

const NNBSP = "\u202f";

function withLang(route: string, lang: Lang) {
  return route + (route.includes("?") ? "&" : "?") + `lang=${lang}`;
}

async function openIn(atlas: Atlas, route: string, lang: Lang) {
  await atlas.goto(withLang(route, lang));
  await expect(atlas.page.locator("html")).toHaveAttribute("lang", lang);
  const title = atlas.page.getByTestId("page-title");
  await expect(title).toBeVisible();
  return (await title.innerText()).trim();
}

/** Visible text plus the accessible names and labels that are not visible text. */
async function pageTexts(page: Page) {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll("[aria-label], [placeholder], [title], [alt]")].flatMap((el) =>
      ["aria-label", "placeholder", "title", "alt"].map((a) => el.getAttribute(a) ?? ""),
    );
    return { body: document.body.innerText, attrs: attrs.join("\n"), title: document.title };
  });
}

async function expectCleanText(page: Page, lang: Lang) {
  const { body, attrs, title } = await pageTexts(page);
  for (const [where, text] of [["page", body], ["attributes", attrs], ["document title", title]] as const) {
    expect(text, `${where}: no "undefined"`).not.toMatch(/\bundefined\b|\bNaN\b|\[object |\bnull\b/);
    expect(text, `${where}: no leftover placeholder`).not.toMatch(/\{[a-z_]*\}|Msg::/);
    const leaked = RAW_KEYS.filter((k) => new RegExp(`\\b${k}\\b`).test(text));
    expect(leaked, `${where}: raw message keys`).toEqual([]);
  }
  const foreign = foreignTexts(lang).filter((t) => body.includes(t) || attrs.includes(t));
  expect(foreign, `interface text in the other language on a ${lang} page`).toEqual([]);
  expect(title.trim()).not.toBe("");
}

test("the message table was read from core/src/i18n.rs", () => {
  expect(MESSAGES.length).toBeGreaterThan(100);
  expect(MESSAGES.find((m) => m.key === "NoData")).toEqual({ key: "NoData", fr: "Pas de données", en: "No data" });
  expect(RAW_KEYS).toContain("TitleMap");
});

test.describe("every route in both languages", () => {
  for (const route of ROUTES) {
    test(`${route.path} (${route.name})`, async ({ atlas, page }) => {
      const titles: Record<string, string> = {};
      const docTitles: Record<string, string> = {};
      for (const lang of LANGS) {
        titles[lang] = await openIn(atlas, route.path, lang);
        docTitles[lang] = await page.title();
        await expect(page.getByTestId("lang-switch")).toHaveText(lang === "fr" ? "English" : "Français");
        await expectCleanText(page, lang);
      }
      expect(titles.fr, "the h1 is translated").not.toBe(titles.en);
      expect(docTitles.fr, "the document title is translated").not.toBe(docTitles.en);
      expect(docTitles.fr).toContain("Atlas des régions de santé");
      expect(docTitles.en).toContain("Health Regions Atlas");
    });
  }

  test("known titles", async ({ atlas }) => {
    const expected: [string, string, string][] = [
      ["/", "Carte des écosystèmes de santé", "Map of health ecosystems"],
      ["/region/28", "Normandie", "Normandy"],
      ["/compare", "Comparer les régions", "Compare regions"],
      ["/funding", "Financements de la santé", "Health funding"],
      ["/sources", "Sources et données", "Sources and data"],
    ];
    for (const [route, fr, en] of expected) {
      expect(await openIn(atlas, route, "fr")).toBe(fr);
      expect(await openIn(atlas, route, "en")).toBe(en);
    }
  });
});

test.describe("the language switch keeps the view", () => {
  test("on the comparison, the same regions in English", async ({ atlas, page }) => {
    await openIn(atlas, "/compare?regions=28,11", "fr");
    await expect(page.getByTestId("compare-table").locator('thead th[data-region="28"]')).toHaveText("Normandie");
    await page.getByTestId("lang-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("page-title")).toHaveText("Compare regions");
    const url = new URL(page.url());
    expect(url.pathname).toBe(new URL(atlas.url("/compare")).pathname);
    expect(url.searchParams.get("regions")).toBe("28,11");
    expect(url.searchParams.get("lang")).toBe("en");
    await expect(page.getByTestId("compare-table").locator("thead th[data-region]")).toHaveText(["Normandy", "Île-de-France"]);
    await expectCleanText(page, "en");

    // And back, still the same comparison.
    await page.getByTestId("lang-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByTestId("compare-table").locator("thead th[data-region]")).toHaveText(["Normandie", "Île-de-France"]);
    expect(new URL(page.url()).searchParams.get("regions")).toBe("28,11");
  });

  test("on the map, indicator, filters, zoom and open place are kept", async ({ atlas, page }) => {
    await openIn(atlas, "/?indicator=life_sciences_share&cat=campus,cluster&view=2,-300,-200&place=epopea", "fr");
    const before = new URL(page.url()).searchParams;
    await page.getByTestId("lang-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const after = new URL(page.url());
    expect(after.pathname).toBe(new URL(atlas.url("/")).pathname);
    for (const key of ["indicator", "cat", "view", "place"]) expect(after.searchParams.get(key), key).toBe(before.get(key));
    await expect(page.getByTestId("indicator-picker")).toHaveValue("life_sciences_share");
    await expect(page.getByTestId("open-place")).toContainText("Epopea");
    await expect(page.locator("g.marker-group")).toHaveCount(3);
    await expect(page.locator('path.region-shape[data-region="28"]')).toHaveAttribute("aria-label", "Normandy: No data");
    await expectCleanText(page, "en");
  });

  test("on a region page, the same region in English", async ({ atlas, page }) => {
    await openIn(atlas, "/region/28", "fr");
    await page.getByTestId("lang-switch").click();
    await expect(page.getByTestId("page-title")).toHaveText("Normandy");
    expect(await atlas.route()).toBe("/region/28?lang=en");
    await expect(page.getByTestId("national-ranks").locator(".figure-value")).toHaveText(["1st", "2nd", "3rd"]);
  });
});

test.describe("shared links", () => {
  test("a link with lang=en opens in English, even for a reader who chose French", async ({ atlas, page }) => {
    // The browser is French (playwright.config.ts), and the reader switched to French explicitly.
    await atlas.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page.getByTestId("lang-switch").click(); // → English, saved
    await page.getByTestId("lang-switch").click(); // → French, saved
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");

    await atlas.goto("/compare?regions=28,11&lang=en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("page-title")).toHaveText("Compare regions");
    await expect(page.getByTestId("compare-table").locator('thead th[data-region="28"]')).toHaveText("Normandy");
  });

  test("without lang, the reader's saved choice wins over the browser language", async ({ atlas, page }) => {
    await atlas.goto("/");
    await page.getByTestId("lang-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await atlas.goto("/sources");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("page-title")).toHaveText("Sources and data");
  });

  test.describe("an English browser", () => {
    test.use({ locale: "en-GB" });
    test("gets English without any parameter", async ({ atlas, page }) => {
      await atlas.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByTestId("page-title")).toHaveText("Map of health ecosystems");
    });
  });
});

test.describe("numbers follow the locale", () => {
  test("Île-de-France's population: 12 463 067 (narrow no-break spaces) in French, 12,463,067 in English", async ({ atlas, page }) => {
    const figure = () => page.getByTestId("compare-table").locator('tr[data-indicator="population"] td[data-region="11"] .figure-value');
    await openIn(atlas, "/compare?regions=28,11", "fr");
    const french = await figure().evaluate((el) => el.textContent);
    expect(french).toBe(`12${NNBSP}463${NNBSP}067`);
    expect(french).not.toMatch(/[ \u00a0,.]/);

    await openIn(atlas, "/compare?regions=28,11", "en");
    expect(await figure().evaluate((el) => el.textContent)).toBe("12,463,067");
  });

  test("on the map and the region page too", async ({ atlas, page }) => {
    await openIn(atlas, "/", "fr");
    await expect(page.locator('path.region-shape[data-region="11"]')).toHaveAttribute("aria-label", `Île-de-France${NNBSP}: 12${NNBSP}463${NNBSP}067`);
    await openIn(atlas, "/", "en");
    await expect(page.locator('path.region-shape[data-region="11"]')).toHaveAttribute("aria-label", "Île-de-France: 12,463,067");

    const epopea = () => page.locator("#place-epopea");
    await openIn(atlas, "/region/28", "fr");
    expect(await epopea().innerText()).toContain(`16${NNBSP}000`);
    expect(await page.getByTestId("headline-figures").innerText()).toContain("10e sur 18");
    await openIn(atlas, "/region/28", "en");
    expect(await epopea().innerText()).toContain("16,000");
    expect(await page.getByTestId("headline-figures").innerText()).toContain("10th of 18");
  });

  test("money: compact amounts in each locale's style", async ({ atlas, page }) => {
    const money = () => page.getByTestId("funding-totals").locator('td[data-region="11"] .figure-value');
    await openIn(atlas, "/compare?regions=28,11", "fr");
    expect(await money().evaluate((el) => el.textContent)).toMatch(new RegExp(`^environ\u00a0[\\d,]+${NNBSP}(Md|M)€$`));
    await openIn(atlas, "/compare?regions=28,11", "en");
    expect(await money().evaluate((el) => el.textContent)).toMatch(/^about\u00a0€[\d.]+(bn|M)$/);
  });
});

test.describe("accessibility: no WCAG 2.1 A/AA violations found by axe", () => {
  for (const lang of LANGS) {
    for (const route of ROUTES.filter((r) => r.name !== "not found")) {
      test(`${route.path} (${route.name}) in ${lang === "fr" ? "French" : "English"}`, async ({ atlas, page }) => {
        await openIn(atlas, route.path, lang);
        await expectNoAxeViolations(page);
      });
    }
  }
});
