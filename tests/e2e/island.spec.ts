// The baked map's first answers (island/, ARCHITECTURE.md "Baked pages"): before the app's wasm
// has arrived, a baked map's regions show the app's own tooltip on hover, focus and a first tap,
// and open their baked page on a click, Enter or a second tap. The app then takes over.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, waitForApp } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { folderUrl, ISLAND_WASM, pointOn, withoutAppWasm } from "./support/baked";

const DIST = path.resolve(process.env.E2E_DIST ?? "dist");
const DATASET = JSON.parse(readFileSync(path.join(DIST, "data/atlas.json"), "utf8")) as {
  regions: { id: string; name: { fr: string; en?: string } }[];
};
const FR = '#baked [data-baked-lang="fr"]';
const EN = '#baked [data-baked-lang="en"]';
const NORMANDY = DATASET.regions.find((r) => r.id === "28") ?? DATASET.regions[0];

/** Opens `route`'s baked page with the app's wasm held back, once the island has started. */
async function openBaked(page: Page, route: string) {
  await withoutAppWasm(page);
  await page.goto(folderUrl(route));
  await expect(page.locator("html")).toHaveAttribute("data-island", "ready");
}

function shape(page: Page, copy: string, id: string) {
  return page.locator(`${copy} path.region-shape[data-region="${id}"]`);
}

/** The baked map's tooltip, and the app's. */
const TIP = "#baked .tooltip[data-island]";
const LIVE_TIP = '[data-testid="map-tooltip"]';
const ALLOWED = /The atlas could not start|net::ERR_FAILED|Failed to load resource/;

