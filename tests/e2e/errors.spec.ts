// Bad datasets and loading faults, as a reader meets them: every broken answer for
// data/atlas.json ends in the error view (`<html data-ready="error">`) with a message a reader
// understands and, for a broken file, the JSON path and line:column of each problem; transient
// faults are retried (automatically, then with the Retry button); nothing panics; and the only
// console errors are the browser's own "Failed to load resource" lines for the failed requests.
//
// Faults are injected with page.route (or the test server's fault injection where a real HTTP
// detail matters, such as a body without Content-Length). The service worker, if the build has
// one, is blocked so that page.route sees the app's own requests; the offline test enables it.
import type { Page, Route } from "@playwright/test";
import { test, expect, waitForApp, type Atlas } from "./support/fixtures";
import { installXssTrap, panicked, waitForSettled, xssHits } from "./support/hostile";
import { BAD_FILES, MSG, plainNumbers, SAMPLE, SAMPLE_TEXT, trailingComma, version2 } from "./support/bad-datasets";

const DATASET_GLOB = "**/data/atlas.json";
const DATASET = "data/atlas.json";
// The app's backoff is 600 ms then 2 s: three attempts take under 3 s plus the requests.
const RETRIES_DONE_MS = 15_000;

const ownServer = () => !!process.env.E2E_BASE_URL_404;

test.use({ serviceWorkers: "block" });

test.beforeEach(async ({ page }) => {
  await installXssTrap(page);
});

type Answer = { status?: number; body?: string | Buffer; contentType?: string } | "refuse" | "abort" | "real";

/**
 * Answers the dataset request with `answers[n]` for the n-th request (the last one repeats).
 * Returns a counter of the requests seen.
 */
async function scriptDataset(page: Page, answers: Answer[] | (() => Answer)) {
  const seen = { count: 0 };
  await page.route(DATASET_GLOB, async (route: Route) => {
    const next = typeof answers === "function" ? answers() : answers[Math.min(seen.count, answers.length - 1)];
    seen.count++;
    if (next === "refuse") return route.abort("connectionrefused");
    if (next === "abort") return route.abort("connectionaborted");
    if (next === "real") return route.fallback();
    return route.fulfill({
      status: next.status ?? 200,
      contentType: next.contentType ?? "application/json; charset=utf-8",
      body: next.body ?? "",
    });
  });
  return seen;
}

/** Opens a route without waiting for readiness; returns how the app settled. */
async function open(atlas: Atlas, route = "/?lang=en") {
  await atlas.goto(route, { waitReady: false });
  return waitForSettled(atlas.page, 30_000);
}

async function expectErrorView(page: Page, summary: RegExp) {
  await expect(page.locator("html")).toHaveAttribute("data-ready", "error");
  const view = page.getByTestId("dataset-error");
  await expect(view).toBeVisible();
  await expect(view.getByTestId("page-title")).toBeVisible();
  await expect(page.getByTestId("dataset-error-summary")).toHaveText(summary);
  await expect(page.getByTestId("retry")).toBeVisible();
  await expect(page.getByTestId("retry")).toBeEnabled();
  expect(await panicked(page), "the wasm panicked").toBe(false);
  expect(await xssHits(page)).toEqual([]);
}

/**
 * After Retry: the error view stays on screen while the app fetches again (with its backoff), and
 * `data-ready` stays "error" until then, so wait for the view itself rather than waitForApp.
 */
async function expectRecovered(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-ready", "true", { timeout: RETRIES_DONE_MS + 10_000 });
  await expect(page.getByTestId("dataset-error")).toHaveCount(0);
  await expect(page.getByTestId("map-view")).toBeVisible();
  expect(await panicked(page), "the wasm panicked").toBe(false);
}

/** The problem list: items "line L, column C · path — message" (see `plainNumbers`). */
async function problemItems(page: Page): Promise<string[]> {
  const list = page.getByTestId("dataset-problems");
  await expect(list).toBeVisible();
  return (await list.locator("li").allInnerTexts()).map(plainNumbers);
}


// -------------------------------------------------------------------------------------------------

