// Foundation: the shell of the atlas works the way every later feature relies on. Each route
// renders under a sub-path, links and history navigate without reloading, deep links survive a
// reload, the dataset's loading and error states show, and no page logs an error, breaks the
// Content-Security-Policy or fails an automatic WCAG 2.1 AA check.
//
// Runs against the release build in dist/ (see playwright.config.ts); the fixtures fail any test
// whose page logged a console error, threw, or violated the CSP.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test, expect, waitForApp, type Atlas } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";

type Route = { path: string; name: string; embed?: boolean };

const ROUTES: Route[] = [
  { path: "/", name: "map" },
  { path: "/region/28", name: "region" },
  { path: "/compare", name: "compare" },
  { path: "/funding", name: "funding" },
  { path: "/sources", name: "sources" },
  { path: "/embed/map", name: "map embed", embed: true },
];
const UNKNOWN = "/this/page/does-not-exist";
const DATASET = "data/atlas.json";
const ownServer = () => !!process.env.E2E_BASE_URL_404;

const byTestId = (atlas: Atlas, id: string) => atlas.page.getByTestId(id);

async function expectPageTitle(atlas: Atlas) {
  const title = byTestId(atlas, "page-title");
  await expect(title).toBeVisible();
  await expect(title).toHaveJSProperty("tagName", "H1");
  await expect(title).not.toHaveText(/^\s*$/);
  // One h1 per view: it names the page for screen-reader users.
  await expect(atlas.page.locator("h1")).toHaveCount(1);
  return (await title.innerText()).trim();
}

test.describe("every route renders under the sub-path", () => {
  for (const route of ROUTES) {
    test(`${route.path} (${route.name})`, async ({ atlas, page }) => {
      await atlas.goto(route.path);
      expect(new URL(page.url()).pathname).toBe(new URL(atlas.url(route.path)).pathname);
      await expect(byTestId(atlas, "main")).toBeVisible();
      await expectPageTitle(atlas);
      await expect(page).toHaveTitle(/\S/);
      expect(await page.locator("html").getAttribute("lang")).toMatch(/^(fr|en)$/);
      // The boot placeholder is gone once the app runs.
      await expect(page.locator("#boot-status")).toHaveCount(0);

      if (route.embed) {
        // Embeds are widgets for partner pages: no site header or navigation.
        await expect(byTestId(atlas, "app-header")).toHaveCount(0);
      } else {
        await expect(byTestId(atlas, "app-header")).toBeVisible();
        for (const id of ["nav-map", "nav-compare", "nav-funding", "nav-sources", "lang-switch"]) {
          await expect(byTestId(atlas, id), `${id} in the header`).toBeVisible();
        }
      }
    });
  }

  test("an unknown path shows the not-found page", async ({ atlas }) => {
    await atlas.goto(UNKNOWN);
    await expect(byTestId(atlas, "not-found")).toBeVisible();
    await expectPageTitle(atlas);
    await expect(byTestId(atlas, "app-header")).toBeVisible();
  });
});

test.describe("accessibility: no WCAG 2.1 A/AA violations found by axe", () => {
  for (const route of [...ROUTES, { path: UNKNOWN, name: "not found" }]) {
    test(`${route.path} (${route.name})`, async ({ atlas, page }) => {
      await atlas.goto(route.path);
      await expectNoAxeViolations(page);
    });
  }
});

