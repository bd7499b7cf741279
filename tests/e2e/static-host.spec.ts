// The relative build (no --public-url) on a host that answers every unknown path with 404.html
// and status 404, nothing else (GitHub Pages, a bucket's error document): every route of the app
// opened directly, at every depth, with and without a trailing slash, ends on the app showing
// that route; a partner page on another origin embeds a widget from such a host and the iframe
// fits its content. The tests run in fresh contexts, so no service worker helps.
//
// How the 404 page finds the app is explained in public/404.html and public/redirect.js.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page, Response } from "@playwright/test";
import { test, expect, waitForApp, Atlas } from "./support/fixtures";
import { startPartnerServer } from "./support/partner.mjs";
import { startServer } from "./support/server.mjs";

const DIST = path.resolve(process.env.E2E_DIST ?? "dist");
const REPO = path.resolve(".");
const DATASET = JSON.parse(readFileSync(path.join(DIST, "data/atlas.json"), "utf8")) as {
  regions: { id: string }[];
  funding: { id: string }[];
};
const CHART_ID = DATASET.funding[0].id;
/** A region id of the right shape that the dataset does not have. */
const NEW_REGION = ["99", "98", "97", "05"].find((id) => !DATASET.regions.some((r) => r.id === id)) ?? "99";

// The app's own "this page does not exist" also has data-testid="not-found": an unknown region
// must be the region view's answer, told apart by its title.
const REGION_NOT_FOUND = /Cette région ne figure pas dans les données/;

type Case = { route: string; content: string; embed?: boolean; title?: RegExp };
/** One case per route of the app (the router's `path!`s; checked below), with its content. */
const CASES: Case[] = [
  { route: "/", content: "map-svg" },
  { route: "/region/28", content: "region-page" },
  { route: `/region/${NEW_REGION}`, content: "region-suggestions", title: REGION_NOT_FOUND },
  { route: "/compare?regions=28,11", content: "compare-view" },
  { route: "/funding", content: "funding-card" },
  { route: "/sources", content: "dataset-metadata" },
  { route: "/check", content: "check-page" },
  { route: "/embed/map", content: "map-svg", embed: true },
  { route: `/embed/chart/${CHART_ID}`, content: "funding-card", embed: true },
  { route: "/embed/region/28", content: "region-card", embed: true },
  { route: `/embed/region/${NEW_REGION}`, content: "not-found", embed: true, title: REGION_NOT_FOUND },
  { route: "/embed/compare?regions=28,11", content: "compare-view", embed: true },
];
/** The route shapes these cases cover, as the router writes them. */
const COVERED = ["/", "/region/:id", "/compare", "/funding", "/sources", "/check", "/embed/map", "/embed/chart/:id", "/embed/region/:id", "/embed/compare"];

/** "/region/28?x" → "/region/28/?x": the same route with a trailing slash. */
function withSlash(route: string): string {
  const [p, q] = route.split("?");
  return (p.endsWith("/") ? p : p + "/") + (q === undefined ? "" : "?" + q);
}

function base404(): string {
  const url = process.env.E2E_BASE_URL_404;
  if (!url) throw new Error("E2E_BASE_URL_404 is not set (global-setup.ts starts the 404-only server)");
  return url;
}

/** Failed (HTTP ≥ 400) requests of a page, by URL, for the console-error budget. */
function failures(page: Page): string[] {
  const failed: string[] = [];
  page.on("response", (r: Response) => {
    if (r.status() >= 400) failed.push(r.url());
  });
  return failed;
}

/** Opens `route` on the 404-only host and expects the app to end on it, showing `content`. */
async function expectRouteOpens(atlas: Atlas, page: Page, c: Case, opened: string) {
  const url = atlas.url(opened, base404());
  await page.goto(url);
  await waitForApp(page);
  const [routePath, query] = c.route.split("?");
  const final = new URL(page.url());
  expect(final.pathname, `${opened}: the address shows the route`).toBe(new URL(atlas.url(routePath, base404())).pathname);
  expect(final.searchParams.has("p"), `${opened}: the ?p= hand-over is consumed`).toBe(false);
  for (const [k, v] of new URLSearchParams(query ?? "")) expect(final.searchParams.get(k), `${opened}: ${k} is kept`).toBe(v);
  await expect(page.getByTestId(c.content).first(), `${opened}: the view's content`).toBeVisible();
  await expect(page.getByTestId("page-title")).toHaveCount(1);
  if (c.title) await expect(page.getByTestId("page-title")).toHaveText(c.title);
  else await expect(page.getByTestId("page-title")).not.toHaveText(/Cette page n’existe pas/);
  await expect(page.locator(":root")).toHaveAttribute("data-embed", c.embed ? "true" : "false");
}