test.describe("network faults", () => {
  test("404: error view, no automatic retry; Retry recovers once the file is back", async ({ atlas, page, problems }) => {
    problems.allow(/Failed to load resource: the server responded with a status of 404/);
    let answer: Answer = { status: 404, body: "not found", contentType: "text/plain" };
    const seen = await scriptDataset(page, () => answer);
    expect(await open(atlas)).toBe("error");
    await expectErrorView(page, MSG.http(404));
    // A 404 is not transient: one request, no backoff loop.
    await page.waitForTimeout(3_000);
    expect(seen.count).toBe(1);

    answer = "real";
    await page.getByTestId("retry").click();
    await expectRecovered(page);
  });

  test("500 once: retried automatically, the reader sees the map", async ({ atlas, page, problems }) => {
    problems.allow(/Failed to load resource: the server responded with a status of 500/);
    const seen = await scriptDataset(page, [{ status: 500, body: "boom", contentType: "text/plain" }, "real"]);
    expect(await open(atlas)).toBe("ready");
    expect(seen.count).toBe(2);
    await expect(page.getByTestId("map-view")).toBeVisible();
  });

  test("500 on every attempt: error view after the retries; Retry recovers", async ({ atlas, page, problems }) => {
    problems.allow(/Failed to load resource: the server responded with a status of 500/);
    let answer: Answer = { status: 500, body: "boom", contentType: "text/plain" };
    const seen = await scriptDataset(page, () => answer);
    expect(await open(atlas)).toBe("error");
    await expectErrorView(page, MSG.http(500));
    expect(seen.count, "one request and two automatic retries").toBe(3);

    answer = "real";
    await page.getByTestId("retry").click();
    await expectRecovered(page);
  });

  test("503 from the test server (fault injection), twice: recovers on its own", async ({ atlas, page, faults, problems }) => {
    test.skip(!ownServer(), "needs the test server's fault injection");
    problems.allow(/status of 503/);
    await faults.add({ path: DATASET, status: 503, body: "unavailable", contentType: "text/plain", times: 2 });
    expect(await open(atlas)).toBe("ready");
    const requests = (await faults.log()).filter((r) => r.path.endsWith(DATASET));
    expect(requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  test("connection refused: network message after the retries; Retry recovers", async ({ atlas, page, problems }) => {
    problems.allow(/Failed to load resource: net::ERR_CONNECTION_REFUSED/);
    let answer: Answer = "refuse";
    const seen = await scriptDataset(page, () => answer);
    expect(await open(atlas)).toBe("error");
    await expectErrorView(page, MSG.network);
    expect(seen.count).toBe(3);

    answer = "real";
    await page.getByTestId("retry").click();
    await expectRecovered(page);
  });

  test("Retry shows that it is working while it fetches again", async ({ atlas, page, problems }) => {
    problems.allow(/Failed to load resource: net::ERR_CONNECTION_REFUSED/);
    await scriptDataset(page, () => "refuse");
    expect(await open(atlas)).toBe("error");
    await page.getByTestId("retry").click();
    // Within a moment: the loading state, or at least a busy, disabled button.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const button = document.querySelector<HTMLButtonElement>('[data-testid="retry"]');
            return !!document.querySelector('[data-testid="dataset-loading"]') || !!button?.disabled || button?.getAttribute("aria-busy") === "true";
          }),
        { timeout: 1_000 },
      )
      .toBe(true);
  });

  test("connection aborted once: retried automatically", async ({ atlas, page, problems }) => {
    problems.allow(/Failed to load resource: net::ERR_CONNECTION_ABORTED/);
    const seen = await scriptDataset(page, ["abort", "real"]);
    expect(await open(atlas)).toBe("ready");
    expect(seen.count).toBe(2);
  });

  test("connection dropped by the server (fault injection): retried automatically", async ({ atlas, faults, problems }) => {
    test.skip(!ownServer(), "needs the test server's fault injection");
    problems.allow(/Failed to load resource: net::ERR_(EMPTY_RESPONSE|CONNECTION_RESET|CONNECTION_CLOSED)/);
    await faults.add({ path: DATASET, drop: true, times: 1 });
    expect(await open(atlas)).toBe("ready");
  });

  test("a slow response (3 s): the progress bar shows meanwhile, then the map", async ({ atlas, page }) => {
    await page.route(DATASET_GLOB, async (route) => {
      await new Promise((r) => setTimeout(r, 3_000));
      await route.fallback();
    });
    await atlas.goto("/?lang=en", { waitReady: false });
    const loading = page.getByTestId("dataset-loading");
    await expect(loading).toBeVisible();
    await expect(loading).toContainText("Loading data");
    await expect(loading.locator("progress")).toBeVisible();
    await expect(loading.locator("progress")).toHaveAttribute("aria-label", /\S/);
    await page.waitForTimeout(1_500);
    await expect(loading, "still loading after 1.5 s").toBeVisible();
    await waitForApp(page);
    await expect(loading).toHaveCount(0);
    await expect(page.getByTestId("map-view")).toBeVisible();
  });
});