test.describe("navigation", () => {
  test("header links open each view without reloading the page", async ({ atlas, page }) => {
    await atlas.goto("/");
    const home = await expectPageTitle(atlas);
    // A full page load would drop this marker: in-app navigation keeps it.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const titles = new Map<string, string>([["/", home]]);
    for (const [id, path] of [
      ["nav-compare", "/compare"],
      ["nav-funding", "/funding"],
      ["nav-sources", "/sources"],
      ["nav-map", "/"],
    ] as const) {
      await byTestId(atlas, id).click();
      await expect.poll(async () => new URL(page.url()).pathname, { message: `after clicking ${id}` }).toBe(
        new URL(atlas.url(path)).pathname,
      );
      const title = await expectPageTitle(atlas);
      if (titles.has(path)) expect(title, `title of ${path} again`).toBe(titles.get(path));
      titles.set(path, title);
    }
    expect(new Set(titles.values()).size, "each view has its own title").toBe(4);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  test("back and forward restore the views", async ({ atlas, page }) => {
    await atlas.goto("/");
    const mapTitle = await expectPageTitle(atlas);
    await byTestId(atlas, "nav-funding").click();
    await expect(page).toHaveURL(atlas.url("/funding"));
    const fundingTitle = await expectPageTitle(atlas);
    await byTestId(atlas, "nav-sources").click();
    await expect(page).toHaveURL(atlas.url("/sources"));
    const sourcesTitle = await expectPageTitle(atlas);

    await page.goBack();
    await expect(page).toHaveURL(atlas.url("/funding"));
    await expect(byTestId(atlas, "page-title")).toHaveText(fundingTitle);
    await page.goBack();
    await expect(page).toHaveURL(atlas.url("/"));
    await expect(byTestId(atlas, "page-title")).toHaveText(mapTitle);
    await page.goForward();
    await expect(page).toHaveURL(atlas.url("/funding"));
    await expect(byTestId(atlas, "page-title")).toHaveText(fundingTitle);
    await page.goForward();
    await expect(page).toHaveURL(atlas.url("/sources"));
    await expect(byTestId(atlas, "page-title")).toHaveText(sourcesTitle);
  });
});

test.describe("deep links", () => {
  test("a deep link survives a reload under the sub-path", async ({ atlas, page }) => {
    await atlas.goto("/region/28");
    const title = await expectPageTitle(atlas);
    await page.reload();
    await waitForApp(page);
    expect(await atlas.route()).toBe("/region/28");
    await expect(byTestId(atlas, "page-title")).toHaveText(title);
  });

  test("a shared link keeps its query (view state)", async ({ atlas, page }) => {
    await atlas.goto("/compare?regions=11,84");
    const url = new URL(page.url());
    expect(url.pathname).toBe(new URL(atlas.url("/compare")).pathname);
    expect(url.searchParams.has("p"), "the ?p= hand-over is removed from the address").toBe(false);
    expect(url.searchParams.get("regions") ?? "").toMatch(/11.*84/);
  });

  test("on a host that answers unknown paths with 404.html, links one level deep reach the app", async ({
    atlas,
    problems,
  }) => {
    test.skip(!ownServer(), "needs the test server's 404.html mode");
    const base404 = process.env.E2E_BASE_URL_404!;
    // The browser logs the 404 status of the first response; that is the host, not the app.
    problems.allow(/status of 404/);
    await atlas.goto("/compare", { baseUrl: base404 });
    expect(new URL(atlas.page.url()).pathname).toBe(new URL(atlas.url("/compare", base404)).pathname);
    await expectPageTitle(atlas);

    await atlas.goto("/nope", { baseUrl: base404 });
    await expect(byTestId(atlas, "not-found")).toBeVisible();
  });
});

test.describe("dataset request", () => {
  // The wasm sends it before it mounts the app, so the download overlaps the mount (a round
  // trip on a phone); the first attempt then reads that same request rather than a second one.
  test("the dataset is requested once, before the app mounts", async ({ atlas, page }) => {
    await atlas.goto("/");
    const seen = await page.evaluate((file) => {
      const requests = performance
        .getEntriesByType("resource")
        .filter((e) => new URL(e.name).pathname.endsWith(`/${file}`));
      const mount = performance.getEntriesByName("atlas-mount", "mark")[0];
      return { starts: requests.map((e) => e.startTime), mount: mount?.startTime ?? null };
    }, DATASET);
    expect(seen.mount, "the app marks its mount").not.toBeNull();
    expect(seen.starts, `one request for ${DATASET}`).toHaveLength(1);
    expect(seen.starts[0], "requested before the mount").toBeLessThan(seen.mount!);
  });
});

test.describe("dataset loading", () => {
  test.skip(!ownServer(), "needs the test server's fault injection");

  test("a loading state shows while the dataset downloads", async ({ atlas, page, faults }) => {
    await faults.add({ path: DATASET, delayMs: 2500, times: 1 });
    await atlas.goto("/", { waitReady: false });
    await expect(byTestId(atlas, "dataset-loading")).toBeVisible();
    await waitForApp(page);
    await expect(byTestId(atlas, "dataset-loading")).toHaveCount(0);
    expect((await faults.log()).some((r) => r.path.endsWith(DATASET)), `the app fetched ${DATASET}`).toBe(true);
  });

  test("a failed download shows an error, and retrying recovers", async ({ atlas, page, faults, problems }) => {
    problems.allow(/status of 503|atlas\.json/);
    // Every attempt fails: the app retries a 503 with backoff before it gives up.
    await faults.add({ path: DATASET, status: 503, body: "unavailable", contentType: "text/plain" });
    await atlas.goto("/", { waitReady: false });
    const error = byTestId(atlas, "dataset-error");
    await expect(error).toBeVisible({ timeout: 20_000 });
    await expect(error.getByRole("button").first()).toBeVisible();
    await faults.clear();
    await error.getByRole("button").first().click();
    await expect(error).toHaveCount(0);
    await waitForApp(page);
  });
});

test.describe("security", () => {
  test("index.html has no inline script or style, and declares the CSP", async () => {
    const file = await readFile(path.join(process.env.E2E_DIST ?? "dist", "index.html"), "utf8");
    const html = file.replace(/<!--[\s\S]*?-->/g, "");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length, "a script loads the app").toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs, "scripts are external").toMatch(/\bsrc=/);
      expect(body.trim(), "scripts have no inline code").toBe("");
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).toContain(`http-equiv="Content-Security-Policy"`);
  });

  test("the host headers from _headers are sent", async ({ atlas, request }) => {
    test.skip(!ownServer(), "headers come from the test server reading dist/_headers");
    const response = await request.get(atlas.url("/"));
    expect(response.status()).toBe(200);
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  });
});