test.describe("deep links on a 404-only host (relative build)", () => {
  test.skip(!process.env.E2E_BASE_URL_404, "needs the test server's 404.html mode");

  for (const c of CASES) {
    for (const opened of c.route === "/" ? [c.route] : [c.route, withSlash(c.route)]) {
      test(`${opened} opens the app there`, async ({ atlas, page, problems }) => {
        const failed = failures(page);
        // The host's answer to the deep link itself is a 404; that is the host, not the app.
        const document = atlas.url(opened, base404());
        problems.allow(new RegExp(`status of 404 \\(Not Found\\) \\(${document.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)$`));
        await expectRouteOpens(atlas, page, c, opened);
        // The 404 page probes for redirect.js in two places; at most one misses, and none on a
        // route two or three folders deep written without a trailing slash.
        const probes = failed.filter((u) => u.endsWith("/redirect.js"));
        const [routePath] = opened.split("?");
        const deepWithoutSlash = routePath.split("/").filter(Boolean).length >= 2 && !routePath.endsWith("/");
        expect(probes.length, `redirect.js misses: ${probes.join(", ")}`).toBeLessThanOrEqual(deepWithoutSlash ? 0 : 1);
        expect(failed.filter((u) => u !== document && !u.endsWith("/redirect.js")), "no other failed request").toEqual([]);
      });
    }
  }

  test("a path the app does not know, two folders deep, shows the app's not-found page", async ({ atlas, page, problems }) => {
    problems.allow(/status of 404 \(Not Found\)/);
    await page.goto(atlas.url("/nowhere/at-all", base404()));
    await waitForApp(page);
    expect(await new Atlas(page, base404()).route()).toBe("/nowhere/at-all");
    await expect(page.getByTestId("not-found")).toBeVisible();
  });

  test("a partner page on another origin embeds the map from the 404-only host; the iframe fits it", async ({ page, problems }) => {
    test.setTimeout(60_000);
    problems.allow(/status of 404 \(Not Found\)/);
    const partner = await startPartnerServer({ host: "127.0.0.2" });
    try {
      const src = new URL("embed/map?lang=en", base404()).href;
      partner.setPage(
        "/map.html",
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title><link rel="icon" href="data:,"></head>
<body><h1>Partner</h1>
<iframe data-atlas-embed title="Atlas map" src="${src.replace(/&/g, "&amp;")}" width="100%"></iframe>
<script src="${new URL("embed.js", base404()).href}" defer></script></body></html>`,
      );
      await page.goto(partner.url("/map.html"));
      const iframe = page.locator("iframe[data-atlas-embed]");
      const inner = iframe.contentFrame();
      await expect(inner.locator(":root"), "the widget is ready").toHaveAttribute("data-ready", "true", { timeout: 20_000 });
      await expect(inner.locator(":root")).toHaveAttribute("data-embed", "true");
      await expect(inner.getByTestId("map-svg")).toBeVisible();
      await expect(inner.getByTestId("app-header")).toHaveCount(0);
      const frame = await (await iframe.elementHandle())?.contentFrame();
      expect(new URL(frame!.url()).pathname).toBe(new URL(src).pathname);
      await iframe.scrollIntoViewIfNeeded();
      // embed.js applies the height the widget reports, which is its document's height.
      await expect
        .poll(
          async () => {
            const h = await iframe.evaluate((el) => ({ iframe: el.clientHeight, reported: Number(el.getAttribute("data-atlas-height") ?? NaN) }));
            const doc = await frame!.evaluate(() => document.documentElement.getBoundingClientRect().height);
            return h.iframe !== 150 && Math.abs(h.iframe - h.reported) <= 1 && Math.abs(h.iframe - doc) <= 3;
          },
          { message: "the iframe is fitted to the widget", timeout: 15_000 },
        )
        .toBe(true);
    } finally {
      await partner.close();
    }
  });
});

test.describe("the 404 page's redirect scripts", () => {
  /** Every `path!("…")` of the router, wherever the routes are declared in src/. */
  function routerPaths(): string[] {
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".rs")) for (const m of readFileSync(p, "utf8").matchAll(/path!\("([^"]*)"\)/g)) found.add(m[1]);
      }
    };
    walk(path.join(REPO, "src"));
    return [...found].sort();
  }

  test("every route of the router has a deep-link case here and a redirect.js in each of its folders", () => {
    const routes = routerPaths();
    expect(routes.length, "routes found in src/").toBeGreaterThan(5);
    expect(routes, "a new route needs a case in CASES above").toEqual([...COVERED].sort());
    for (const route of routes) {
      const folders = route.split("/").filter(Boolean).slice(0, -1);
      for (let depth = 0; depth <= folders.length; depth++) {
        const file = path.join(DIST, ...folders.slice(0, depth), "redirect.js");
        expect(existsSync(file), `${path.relative(DIST, file)} (for ${route}; scripts/trunk-post-build.sh)`).toBe(true);
        const stamp = /const DEPTH = (\d+);/.exec(readFileSync(file, "utf8"))?.[1];
        expect(Number(stamp), `${path.relative(DIST, file)} knows how deep it is`).toBe(depth);
      }
    }
  });

  test("a build with an absolute --public-url: one redirect.js on a 404-only host, and every URL absolute for a rewriting host", async ({ page, problems }) => {
    test.setTimeout(60_000);
    const base = "/atlas/abs/";
    const stage = await mkdtemp(path.join(os.tmpdir(), "atlas-public-url-"));
    try {
      await cp(DIST, stage, { recursive: true });
      // Only the 404 page depends on the public URL; the rest of this copy stays relative.
      execFileSync("bash", [path.join(REPO, "scripts/trunk-post-build.sh")], {
        env: { ...process.env, TRUNK_STAGING_DIR: stage, TRUNK_PUBLIC_URL: base },
      });
      const html = readFileSync(path.join(stage, "404.html"), "utf8").replace(/<!--[\s\S]*?-->/g, "");
      expect([...html.matchAll(/<script src="([^"]*)"/g)].map((m) => m[1])).toEqual([`${base}redirect.js`]);
      const server = await startServer({ root: stage, base, fallback: "404", quiet: true });
      try {
        const failed = failures(page);
        problems.allow(/status of 404 \(Not Found\)/);
        const atlas = new Atlas(page, server.url);
        await page.goto(atlas.url(`/embed/region/${NEW_REGION}/`));
        await waitForApp(page);
        expect(await atlas.route()).toBe(`/embed/region/${NEW_REGION}`);
        await expect(page.getByTestId("page-title")).toHaveText(REGION_NOT_FOUND);
        expect(failed.filter((u) => u.endsWith("/redirect.js")), "no redirect.js miss").toEqual([]);
      } finally {
        await server.close();
      }
      // A host that answers index.html for every path: the page's own URLs (icons, manifest,
      // styles, boot.js) must not resolve against the deep path.
      const index = readFileSync(path.join(stage, "index.html"), "utf8").replace(/<!--[\s\S]*?-->/g, "");
      const relative = [...index.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith(base) && !/^[a-z]+:/.test(u) && !u.startsWith("#"));
      // (A fragment names a place in the same document, whatever its address.)
      expect(relative, "relative URLs left in index.html").toEqual([]);
      const spa = await startServer({ root: stage, base, fallback: "spa", quiet: true });
      try {
        const failed = failures(page);
        const atlas = new Atlas(page, spa.url);
        await atlas.goto("/region/28");
        expect(await atlas.route()).toBe("/region/28");
        await expect(page.getByTestId("region-page")).toBeVisible();
        expect(failed, "failed requests on a rewriting host").toEqual([]);
      } finally {
        await spa.close();
      }
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  });
});
