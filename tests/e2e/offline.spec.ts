// Offline and resilient loading: after one visit the atlas opens on every route without the
// network — the service worker (public/sw.js) answers the app files and navigations, the app
// (src/data/) shows its own cached copy of the dataset with the "Offline — data from …"
// banner — a new release is offered with the update banner (public/boot.js) and applied on
// Reload, and a slow, large dataset shows a progress bar while it loads.
//
// The tests that take the network away start their own static server (support/server.mjs) on the
// same build, so that they can stop it or swap the folder it serves without disturbing the
// harness's shared server. Offline means two things here: the host is gone (server stopped:
// connections refused) and the reader's device is offline (`context.setOffline(true)`).
import { cp, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, waitForApp, Atlas } from "./support/fixtures";
import { startServer } from "./support/server.mjs";

/** The build under test: the one global-setup serves. */
const DIST = path.resolve(process.env.E2E_DIST ?? "dist");
const BASE = process.env.E2E_BASE ?? "/atlas/sub/";

/** Every view, each opened as a deep link while offline. */
const ROUTES = ["/", "/region/28", "/compare?regions=28,11", "/funding", "/sources"];

// Network failures these tests cause on purpose: the app's own dataset requests (and their
// retries) fail while offline, and Chromium logs each failed request as a console error (the
// fixture appends the URL). Only the dataset may fail: the service worker answers the rest.
const REFUSED = /^Failed to load resource: net::ERR_CONNECTION_REFUSED \(http:\/\/[^)]*\/data\/atlas\.json\)$/;
const DISCONNECTED = /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED \(http:\/\/[^)]*\/data\/atlas\.json\)$/;

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * Waits until the service worker controls the page (it claims the page when it activates; a
 * reload makes sure when it does not), with this release's app files precached.
 */
async function ensureControlled(page: Page) {
  // boot.js registers the worker once the app has started; `ready` resolves once it is active,
  // that is after its install step has precached every app file.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) {
    await page.reload();
    await waitForApp(page);
  }
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { message: "page controlled by sw.js" })
    .toBe(true);
}

async function appCaches(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith("atlas-app-")).sort());
}

/** The view renders from the cached app and cached data, and says the data is a saved copy. */
async function expectOfflineView(atlas: Atlas, route: string) {
  const page = atlas.page;
  await waitForApp(page, 20_000);
  expect(await atlas.route(), "the address keeps the route").toBe(route);
  await expect(page.getByTestId("page-title"), `title of ${route}`).toBeVisible();
  await expect(page.getByTestId("page-title")).not.toHaveText(/^\s*$/);
  const banner = page.getByTestId("offline-banner");
  await expect(banner, `offline banner on ${route}`).toBeVisible();
  // French by default (locale fr-FR): "Hors ligne — données du 22 novembre 2026".
  await expect(banner).toContainText(/(Hors ligne|Offline) — (données du|data from) \d/);
  await expect(page.getByTestId("dataset-error")).toHaveCount(0);
}

/** Opens every route as a deep link, reloads a deep link, then navigates in the app. */
async function browseOffline(atlas: Atlas) {
  const page = atlas.page;
  await page.reload();
  await expectOfflineView(atlas, "/");

  for (const route of ROUTES) {
    await page.goto(atlas.url(route));
    await expectOfflineView(atlas, route);
  }

  // A deep link reloaded while offline.
  await page.goto(atlas.url("/region/28"));
  await expectOfflineView(atlas, "/region/28");
  const title = await page.getByTestId("page-title").innerText();
  await page.reload();
  await expectOfflineView(atlas, "/region/28");
  await expect(page.getByTestId("page-title")).toHaveText(title);

  // In-app navigation still works offline: a region of the map opens its page, the header
  // links open every view, history goes back and forth, all without the network.
  await page.goto(atlas.url("/"));
  await expectOfflineView(atlas, "/");
  await page.locator('[data-testid="map-regions"] path[data-region="28"]').click();
  await expect.poll(() => atlas.route(), { message: "after clicking region 28 on the map" }).toBe("/region/28");
  await expect(page.getByTestId("page-title")).toHaveText(title);
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  await page.goBack();
  await expect.poll(() => atlas.route()).toBe("/");
  await page.goForward();
  await expect.poll(() => atlas.route()).toBe("/region/28");
  await expect(page.getByTestId("page-title")).toHaveText(title);
}

