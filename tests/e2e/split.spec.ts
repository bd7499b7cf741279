// Pages whose code comes in its own wasm module (src/lazy_pages.rs, scripts/split-wasm.sh): the
// map's visit never fetches it, a visit that opens on such a page gets it before the page shows,
// a link to one fetches it on the way, and a failed fetch says so and offers a retry that works.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Page, Request } from "@playwright/test";
import { test, expect, waitForApp } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { pointOn } from "./support/baked";

const DIST = path.resolve(process.env.E2E_DIST ?? "dist");
/** Every split module and chunk of the build (health-regions-atlas-<hash>-split_compare.wasm…). */
const SPLIT_FILES = readdirSync(DIST).filter((f) => /^health-regions-atlas-.*-(split|chunk)_.*\.wasm$/.test(f));
const isSplitModule = (url: string) => /-(split|chunk)_[^/]*\.wasm$/.test(new URL(url).pathname);

function splitRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r: Request) => {
    if (isSplitModule(r.url())) seen.push(path.basename(new URL(r.url()).pathname));
  });
  return seen;
}

test("the build has a module for each page loaded later", () => {
  for (const page of ["compare", "funding", "check", "embed_chart", "embed_compare"]) {
    expect(SPLIT_FILES.some((f) => f.endsWith(`-split_${page}.wasm`)), `no split module for ${page} in ${SPLIT_FILES}`).toBe(true);
  }
});

test("the map's visit fetches none of the later pages' code", async ({ page, atlas }) => {
  const seen = splitRequests(page);
  await atlas.goto("/");
  await expect(page.getByTestId("map-regions")).toBeVisible();
  const shape = page.getByTestId("map-regions").locator("path[data-region]").first();
  await shape.hover({ position: await pointOn(shape) });
  await expect(page.getByTestId("map-tooltip")).toBeVisible();
  expect(seen).toEqual([]);
});

test("a visit that opens on the comparison gets its code before the page shows", async ({ page, atlas }) => {
  const seen = splitRequests(page);
  await atlas.goto("/compare?regions=28,11");
  await expect(page.getByTestId("compare-table")).toBeVisible();
  await expect(page.getByTestId("page-code-loading")).toHaveCount(0);
  expect(seen.some((f) => f.endsWith("-split_compare.wasm"))).toBe(true);
  await expectNoAxeViolations(page);
});

test("following a link to the funding page fetches its code and shows the page", async ({ page, atlas }) => {
  const seen = splitRequests(page);
  await atlas.goto("/");
  await page.getByTestId("nav-funding").first().click({ force: true });
  await expect(page.getByTestId("page-code-failed")).toHaveCount(0);
  await expect(page.locator("main h1")).toBeVisible();
  await expect.poll(() => atlas.route()).toBe("/funding");
  expect(seen.some((f) => f.endsWith("-split_funding.wasm"))).toBe(true);
});

test("a failed fetch of a page's code says so, and the retry shows the page", async ({ page, atlas, problems }) => {
  problems.allow(/Failed to load resource|net::ERR_FAILED|TypeError: Failed to fetch|failed to load split module/);
  let blocked = true;
  await page.route(/-split_compare\.wasm$/, (route) => (blocked ? route.abort("failed") : route.continue()));
  await atlas.goto("/");
  await page.getByTestId("nav-compare").first().click({ force: true });
  const failed = page.getByTestId("page-code-failed");
  await expect(failed).toBeVisible();
  await expect(failed).toHaveAttribute("role", "alert");
  await expectNoAxeViolations(page);
  blocked = false;
  await failed.getByRole("button").click();
  await expect(failed).toHaveCount(0);
  await expect(page.getByTestId("compare-picker")).toBeVisible();
});

test("the check page opened directly works from its own module", async ({ page, atlas }) => {
  const seen = splitRequests(page);
  await page.goto(atlas.url("/check"));
  await waitForApp(page);
  await expect(page.locator("main input[type=file]").first()).toBeAttached();
  expect(seen.some((f) => f.endsWith("-split_check.wasm"))).toBe(true);
});