// -------------------------------------------------------------------------------------------------


test.describe("bad dataset files", () => {
  for (const bad of BAD_FILES) {
    test(bad.name, async ({ atlas, page }) => {
      const body = bad.body();
      const seen = await scriptDataset(page, [{ body, contentType: bad.contentType }]);
      expect(await open(atlas)).toBe("error");
      await expectErrorView(page, bad.summary);
      // A broken file is not retried: it will not mend itself in a second.
      expect(seen.count).toBe(1);
      const items = await problemItems(page);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item, "each problem names where it is").toMatch(/ · |^\(document\)|— /);
      for (const wanted of bad.problems ?? []) {
        expect(items.some((i) => wanted.test(i)), `a problem matching ${wanted}\nin:\n${items.join("\n")}`).toBe(true);
      }
    });
  }

  test("more than 50 problems: 50 are listed, then how many more", async ({ atlas, page }) => {
    const d = structuredClone(SAMPLE);
    // 80 places, each with a dangling region and a dangling source: over 160 problems.
    d.places = Array.from({ length: 80 }, (_, i) => ({ ...d.places[0], id: `p${i}`, region: "zz", source: "nowhere", point: undefined }));
    await scriptDataset(page, [{ body: JSON.stringify(d, null, 2) }]);
    expect(await open(atlas)).toBe("error");
    const items = await problemItems(page);
    expect(items).toHaveLength(50);
    await expect(page.getByTestId("dataset-error")).toContainText(/… and \d+ more problems/);
  });

  test("more problems than the validator lists: the count still names them all", async ({ atlas, page }) => {
    const d = structuredClone(SAMPLE);
    // 400 places, each with a dangling region and a dangling source: 800 problems, past the
    // 500 the validator lists.
    d.places = Array.from({ length: 400 }, (_, i) => ({ ...d.places[0], id: `p${i}`, region: "zz", source: "nowhere", point: undefined }));
    await scriptDataset(page, [{ body: JSON.stringify(d) }]);
    expect(await open(atlas)).toBe("error");
    expect(await problemItems(page)).toHaveLength(50);
    // At least 800 − 50 more: past the 500 − 50 a capped count would give.
    const text = await page.getByTestId("dataset-error").innerText();
    const more = Number(/… and ([\d,\s\u202f\u00a0]+) more problems/.exec(text)?.[1].replace(/\D/g, ""));
    expect(more).toBeGreaterThanOrEqual(750);
  });

  test("the messages are in French by default", async ({ atlas, page }) => {
    await scriptDataset(page, [{ body: trailingComma }]);
    expect(await open(atlas, "/")).toBe("error");
    await expect(page.getByTestId("dataset-error-summary")).toHaveText("Le fichier de données contient des erreurs.");
    const items = await problemItems(page);
    expect(items[0]).toMatch(/^ligne \d+, colonne \d+ · /);
    await expect(page.getByTestId("retry")).toHaveText("Réessayer");
  });

  test("a broken file on a deep link and in an embed shows the same error view", async ({ atlas, page }) => {
    await scriptDataset(page, [{ body: version2 }]);
    for (const route of ["/region/28?lang=en", "/compare?regions=28,11&lang=en", "/embed/map?lang=en", "/embed/chart/medicen-budget?lang=en"]) {
      expect(await open(atlas, route), route).toBe("error");
      await expectErrorView(page, MSG.format);
    }
  });

  test("a UTF-8 byte-order mark before valid JSON is ignored", async ({ atlas, page }) => {
    // Editors on Windows save one; RFC 8259 §8.1 lets a parser ignore it, and the atlas does.
    await scriptDataset(page, [{ body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE_TEXT)]) }]);
    expect(await open(atlas)).toBe("ready");
    await expect(page.getByTestId("map-view")).toBeVisible();
  });
});

// -------------------------------------------------------------------------------------------------