/** The header links open every view offline, without leaving the app. */
async function headerLinksOffline(atlas: Atlas) {
  const page = atlas.page;
  await page.goto(atlas.url("/region/28"));
  await expectOfflineView(atlas, "/region/28");
  for (const [id, route] of [
    ["nav-compare", "/compare"],
    ["nav-funding", "/funding"],
    ["nav-sources", "/sources"],
    ["nav-map", "/"],
  ] as const) {
    await page.getByTestId(id).click();
    await expect.poll(() => atlas.route().then((r) => r.split("?")[0]), { message: `after clicking ${id}` }).toBe(route);
    await expect(page.getByTestId("page-title")).toBeVisible();
    await expect(page.getByTestId("offline-banner")).toBeVisible();
  }
  await page.goBack();
  await expect.poll(() => atlas.route()).toBe("/sources");
  await page.reload();
  await expectOfflineView(atlas, "/sources");
}

test.describe("offline after one visit", () => {
  test("the host is gone (server stopped): every route and a reloaded deep link render from the caches", async ({
    page,
    problems,
  }) => {
    test.setTimeout(120_000);
    const server = await startServer({ root: DIST, base: BASE, quiet: true });
    try {
      const atlas = new Atlas(page, server.url);
      await atlas.goto("/");
      await expect(page.getByTestId("offline-banner")).toHaveCount(0);
      await ensureControlled(page);

      await server.close();
      problems.allow(REFUSED);
      await browseOffline(atlas);
    } finally {
      await server.close();
    }
  });

  test("the device is offline (context.setOffline): every route and a reloaded deep link render from the caches", async ({
    atlas,
    page,
    context,
    problems,
  }) => {
    test.setTimeout(120_000);
    await atlas.goto("/");
    await expect(page.getByTestId("offline-banner")).toHaveCount(0);
    await ensureControlled(page);

    await context.setOffline(true);
    problems.allow(DISCONNECTED);
    try {
      await browseOffline(atlas);
    } finally {
      await context.setOffline(false);
    }

    // Back online, Retry in the banner loads the live dataset and the banner goes.
    await page.getByTestId("offline-banner").getByRole("button").click();
    await expect(page.getByTestId("offline-banner")).toHaveCount(0, { timeout: 15_000 });
    await waitForApp(page);
  });
});

test.describe("offline after one visit: header links", () => {
  test("the header links open every view offline without leaving the app", async ({ atlas, page, context, problems }) => {
    test.setTimeout(90_000);
    await atlas.goto("/");
    await ensureControlled(page);
    await context.setOffline(true);
    problems.allow(DISCONNECTED);
    try {
      await headerLinksOffline(atlas);
    } finally {
      await context.setOffline(false);
    }
  });
});

