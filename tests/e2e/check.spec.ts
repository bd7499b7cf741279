// The "Check a dataset" page (/check): a publisher's file, chosen, dropped or pasted, is checked
// by the app's own validator in a Web Worker, without uploading anything; every problem shows
// its JSON path, line:column, the lines around it with the spot marked and what it means in the
// reader's language; a valid file is previewed with the app's own pages, from that file alone,
// without touching the site's dataset or fetching anything. A 16 MB file keeps the page
// responsive, the page works by keyboard, at 360 px, offline, and is axe-clean in both themes
// and languages.
import type { Page, Request } from "@playwright/test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect, type Atlas } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { BAD_FILES, SAMPLE, SAMPLE_TEXT, plainNumbers, replaced, unknownField } from "./support/bad-datasets";
import { makeBig } from "../../bench/make-stress.mjs";

// The service worker's precaching would show up among the requests these tests count; the
// offline test at the end lets it run.
test.use({ serviceWorkers: "block" });

const OTHER_COUNTRY = readFileSync(fileURLToPath(new URL("./fixtures/other-country.json", import.meta.url)), "utf8");
/** The smallest valid dataset (the core's test fixture), short enough to type. */
const MINIMAL = readFileSync(fileURLToPath(new URL("../../core/tests/fixtures/minimal.json", import.meta.url)), "utf8");
const SITE_TITLE_EN = SAMPLE.metadata.title.en as string;

/** The sample with a region renamed: the preview must show this file, not the site's. */
const RENAMED = (() => {
  const d = structuredClone(SAMPLE);
  d.metadata.title = { fr: "Fichier à vérifier", en: "File being checked" };
  d.regions[0].name = { fr: "Région renommée pour l’aperçu", en: "Region renamed for the preview" };
  return { id: d.regions[0].id as string, text: JSON.stringify(d, null, 2) };
})();

/** Long tasks (over 50 ms) of the page, collected from before any script runs. */
async function recordLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(Math.round(e.duration));
    }).observe({ type: "longtask", buffered: true });
  });
}