test.describe("size cap", () => {
  const big = () => {
    // 20 MB of valid JSON: the size is the only problem.
    const pad = "a".repeat(20 * 1024 * 1024);
    return `{"format": 1, "pad": "${pad}"}`;
  };

  test("a 20 MB body with Content-Length: refused before parsing", async ({ atlas, page }) => {
    test.setTimeout(90_000);
    const seen = await scriptDataset(page, [{ body: big() }]);
    expect(await open(atlas)).toBe("error");
    await expectErrorView(page, MSG.tooLarge);
    expect(seen.count).toBe(1);
  });

  test("a 20 MB body without Content-Length (streamed): cut off at the cap", async ({ atlas, page, faults }) => {
    test.skip(!ownServer(), "needs the test server's fault injection (its bodies are chunked)");
    test.setTimeout(90_000);
    await faults.add({ path: DATASET, status: 200, body: big(), contentType: "application/json", times: 1 });
    expect(await open(atlas)).toBe("error");
    await expectErrorView(page, MSG.tooLarge);
  });

  test("just under the cap (15.9 MB of valid JSON with padding) is still read", async ({ atlas, page }) => {
    test.setTimeout(90_000);
    // Whitespace padding is valid JSON: the cap is on bytes, not on content.
    const padded = SAMPLE_TEXT.replace(/\}\s*$/, " ".repeat(15_900_000) + "}");
    await scriptDataset(page, [{ body: padded }]);
    expect(await open(atlas)).toBe("ready");
  });
});

// -------------------------------------------------------------------------------------------------

test.describe("offline", () => {
  test("the dataset unreachable after a visit: the saved copy shows, with an offline banner", async ({ atlas, page, problems }) => {
    problems.allow(/Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|CONNECTION_REFUSED)/);
    await atlas.goto("/?lang=en");
    await expect(page.getByTestId("map-view")).toBeVisible();
    // The app keeps the last good file in the Cache API once it is validated.
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).length), { message: "a cache was written" })
      .toBeGreaterThan(0);

    let answer: Answer = "refuse";
    await scriptDataset(page, () => answer);
    await page.reload();
    expect(await waitForSettled(page, RETRIES_DONE_MS + 15_000)).toBe("ready");
    const banner = page.getByTestId("offline-banner");
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("data from");
    await expect(page.getByTestId("map-view")).toBeVisible();

    // Retry from the banner once the network is back: the banner goes away.
    answer = "real";
    await banner.getByRole("button").click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId("map-view")).toBeVisible();
  });

  test("a broken file after a visit: the saved copy shows instead of the error", async ({ atlas, page, problems }) => {
    problems.allow(/Failed to load resource: the server responded with a status of 503/);
    await atlas.goto("/?lang=en");
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
    await scriptDataset(page, [{ status: 503, body: "down", contentType: "text/plain" }]);
    await page.reload();
    expect(await waitForSettled(page, RETRIES_DONE_MS + 15_000)).toBe("ready");
    await expect(page.getByTestId("offline-banner")).toBeVisible();
  });
});

test.describe("offline with the service worker", () => {
  test.use({ serviceWorkers: "allow" });

  test("after one visit, going offline and reloading still shows the atlas and the offline banner", async ({ atlas, page, context, problems }) => {
    problems.allow(/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/);
    await atlas.goto("/?lang=en");
    await expect(page.getByTestId("map-view")).toBeVisible();
    const hasWorker = await page.evaluate(async () => {
      if (!("serviceWorker" in navigator)) return false;
      const registration = await Promise.race([
        navigator.serviceWorker.ready,
        new Promise<null>((r) => setTimeout(() => r(null), 10_000)),
      ]);
      return !!registration?.active;
    });
    test.fixme(!hasWorker, "this build registers no service worker: without one the page itself (index.html, boot.js, the wasm) cannot load offline, so the Cache API fallback of src/data/ is never reached on an offline reload");
    // Let the worker take control and cache the shell.
    await page.reload();
    await waitForApp(page);

    await context.setOffline(true);
    await page.reload();
    expect(await waitForSettled(page, RETRIES_DONE_MS + 15_000)).toBe("ready");
    await expect(page.getByTestId("map-view")).toBeVisible();
    await expect(page.getByTestId("offline-banner")).toBeVisible();
    await context.setOffline(false);
  });
});