test.describe("new release", () => {
  test("a waiting release is offered with the update banner and applied on Reload", async ({ page }) => {
    test.setTimeout(90_000);
    // Two releases of the same site: B differs from A only in sw.js (as every release does,
    // since the build stamps the worker with a hash of the app files). The server serves
    // `current`, a symbolic link swapped from A to B between the visit and the update check.
    const work = await mkdtemp(path.join(os.tmpdir(), "atlas-release-"));
    const releaseA = path.join(work, "a");
    const releaseB = path.join(work, "b");
    const current = path.join(work, "current");
    await cp(DIST, releaseA, { recursive: true });
    await cp(DIST, releaseB, { recursive: true });
    const swA = await readFile(path.join(releaseA, "sw.js"), "utf8");
    const version = /const VERSION = "([^"]+)";/.exec(swA)?.[1];
    expect(version, "sw.js is stamped with the release (scripts/trunk-post-build.sh)").toBeTruthy();
    expect(version).not.toContain("__ATLAS_");
    const nextVersion = `${version}-next`;
    await writeFile(
      path.join(releaseB, "sw.js"),
      swA.replace(`const VERSION = "${version}";`, `const VERSION = "${nextVersion}";`) + "\n// release B (e2e)\n",
    );
    await symlink(releaseA, current);

    const server = await startServer({ root: current, base: BASE, quiet: true });
    try {
      const atlas = new Atlas(page, server.url);
      // First visit, then a deep link opened under release A's worker.
      await atlas.goto("/");
      await ensureControlled(page);
      await page.goto(atlas.url("/region/28"));
      await waitForApp(page);
      expect(await appCaches(page)).toEqual([`atlas-app-${version}`]);
      await expect(page.getByTestId("update-banner")).toHaveCount(0);

      // Publish release B (atomically, like a deploy) and look for it.
      await symlink(releaseB, current + ".next");
      await rename(current + ".next", current);
      await page.evaluate(() => ((window as unknown as { __releaseA: boolean }).__releaseA = true));
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        if (!registration) throw new Error("no service worker registration");
        await registration.update();
      });

      const banner = page.getByTestId("update-banner");
      await expect(banner).toBeVisible();
      await expect(banner).toHaveAttribute("role", "status");
      await expect(banner).toContainText("Une nouvelle version de l’atlas est disponible.");
      expect(await page.evaluate(() => document.documentElement.dataset.updateAvailable)).toBe("true");
      // The new worker waits for the reader: the page still runs release A.
      expect(
        await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.waiting?.state ?? null;
        }),
      ).toBe("installed");
      expect((await appCaches(page)).sort()).toEqual([`atlas-app-${nextVersion}`, `atlas-app-${version}`].sort());

      await banner.getByRole("button", { name: "Recharger" }).click();

      // The page reloads by itself (a fresh document has no marker) under release B's worker.
      await expect
        .poll(
          () =>
            page
              .evaluate(() => ((window as unknown as { __releaseA?: boolean }).__releaseA ? "release A document" : "reloaded"))
              .catch(() => "navigating"),
          { message: "the page reloads after Reload", timeout: 15_000 },
        )
        .toBe("reloaded");
      await waitForApp(page);
      expect(await atlas.route()).toBe("/region/28");
      await expect(page.getByTestId("update-banner")).toHaveCount(0);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe("activated");
      expect(
        await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return { waiting: registration?.waiting ?? null, installing: registration?.installing ?? null };
        }),
      ).toEqual({ waiting: null, installing: null });
      // Release B's worker is the active one: it removed release A's cache when it activated.
      await expect.poll(() => appCaches(page)).toEqual([`atlas-app-${nextVersion}`]);
    } finally {
      await server.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});

test.describe("slow and large dataset", () => {
  test("a progress bar shows while a slow 3 MB dataset loads, then the view", async ({ atlas, page }) => {
    test.setTimeout(60_000);
    const original = await readFile(path.join(DIST, "data/atlas.json"), "utf8");
    // Still valid JSON: whitespace after the document.
    const padded = original + " ".repeat(3 * 1024 * 1024);
    let served = 0;
    await page.route("**/data/atlas.json", async (route) => {
      served++;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.fulfill({ status: 200, contentType: "application/json; charset=utf-8", body: padded });
    });
    // Record every value the bar takes, from before the app starts.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[data-testid="dataset-loading"] progress')) {
          seen.push(bar.getAttribute("value") ?? "indeterminate");
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["value"] });
    });

    await atlas.goto("/", { waitReady: false });
    const loading = page.getByTestId("dataset-loading");
    await expect(loading).toBeVisible();
    await expect(loading).toHaveAttribute("role", "status");
    const bar = loading.locator("progress");
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute("aria-label", /\S/);

    await waitForApp(page, 25_000);
    await expect(loading).toHaveCount(0);
    await expect(page.getByTestId("map-svg")).toBeVisible();
    await expect(page.getByTestId("offline-banner")).toHaveCount(0);
    expect(served, "one request: a slow answer is not a failure").toBe(1);
    const seen = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    // While the server has not answered, the total is unknown: an indeterminate bar. Then the
    // Content-Length gives percentages (values depend on how the body arrives: recorded only).
    expect(seen[0], "the progress bar was rendered before the answer").toBe("indeterminate");
    test.info().annotations.push({ type: "progress values", description: seen.join(" → ") });
  });
});
