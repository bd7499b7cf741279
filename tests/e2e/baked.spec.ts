// Baked pages (ARCHITECTURE.md, "Baked pages"): every route of the bundled dataset is a real file
// of the build whose content shows before the wasm arrives — or without JavaScript at all — and
// which the app then replaces without a blank frame or a layout shift.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, waitForApp } from "./support/fixtures";
import { startPartnerServer } from "./support/partner.mjs";
import { base, folderUrl, withoutWasm } from "./support/baked";

const DIST = path.resolve(process.env.E2E_DIST ?? "dist");
const DATASET = JSON.parse(readFileSync(path.join(DIST, "data/atlas.json"), "utf8")) as {
  metadata: { version: string };
  regions: { id: string; name: { fr: string; en?: string }; kind?: string }[];
  funding: { id: string }[];
};
const REGION = DATASET.regions.find((r) => r.id === "28") ?? DATASET.regions[0];

/** Routes with a baked page, and what their baked content must show. */
const PAGES: { route: string; shows: string }[] = [
  { route: "/", shows: "svg path[fill]" },
  { route: `/region/${REGION.id}`, shows: "h1" },
  { route: "/compare", shows: "main h1" },
  { route: "/funding", shows: "svg" },
  { route: "/sources", shows: "main h1" },
  { route: "/embed/map", shows: "svg path[fill]" },
  { route: `/embed/region/${REGION.id}`, shows: "h2, h1" },
  { route: `/embed/chart/${DATASET.funding[0].id}`, shows: "article.card" },
  { route: "/embed/compare", shows: "main" },
];

/** The French copy of a baked page: what a reader with a French browser sees before the wasm. */
const FR = '#baked [data-baked-lang="fr"]';