test.describe("the baked map before the app", () => {
  test("hovering a region shows the tooltip the app shows, and leaving hides it", async ({ page, browser, problems }) => {
    problems.allow(ALLOWED);
    await openBaked(page, "/");
    const normandy = shape(page, FR, NORMANDY.id);
    await normandy.hover({ position: await pointOn(normandy) });
    const tip = page.locator(TIP);
    await expect(tip).toHaveCount(1);
    await expect(tip).toBeVisible();
    await expect(tip.locator("strong").first()).toHaveText(NORMANDY.name.fr);
    await expect(tip.locator(".source-line")).toBeVisible();
    const early = await tip.innerText();
    // Inside the map's frame, beside the pointer.
    const frame = await page.locator(`${FR} .map-frame`).boundingBox();
    const box = await tip.boundingBox();
    expect(box && frame && box.x >= frame.x && box.y >= frame.y && box.y < frame.y + frame.height).toBe(true);

    // The app, started normally in another page, says exactly the same of the same region.
    const live = await browser.newPage();
    try {
      await live.goto(folderUrl("/"));
      await waitForApp(live);
      const liveShape = live.locator(`[data-testid="map-regions"] path[data-region="${NORMANDY.id}"]`);
      await liveShape.hover({ position: await pointOn(liveShape) });
      await expect(live.locator(LIVE_TIP)).toBeVisible();
      expect(await live.locator(LIVE_TIP).innerText()).toBe(early);
    } finally {
      await live.close();
    }

    await page.mouse.move(2, 2);
    await expect(tip).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test("keyboard: focus shows the region's tooltip, Tab moves it, Enter opens the region's baked page", async ({ page, problems }) => {
    problems.allow(ALLOWED);
    await openBaked(page, "/");
    const [first, second] = DATASET.regions;
    await shape(page, FR, first.id).focus();
    const tip = page.locator(TIP);
    await expect(tip.locator("strong").first()).toHaveText(first.name.fr);
    await page.keyboard.press("Tab");
    await expect(shape(page, FR, second.id)).toBeFocused();
    await expect(tip).toHaveCount(1);
    await expect(tip.locator("strong").first()).toHaveText(second.name.fr);
    // Open with the tooltip showing: axe sees it too.
    await expectNoAxeViolations(page);
    await page.keyboard.press("Enter");
    await expect(page.locator("#baked")).toHaveAttribute("data-route", `/region/${second.id}`);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`/region/${second.id}/?$`));
  });

  test("a click opens the region's baked page in the reader's language", async ({ page, problems }) => {
    problems.allow(ALLOWED);
    await openBaked(page, "/?lang=en");
    const normandy = shape(page, EN, NORMANDY.id);
    await normandy.click({ position: await pointOn(normandy) });
    await expect(page.locator("#baked")).toHaveAttribute("data-route", `/region/${NORMANDY.id}`);
    expect(new URL(page.url()).searchParams.get("lang")).toBe("en");
    await expect(page.locator(`${EN} h1`)).toHaveText(NORMANDY.name.en ?? NORMANDY.name.fr);
  });

  test.describe("on a touch screen", () => {
    test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });

    test("a tap shows the tooltip; a second tap opens the region", async ({ page, problems }) => {
      problems.allow(ALLOWED);
      await openBaked(page, "/");
      const brittany = shape(page, FR, "53");
      await brittany.tap({ position: await pointOn(brittany) });
      const tip = page.locator(TIP);
      await expect(tip).toBeVisible();
      await expect(tip.locator("strong").first()).toHaveText("Bretagne");
      await page.waitForTimeout(300);
      await expect(page.locator("#baked")).toHaveAttribute("data-route", "/");
      await expect(tip).toBeVisible();
      await brittany.tap({ position: await pointOn(brittany) });
      await expect(page.locator("#baked")).toHaveAttribute("data-route", "/region/53");
    });
  });

  test("in an embedded map, a region opens the full atlas in a new tab", async ({ page, problems }) => {
    problems.allow(ALLOWED);
    await openBaked(page, "/embed/map");
    const normandy = shape(page, FR, NORMANDY.id);
    await normandy.hover({ position: await pointOn(normandy) });
    await expect(page.locator(TIP).locator("strong").first()).toHaveText(NORMANDY.name.fr);
    const [tab] = await Promise.all([page.context().waitForEvent("page"), normandy.click({ position: await pointOn(normandy) })]);
    await tab.waitForLoadState("domcontentloaded");
    expect(new URL(tab.url()).pathname).toMatch(new RegExp(`/region/${NORMANDY.id}/?$`));
    await expect(page.locator("#baked")).toHaveAttribute("data-route", "/embed/map");
    await tab.close();
  });

  test("it answers while the page is still loading, before boot.js has run", async ({ page, problems }) => {
    problems.allow(ALLOWED);
    await withoutAppWasm(page);
    // Module scripts run in order after the parser, and DOMContentLoaded waits for them: a slow
    // boot.js holds the page in that state.
    let releaseBoot = () => {};
    const bootHeld = new Promise<void>((resolve) => (releaseBoot = resolve));
    await page.route((url) => url.pathname.endsWith("/boot.js"), async (route) => {
      await bootHeld;
      await route.continue();
    });
    await page.goto(folderUrl("/"), { waitUntil: "commit" });
    await expect(page.locator("html")).toHaveAttribute("data-island", "ready");
    const normandy = shape(page, FR, NORMANDY.id);
    await normandy.hover({ position: await pointOn(normandy) });
    await expect(page.locator(TIP).locator("strong").first()).toHaveText(NORMANDY.name.fr);
    const state = await page.evaluate(() => ({ base: document.documentElement.dataset.base ?? null, ready: document.readyState }));
    expect(state.base, "boot.js has not run").toBeNull();
    expect(state.ready, "DOMContentLoaded is still to come").not.toBe("complete");
    releaseBoot();
    await expect(page.locator("html")).toHaveAttribute("data-base", /\/$/);
  });

  test("it is asked for before the app, and the app then takes over: one tooltip, the app's", async ({ page }) => {
    const code: string[] = [];
    page.on("request", (r) => {
      const p = new URL(r.url()).pathname;
      if (/\.(js|wasm)$/.test(p) && !/\/(boot|prefs)\.js$/.test(p)) code.push(/\/(atlas-)?island[._]/.test(p) ? "island" : "app");
    });
    await page.goto(folderUrl("/"));
    await waitForApp(page);
    expect(code[0], "the island's starter is the first code asked for").toBe("island");
    expect(code, "then the app's").toContain("app");
    await expect(page.locator("#baked")).toHaveCount(0);
    const normandy = page.locator(`[data-testid="map-regions"] path[data-region="${NORMANDY.id}"]`);
    await normandy.hover({ position: await pointOn(normandy) });
    await expect(page.locator(LIVE_TIP)).toHaveCount(1);
    await expect(page.locator(LIVE_TIP).locator("strong").first()).toHaveText(NORMANDY.name.fr);
    await expect(page.locator(".tooltip")).toHaveCount(1);
  });

  test("its code and the app's are asked for only once a frame shows the baked map", async ({ page }) => {
    // The page's own bytes and work come first: a request made earlier would share the network
    // and the main thread with what the first paint waits for.
    await page.addInitScript(() => {
      const marks = ((window as unknown as { __frames: Record<string, number> }).__frames = {});
      const firstFrameOnce = (name: string, ready: () => boolean) => {
        const tick = () => (ready() ? (marks[name] = performance.now()) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      };
      firstFrameOnce("map", () => document.querySelector("#baked template[data-map-tips]") !== null);
      document.addEventListener("readystatechange", () => {
        if (document.readyState === "interactive") requestAnimationFrame(() => (marks.parsed = performance.now()));
      });
    });
    await page.goto(folderUrl("/"));
    await waitForApp(page);
    const timing = await page.evaluate(() => ({
      frames: (window as unknown as { __frames: Record<string, number> }).__frames,
      starts: performance.getEntriesByType("resource").map((e) => ({ name: new URL(e.name).pathname, start: e.startTime })),
    }));
    const start = (re: RegExp) => timing.starts.find((r) => re.test(r.name))?.start ?? null;
    const island = [start(/\/atlas-island\.js$/), start(/\/atlas-island_bg\.wasm$/)];
    const app = start(/\/health-regions-atlas-[0-9a-f]+\.js$/);
    expect(timing.frames.map, "a frame with the map parsed").toBeGreaterThan(0);
    for (const t of island) expect(t, "the island's glue and wasm, after that frame").toBeGreaterThanOrEqual(timing.frames.map);
    expect(app, "the app's glue, after the first frame of the parsed page").toBeGreaterThanOrEqual(timing.frames.parsed);
  });

  test("opened in the background, where no frame is painted, it and the app start at once", async ({ page }) => {
    // A background tab runs no animation frames: waiting for one would hold both until shown.
    await page.addInitScript(() => {
      Object.defineProperty(document, "hidden", { get: () => true });
      Object.defineProperty(document, "visibilityState", { get: () => "hidden" });
      window.requestAnimationFrame = () => 0;
    });
    await page.goto(folderUrl("/"));
    await expect(page.locator("html")).toHaveAttribute("data-island", "ready");
    // Polled on a timer: `waitForApp` polls on animation frames, which this page never runs.
    await expect(page.locator("html")).toHaveAttribute("data-ready", "true", { timeout: 15_000 });
    await expect(page.locator("#baked")).toHaveCount(0);
  });

  test("where frames are held back on a page in view (an embed out of view on another origin), it and the app start all the same", async ({ page }) => {
    // Chromium runs no animation frames in a cross-origin iframe out of view, though the page is
    // not hidden: waiting for one would hold both until the reader scrolls to it.
    await page.addInitScript(() => {
      window.requestAnimationFrame = () => 0;
    });
    await page.goto(folderUrl("/"));
    await expect(page.locator("html")).toHaveAttribute("data-island", "ready");
    // Polled on a timer: `waitForApp` polls on animation frames, which this page never runs.
    await expect(page.locator("html")).toHaveAttribute("data-ready", "true", { timeout: 15_000 });
    await expect(page.locator("#baked")).toHaveCount(0);
  });

  test("without its wasm, the page still becomes the app", async ({ page, problems }) => {
    problems.allow(/Failed to load resource|net::ERR_FAILED/);
    await page.route((url) => url.pathname.endsWith(ISLAND_WASM), (route) => route.abort());
    await page.goto(folderUrl("/"));
    await waitForApp(page);
    await expect(page.locator("html")).not.toHaveAttribute("data-island", /.*/);
    await expect(page.locator("#baked")).toHaveCount(0);
  });

  test("without its glue, it says why and the page still becomes the app", async ({ page, problems }) => {
    problems.allow(/Failed to load resource|net::ERR_FAILED/);
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text());
    });
    await page.route((url) => url.pathname.endsWith("/atlas-island.js"), (route) => route.abort());
    await page.goto(folderUrl("/"));
    await waitForApp(page);
    await expect(page.locator("html")).not.toHaveAttribute("data-island", /.*/);
    expect(warnings.some((w) => w.includes("The baked map answers only once the atlas has started"))).toBe(true);
  });
});