async function longTasksSinceReset(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** Opens /check and waits until its worker has loaded the validator (nothing left to fetch). */
async function openCheck(atlas: Atlas, query = "?lang=en") {
  await atlas.goto(`/check${query}`);
  await expect(atlas.page.getByTestId("check-page")).toHaveAttribute("data-worker", "ready", { timeout: 20_000 });
  await atlas.page.waitForLoadState("networkidle");
}

async function chooseFile(page: Page, name: string, body: string | Buffer) {
  await page.getByTestId("check-file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(body) });
}

/**
 * Chooses a large file from the disk, as a publisher does: Playwright builds a file given as a
 * buffer inside the page, on its main thread, which would be counted against the page.
 */
async function chooseFileOnDisk(page: Page, name: string, body: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-check-"));
  const file = path.join(dir, name);
  writeFileSync(file, body);
  try {
    await page.getByTestId("check-file").setInputFiles(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The problem items' first lines: "line L, column C · path — message", plain numbers. */
async function problemSummaries(page: Page): Promise<string[]> {
  await expect(page.getByTestId("check-problems")).toBeVisible();
  // textContent: problems out of sight are not laid out (content-visibility), so have no innerText.
  return (await page.getByTestId("check-problem-summary").allTextContents()).map(plainNumbers);
}

/** Every request of the page and its workers from now on (data: and blob: URLs aside). */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  const add = (r: Request) => {
    if (!/^(data|blob):/.test(r.url())) seen.push(r.url());
  };
  page.context().on("request", add);
  return seen;
}

test.describe("a valid file", () => {
  test("is previewed from the file itself: map, a region page, the funding page; nothing fetched, the site unchanged", async ({ atlas, page }) => {
    await openCheck(atlas);
    const title = await page.title();
    const requests = recordRequests(page);
    await chooseFile(page, "atlas.json", RENAMED.text);
    await expect(page.getByTestId("check-valid")).toBeVisible();
    await expect(page.getByTestId("check-valid")).toContainText("No problems: this file can be published.");
    await expect(page.getByTestId("check-valid")).toContainText(`${SAMPLE.regions.length} regions`);
    const preview = page.getByTestId("check-preview");
    await expect(preview.getByTestId("map-svg")).toBeVisible();
    await expect(page.getByTestId("preview-map")).toHaveAttribute("aria-pressed", "true");

    // A region's page, picked in the preview: the file's own name for it.
    await page.getByTestId("preview-region").click();
    await expect(preview.getByTestId("region-page")).toHaveAttribute("data-region", RENAMED.id);
    await expect(preview.getByTestId("region-page").getByTestId("page-title")).toHaveText("Region renamed for the preview");
    const other = SAMPLE.regions[1];
    await page.getByTestId("preview-region-picker").selectOption(other.id);
    await expect(preview.getByTestId("region-page")).toHaveAttribute("data-region", other.id);
    // No embed code in the preview: an embed would show the site's dataset, not this file.
    await expect(preview.getByTestId("embed-button")).toHaveCount(0);

    // The funding page, drawn from the file.
    await page.getByTestId("preview-funding").click();
    await expect(preview.getByTestId("funding-card").first()).toBeVisible();
    expect(await preview.getByTestId("funding-card").count()).toBe(SAMPLE.funding.length);
    await expect(preview.getByTestId("embed-button")).toHaveCount(0);
    await page.getByTestId("preview-map").click();
    await expect(preview.getByTestId("map-svg")).toBeVisible();
    await expect(preview.getByTestId("embed-button")).toHaveCount(0);

    // The site keeps its own dataset and the page its own title; the address stays /check.
    await expect(page.getByTestId("app-header")).toContainText(SITE_TITLE_EN);
    await expect(page.getByTestId("app-header")).not.toContainText("File being checked");
    expect(await page.title()).toBe(title);
    expect((await atlas.route()).startsWith("/check")).toBe(true);
    expect(requests, "nothing fetched after the page load").toEqual([]);
  });

  test("links inside the preview stay in the preview", async ({ atlas, page }) => {
    await openCheck(atlas);
    await chooseFile(page, "atlas.json", RENAMED.text);
    const preview = page.getByTestId("check-preview");
    // Opening a region from the map shows its page in the preview.
    await preview.locator(`[data-testid="map-svg"] [data-region="${RENAMED.id}"]`).first().focus();
    await page.keyboard.press("Enter");
    await expect(preview.getByTestId("region-page")).toHaveAttribute("data-region", RENAMED.id);
    // The region page's "compare" link leads to a page the preview does not have: not followed.
    await preview.locator('a[href*="/compare"]').first().click();
    await expect(preview.getByRole("status").filter({ hasText: "This page is not part of the preview." })).toBeVisible();
    expect((await atlas.route()).startsWith("/check")).toBe(true);
    await expect(page.getByTestId("check-valid")).toBeVisible();
  });

  test("a dataset of another country previews its own map", async ({ atlas, page }) => {
    await openCheck(atlas);
    await chooseFile(page, "other-country.json", OTHER_COUNTRY);
    await expect(page.getByTestId("check-valid")).toBeVisible();
    const regions = JSON.parse(OTHER_COUNTRY).regions as { id: string }[];
    const shapes = page.getByTestId("check-preview").locator('[data-testid="map-svg"] [data-region]');
    await expect(shapes.first()).toBeVisible();
    const ids = new Set(await shapes.evaluateAll((els) => els.map((e) => e.getAttribute("data-region"))));
    expect([...ids].sort()).toEqual(regions.map((r) => r.id).sort());
  });

  test("a byte-order mark before valid JSON is accepted, as by the app", async ({ atlas, page }) => {
    await openCheck(atlas);
    await chooseFile(page, "bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE_TEXT)]));
    await expect(page.getByTestId("check-valid")).toBeVisible();
  });
});

test.describe("bad files: every problem with its path, line:column and excerpt", () => {
  for (const bad of BAD_FILES) {
    test(bad.name, async ({ atlas, page }) => {
      await openCheck(atlas);
      await chooseFile(page, "bad.json", bad.body());
      await expect(page.getByTestId("check-invalid")).toBeVisible();
      const items = await problemSummaries(page);
      expect(items.length).toBeGreaterThan(0);
      for (const wanted of bad.problems ?? []) {
        expect(items.some((i) => wanted.test(i)), `a problem matching ${wanted}\nin:\n${items.join("\n")}`).toBe(true);
      }
      // Each located problem shows the lines around it, the spot marked, and what it means.
      const problems = page.getByTestId("check-problem");
      for (let i = 0; i < Math.min(await problems.count(), 10); i++) {
        const item = problems.nth(i);
        await expect(item.locator(".check-problem__why")).not.toBeEmpty();
        const located = /^line \d+, column \d+ · /.test(items[i]);
        await expect(item.getByTestId("check-excerpt-mark")).toHaveCount(located ? 1 : 0);
      }
    });
  }

  test("the excerpt shows the problem's own line with the spot marked", async ({ atlas, page }) => {
    await openCheck(atlas);
    await chooseFile(page, "bad.json", unknownField);
    const item = page.getByTestId("check-problem").first();
    const [summary] = await problemSummaries(page);
    const [, line, column] = /^line (\d+), column (\d+)/.exec(summary) ?? [];
    const marked = item.locator(".check-excerpt__line--marked");
    await expect(marked).toHaveCount(1);
    const expectedLine = unknownField.split("\n")[Number(line) - 1];
    // The line's own text, its number aside.
    const text = await marked.evaluate((el) =>
      [...el.childNodes].filter((n) => !(n instanceof Element && n.classList.contains("check-excerpt__number"))).map((n) => n.textContent).join(""),
    );
    expect(text).toBe(expectedLine);
    // The marked character is the one at that column.
    await expect(item.getByTestId("check-excerpt-mark")).toHaveText([...expectedLine][Number(column) - 1]);
    // Two lines of context either side.
    await expect(item.locator(".check-excerpt__line")).toHaveCount(5);
  });

  test("accented text before the spot does not shift the column or the mark", async ({ atlas, page }) => {
    await openCheck(atlas);
    // Minified: one line full of accented names, the error far inside it.
    const minified = replaced(JSON.stringify(SAMPLE), `"format":1,`, `"format":1,"éèêëàâäôöûü🏥":"x",`);
    await chooseFile(page, "min.json", minified);
    const [summary] = await problemSummaries(page);
    const [, column] = /^line 1, column (\d+)/.exec(summary) ?? [];
    expect(Number(column), summary).toBeGreaterThan(1);
    const chars = [...minified];
    await expect(page.getByTestId("check-excerpt-mark").first()).toHaveText(chars[Number(column) - 1]);
    // A window of the line, not the whole 100 kB line.
    expect((await page.getByTestId("check-excerpt").first().textContent())?.length).toBeLessThan(200);
  });

  test("past the validator's cap: the first 500 of them all, counted", async ({ atlas, page }) => {
    await openCheck(atlas);
    const d = structuredClone(SAMPLE);
    d.places = Array.from({ length: 400 }, (_, i) => ({ ...d.places[0], id: `p${i}`, region: "zz", source: "nowhere", point: undefined }));
    await chooseFile(page, "many.json", JSON.stringify(d, null, 2));
    const heading = page.getByTestId("check-problems-heading");
    await expect(heading).toHaveText(/^First 500 of [\d,]+ problems$/);
    expect(Number((await heading.innerText()).replace(/^First 500 of ([\d,]+).*$/, "$1").replace(/,/g, ""))).toBeGreaterThanOrEqual(800);
    await expect(page.getByTestId("check-problem")).toHaveCount(500);
  });

  test("in French by default, with the explanation in French", async ({ atlas, page }) => {
    await openCheck(atlas, "");
    await chooseFile(page, "bad.json", unknownField);
    await expect(page.getByTestId("check-invalid")).toContainText("Ce fichier ne peut pas être publié tel quel.");
    const [summary] = await problemSummaries(page);
    expect(summary).toMatch(/^ligne \d+, colonne \d+ · /);
    await expect(page.locator(".check-problem__why").first()).toHaveText("Un champ est inconnu, manquant ou du mauvais type.");
  });
});

test.describe("a 16 MB file", () => {
  let big: string | null = null;
  /** The sample grown to just under the 16 MiB cap with invented places (bench/make-stress.mjs). */
  const bigText = () => (big ??= JSON.stringify(makeBig(SAMPLE, { targetBytes: 16_500_000 })));

  test("with problems: progress shows, the page stays responsive (no task over 200 ms) @timing", async ({ atlas, page }) => {
    test.setTimeout(120_000);
    const d = JSON.parse(bigText());
    // Every invented place in an unknown region: thousands of problems in a 16 MB file.
    for (const p of d.places) if (String(p.id).startsWith("bench")) p.region = "zz";
    const text = JSON.stringify(d);
    expect(text.length).toBeGreaterThan(15_500_000);
    expect(text.length).toBeLessThanOrEqual(16 * 1024 * 1024);
    await recordLongTasks(page);
    await openCheck(atlas);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __progressSeen: boolean };
      w.__longTasks = [];
      w.__progressSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="check-progress"]')) w.__progressSeen = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await chooseFileOnDisk(page, "big.json", text);
    await expect(page.getByTestId("check-problems-heading")).toHaveText(/^First 500 of [\d,]+ problems$/, { timeout: 60_000 });
    await expect(page.getByTestId("check-problem")).toHaveCount(500);
    expect(await page.evaluate(() => (window as unknown as { __progressSeen: boolean }).__progressSeen), "progress shown").toBe(true);
    const tasks = await longTasksSinceReset(page);
    expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(", ")} ms`).toBeLessThanOrEqual(200);
  });

  test("valid: the page stays responsive while it is checked and previewed @timing", async ({ atlas, page }) => {
    // The check runs in the worker, the page builds the preview's dataset in 256 kB steps, the
    // map paints first, then its markers are spread and mount 400 per frame.
    test.setTimeout(120_000);
    const text = bigText();
    await recordLongTasks(page);
    await openCheck(atlas);
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    await chooseFileOnDisk(page, "big.json", text);
    await expect(page.getByTestId("check-valid")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("check-preview").getByTestId("map-svg")).toBeVisible({ timeout: 30_000 });
    // Every place with a position has its marker: all of them mounted.
    const located = (JSON.parse(text) as { places: { point?: unknown }[] }).places.filter((p) => p.point).length;
    expect(located).toBeGreaterThan(5_000);
    await expect(page.getByTestId("check-preview").locator(".marker-group")).toHaveCount(located, { timeout: 30_000 });
    const tasks = await longTasksSinceReset(page);
    console.log(`valid 16 MB file: long tasks ${tasks.join(", ")} ms`);
    expect(Math.max(0, ...tasks), `long tasks: ${tasks.join(", ")} ms`).toBeLessThanOrEqual(200);
  });

  test("over the cap: refused before reading, with a message", async ({ atlas, page }) => {
    await openCheck(atlas);
    await chooseFileOnDisk(page, "huge.json", `{"format": 1, "pad": "${"a".repeat(17 * 1024 * 1024)}"}`);
    await expect(page.getByTestId("check-failed")).toHaveText("This file is larger than the atlas accepts (16 MB).");
  });
});

test.describe("keyboard, small screens, accessibility", () => {
  test("keyboard only: reach the file input, paste text, check it, switch preview pages", async ({ atlas, page }) => {
    await openCheck(atlas);
    /** Presses Tab until `selector` has the focus (at most 40 times). */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40; i++) {
        if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('[data-testid="check-file"]');
    await tabTo('[data-testid="check-text"]');
    await page.keyboard.insertText(MINIMAL.replace(`"format": 1,`, `"format": 1,,`));
    await tabTo('[data-testid="check-paste"]');
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("check-invalid")).toBeVisible();
    // Fixed, checked again with the Space key.
    await page.getByTestId("check-text").fill("");
    await page.getByTestId("check-text").focus();
    await page.keyboard.insertText(MINIMAL);
    await tabTo('[data-testid="check-paste"]');
    await page.keyboard.press("Space");
    await expect(page.getByTestId("check-valid")).toBeVisible();
    await tabTo('[data-testid="preview-region"]');
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("check-preview").getByTestId("region-page")).toBeVisible();
  });

  test("an empty paste says what to do", async ({ atlas, page }) => {
    await openCheck(atlas);
    await page.getByTestId("check-paste").click();
    await expect(page.getByTestId("check-failed")).toHaveText("Paste the file’s text first.");
  });

  test("at 360 px: no sideways scroll, with a report of long lines", async ({ atlas, page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openCheck(atlas);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await chooseFile(page, "min.json", replaced(JSON.stringify(SAMPLE), `"format":1,`, `"format":1,"colour":"red",`));
    await expect(page.getByTestId("check-excerpt").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  for (const query of ["?lang=en", "?lang=fr&theme=dark", "?lang=fr", "?lang=en&theme=dark"]) {
    test(`axe-clean: empty, with problems and with a preview (${query})`, async ({ atlas, page }) => {
      await openCheck(atlas, query);
      await expectNoAxeViolations(page);
      await chooseFile(page, "bad.json", unknownField);
      await expect(page.getByTestId("check-excerpt").first()).toBeVisible();
      await expectNoAxeViolations(page);
      await chooseFile(page, "atlas.json", RENAMED.text);
      await expect(page.getByTestId("check-preview").getByTestId("map-svg")).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByTestId("preview-region").click();
      await expect(page.getByTestId("check-preview").getByTestId("region-page")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});

test.describe("the way in", () => {
  test("opens and checks while the site's own dataset is broken, and the site's pages still say so", async ({ atlas, page, faults, problems }) => {
    problems.allow(/status of 500/);
    await faults.add({ path: "data/atlas.json", status: 500, body: "broken", contentType: "text/plain" });
    await atlas.goto("/check?lang=en", { waitReady: false });
    await expect(page.getByTestId("check-page")).toHaveAttribute("data-worker", "ready", { timeout: 20_000 });
    await expect(page.getByTestId("dataset-error")).toHaveCount(0);
    await chooseFile(page, "atlas.json", RENAMED.text);
    await expect(page.getByTestId("check-valid")).toBeVisible();
    await expect(page.getByTestId("check-preview").getByTestId("map-svg")).toBeVisible();
    // A page of the site from the menu: the site's dataset error, as before.
    await page.getByTestId("app-header").getByRole("link", { name: "Sources" }).first().click();
    await expect(page.getByTestId("dataset-error")).toBeVisible({ timeout: 20_000 });
    // Back on the check page, it shows again without the site's dataset.
    await page.goBack();
    await expect(page.getByTestId("check-page")).toBeVisible();
    await expect(page.getByTestId("dataset-error")).toHaveCount(0);
  });

  test("opens while the site's dataset is still loading", async ({ atlas, page, faults }) => {
    await faults.add({ path: "data/atlas.json", delayMs: 8_000 });
    await atlas.goto("/check?lang=en", { waitReady: false });
    await expect(page.getByTestId("check-page")).toHaveAttribute("data-worker", "ready", { timeout: 7_000 });
    await expect(page.getByTestId("dataset-loading")).toHaveCount(0);
    await page.getByTestId("check-text").fill(MINIMAL);
    await page.getByTestId("check-paste").click();
    await expect(page.getByTestId("check-valid")).toBeVisible({ timeout: 7_000 });
  });

  test("the Sources page links to it", async ({ atlas, page }) => {
    await atlas.goto("/sources?lang=en");
    await page.getByTestId("check-link").getByRole("link").click();
    await expect(page.getByTestId("check-page")).toBeVisible();
    await expect.poll(() => atlas.route()).toMatch(/^\/check/);
  });
});

test.describe("offline", () => {
  test.use({ serviceWorkers: "allow" });

  test("after one visit, the page and its worker work without the network", async ({ atlas, page, context, problems }) => {
    // Offline, the app's own dataset request fails (and is logged); everything else is cached.
    problems.allow(/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED \(http:\/\/[^)]*\/data\/atlas\.json\)$/);
    await atlas.goto("/?lang=en");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await atlas.goto("/?lang=en");
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker controls the page").toBe(true);
    await context.setOffline(true);
    try {
      await atlas.goto("/check?lang=en");
      await expect(page.getByTestId("check-page")).toHaveAttribute("data-worker", "ready", { timeout: 20_000 });
      await chooseFile(page, "bad.json", unknownField);
      await expect(page.getByTestId("check-invalid")).toBeVisible();
      await expect(page.getByTestId("check-excerpt").first()).toBeVisible();
    } finally {
      await context.setOffline(false);
    }
  });
});