test.describe("baked pages", () => {
  for (const { route, shows } of PAGES) {
    test(`${route}: a real page (200, no redirect) with its head and its content before the wasm`, async ({ page, problems }) => {
      const failed: string[] = [];
      page.on("response", (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      problems.allow(/The atlas could not start|net::ERR_FAILED|Failed to load resource/);
      await withoutWasm(page);
      const response = await page.goto(folderUrl(route));
      expect(response?.status()).toBe(200);
      expect(response?.request().redirectedFrom(), "no redirect").toBeNull();
      const baked = page.locator("#baked");
      await expect(baked).toHaveAttribute("data-route", route);
      await expect(baked).toHaveAttribute("data-dataset-version", DATASET.metadata.version);
      await expect(page.locator(FR).locator(shows).first()).toBeVisible();
      await expect(page.locator('#baked [data-baked-lang="en"]').locator(shows).first(), "the English copy waits, hidden").toBeHidden();
      await expect(page.locator("html")).toHaveAttribute("lang", "fr");
      const title = await page.title();
      expect(title).toMatch(/Atlas des régions de santé/);
      const description = await page.locator('meta[name="description"]').getAttribute("content");
      expect(description?.length).toBeGreaterThan(10);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", title);
      const canonical = await page.locator('link[rel="canonical"]').evaluate((l: HTMLLinkElement) => l.href);
      expect(canonical).toBe(folderUrl(route));
      // Written out absolute (crawlers and Lighthouse's canonical audit refuse a relative one).
      expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toBe(folderUrl(route));
      // Every stylesheet, icon and script of the page resolved from its depth and loaded.
      const loaded = await page.evaluate(() =>
        performance.getEntriesByType("resource").map((e) => [e.name, (e as PerformanceResourceTiming).responseStatus] as const),
      );
      const css = loaded.filter(([u]) => /\.css$/.test(new URL(u).pathname));
      expect(css.length, "the site's and the baked pages' stylesheets").toBe(2);
      expect(loaded.filter(([u, s]) => !new URL(u).pathname.endsWith(".wasm") && s !== 200)).toEqual([]);
      expect(loaded.some(([u]) => new URL(u).pathname.endsWith("/boot.js"))).toBe(true);
      expect(failed).toEqual([]);
    });
  }

  test("the region page is its own: the region's name as title and heading", async ({ page, problems }) => {
    problems.allow(/The atlas could not start|net::ERR_FAILED|Failed to load resource/);
    await withoutWasm(page);
    await page.goto(folderUrl(`/region/${REGION.id}`));
    await expect(page.locator(`${FR} h1`)).toHaveText(REGION.name.fr);
    expect(await page.title()).toContain(REGION.name.fr);
  });

  test("the map page draws every region, coloured, with its legend and table", async ({ page, problems }) => {
    problems.allow(/The atlas could not start|net::ERR_FAILED|Failed to load resource/);
    await withoutWasm(page);
    await page.goto(folderUrl("/"));
    const drawn = await page.locator(`${FR} svg path[data-region]`).count();
    expect(drawn).toBe(DATASET.regions.length);
    const fills = await page.locator(`${FR} svg path[data-region]`).evaluateAll((ps) => new Set(ps.map((p) => p.getAttribute("fill"))).size);
    expect(fills, "more than one colour class").toBeGreaterThan(1);
    await expect(page.locator(`${FR} table`).first()).toBeAttached();
  });

  test("without JavaScript the content is there and its links are plain links to other baked pages", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(folderUrl("/"));
      await expect(page.locator(`${FR} svg path[fill]`).first()).toBeVisible();
      await page.locator(`${FR} nav a`, { hasText: /Comparer/ }).click();
      await expect(page).toHaveURL(folderUrl("/compare"));
      await expect(page.locator("#baked")).toHaveAttribute("data-route", "/compare");
      await page.locator(`${FR} nav a`, { hasText: /Sources/ }).first().click();
      await expect(page.locator("#baked")).toHaveAttribute("data-route", "/sources");
    } finally {
      await context.close();
    }
  });

  test("an English reader gets the English copy, title and lang before the wasm; a dark system, the dark theme", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB", colorScheme: "dark" });
    try {
      const page = await context.newPage();
      await withoutWasm(page);
      await page.goto(folderUrl(`/region/${REGION.id}`));
      await expect(page.locator('#baked [data-baked-lang="en"] h1')).toHaveText(REGION.name.en ?? REGION.name.fr);
      await expect(page.locator(`${FR} h1`)).toBeHidden();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      expect(await page.title()).toMatch(/Health Regions Atlas/);
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(background, "dark tokens").not.toBe("rgb(255, 255, 255)");
      // The URL's choice wins over the browser's, as in the app.
      await page.goto(folderUrl(`/region/${REGION.id}`) + "?lang=fr&theme=light");
      await expect(page.locator(`${FR} h1`)).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    } finally {
      await context.close();
    }
  });

  for (const route of ["/", `/region/${REGION.id}`, "/funding", "/embed/map", "/?lang=en"]) {
    test(`${route}: the app takes over with no blank frame and no layout shift`, async ({ page }) => {
      await page.addInitScript(() => {
        const w = window as unknown as { __takeover: { frames: number; blank: number; shift: number; swapped: boolean } };
        const state = (w.__takeover = { frames: 0, blank: 0, shift: 0, swapped: false });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!e.hadRecentInput) state.shift += e.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        let seen = false;
        const frame = () => {
          const baked = document.getElementById("baked");
          const live = document.querySelector("#app:not([data-pending]) main");
          if (baked || live) seen = true;
          else if (seen) state.blank++;
          if (!baked && live) state.swapped = true;
          state.frames++;
          if (state.frames < 2000) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      await page.goto(folderUrl(route));
      await waitForApp(page);
      await page.waitForTimeout(300);
      const state = await page.evaluate(() => (window as unknown as { __takeover: { frames: number; blank: number; shift: number; swapped: boolean } }).__takeover);
      expect(state.swapped, "the live view replaced the baked one").toBe(true);
      expect(state.blank, "frames with neither the baked nor the live content").toBe(0);
      expect(state.shift, "cumulative layout shift").toBeLessThanOrEqual(0.02);
      await expect(page.locator("#baked")).toHaveCount(0);
      await expect(page.locator("#app")).not.toHaveAttribute("data-pending", /.*/);
    });
  }

  for (const route of ["/", `/region/${REGION.id}`, "/?lang=en"]) {
    test(`${route}: the tab's title is the page's from the baked page on, never blank`, async ({ page }) => {
      // Every title the page is given, from the first script on.
      await page.addInitScript(() => {
        const w = window as unknown as { __titles: string[] };
        w.__titles = [];
        const own = Object.getOwnPropertyDescriptor(Document.prototype, "title");
        Object.defineProperty(Document.prototype, "title", {
          configurable: true,
          get() {
            return own?.get?.call(this);
          },
          set(value: string) {
            w.__titles.push(String(value));
            own?.set?.call(this, value);
          },
        });
      });
      await page.goto(folderUrl(route));
      await waitForApp(page);
      await page.waitForTimeout(300);
      const titles = await page.evaluate(() => (window as unknown as { __titles: string[] }).__titles);
      const shown = await page.title();
      expect(shown.trim(), "a title once the app has taken over").not.toBe("");
      expect(titles.length, "the app sets the title").toBeGreaterThan(0);
      expect(titles.filter((t) => t.trim() === ""), `no blank title among ${JSON.stringify(titles)}`).toEqual([]);
      expect(titles.at(-1)).toBe(shown);
    });
  }

  for (const { route, drawing } of [
    { route: "/", drawing: 'svg[data-testid="map-svg"]' },
    { route: "/funding", drawing: ".chart-svg > svg" },
  ]) {
    test(`${route} on a phone: the live view is drawn once, at the width of the baked one`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      try {
        // Every drawing element that enters or leaves the page, and every change of a drawing's
        // viewBox: a view drawn at a guessed width and then again once measured would bring a
        // second set (the first leaving at once), or redraw the first in place at a new size.
        await page.addInitScript((selector) => {
          const seen = new WeakSet<Element>();
          const w = window as unknown as { __drawn: number };
          w.__drawn = 0;
          const note = (el: Element) => {
            if (!seen.has(el) && !el.closest("#baked")) {
              seen.add(el);
              w.__drawn++;
            }
          };
          new MutationObserver((records) => {
            for (const r of records) {
              if (r.type === "attributes" && r.target instanceof Element && r.target.matches(selector) && !r.target.closest("#baked")) w.__drawn++;
              for (const n of [...r.addedNodes, ...r.removedNodes])
                if (n instanceof Element) {
                  if (n.matches(selector)) note(n);
                  n.querySelectorAll(selector).forEach(note);
                }
            }
          }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["viewBox"] });
        }, drawing);
        await page.goto(folderUrl(route));
        await waitForApp(page);
        await page.waitForTimeout(500);
        const drawn = await page.evaluate(() => (window as unknown as { __drawn: number }).__drawn);
        const onScreen = await page.locator(drawing).count();
        expect(onScreen).toBeGreaterThan(0);
        expect(drawn, "drawings that entered the page, for those on it").toBe(onScreen);
      } finally {
        await context.close();
      }
    });
  }

  test("a dataset published after the build wins: nothing of the baked one stays on screen", async ({ page }) => {
    const renamed = "Région republiée après la construction";
    await page.route("**/data/atlas.json", async (route) => {
      const response = await route.fetch();
      const data = await response.json();
      data.metadata.version = "2099.1.0";
      const region = data.regions.find((r: { id: string }) => r.id === REGION.id);
      region.name.fr = renamed;
      await route.fulfill({ response, body: JSON.stringify(data), headers: { ...response.headers(), "content-encoding": "identity" } });
    });
    await page.goto(folderUrl(`/region/${REGION.id}`));
    await waitForApp(page);
    await expect(page.getByTestId("page-title")).toHaveText(renamed);
    await expect(page.locator("#baked")).toHaveCount(0);
    await expect(page.getByText(REGION.name.fr, { exact: true })).toHaveCount(0);
  });

  test("opened at a route the build did not bake, the baked map is gone before the first paint of the page", async ({ page, problems }) => {
    problems.allow(/status of 404 \(Not Found\)/);
    const unknown = ["99", "98", "97"].find((id) => !DATASET.regions.some((r) => r.id === id)) ?? "99";
    const seen: { url: string; baked: string | null }[] = [];
    await page.exposeFunction("__bakedAt", (url: string, baked: string | null) => seen.push({ url, baked }));
    // boot.js runs before DOMContentLoaded (a module script); by then a baked page of another
    // route (index.html reached through 404.html) must have dropped its content.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        const report = (window as unknown as { __bakedAt: (u: string, b: string | null) => void }).__bakedAt;
        report(location.pathname, document.getElementById("baked")?.dataset.route ?? null);
      });
    });
    await page.goto(new URL(`embed/region/${unknown}`, base()).href);
    await waitForApp(page);
    await expect(page.getByTestId("not-found")).toBeVisible();
    expect(seen.map((s) => s.url), "the app's document was seen").toContain(new URL(`embed/region/${unknown}`, base()).pathname);
    expect(seen.filter((s) => s.baked !== null), JSON.stringify(seen)).toEqual([]);
  });

  test("in a partner's iframe on another origin, a baked embed shows its content and fits its iframe before the wasm", async ({ page, problems }) => {
    test.setTimeout(60_000);
    problems.allow(/The atlas could not start|net::ERR_FAILED|Failed to load resource/);
    await withoutWasm(page);
    const partner = await startPartnerServer({ host: "127.0.0.2" });
    try {
      const src = new URL(`embed/region/${REGION.id}/?lang=en`, base()).href;
      partner.setPage(
        "/region.html",
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title><link rel="icon" href="data:,"></head>
<body><h1>Partner</h1>
<iframe data-atlas-embed title="Atlas region" src="${src.replace(/&/g, "&amp;")}" width="100%" height="640"></iframe>
<script src="${new URL("embed.js", base()).href}" defer></script></body></html>`,
      );
      await page.goto(partner.url("/region.html"));
      const iframe = page.locator("iframe[data-atlas-embed]");
      await iframe.scrollIntoViewIfNeeded();
      const inner = iframe.contentFrame();
      await expect(inner.locator('#baked [data-baked-lang="en"]').getByText(REGION.name.en ?? REGION.name.fr).first()).toBeVisible();
      await expect(inner.locator(":root")).toHaveAttribute("data-embed", "true");
      await expect(inner.locator(":root")).not.toHaveAttribute("data-ready", /.*/);
      // embed.js applied the height the baked page reported, and it is the widget's, not 640.
      await expect.poll(() => iframe.getAttribute("data-atlas-height"), { timeout: 15_000 }).not.toBeNull();
      const reported = Number(await iframe.getAttribute("data-atlas-height"));
      expect(reported).not.toBe(640);
      const own = await inner.locator(":root").evaluate((r) => Math.ceil(r.getBoundingClientRect().height));
      expect(Math.abs(reported - own)).toBeLessThanOrEqual(1);
    } finally {
      await partner.close();
    }
  });
});
