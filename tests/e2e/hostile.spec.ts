// Hostile input and strict CSP: whatever a dataset or a link contains, nothing runs, nothing
// panics, the Content-Security-Policy never has to step in, and hostile text shows up as text.
//
// - An XSS corpus (support/hostile.ts) is put into every string field of the sample dataset,
//   served as `hostile.json` and opened with `?data=hostile.json` on every route and embed, once
//   under the page's CSP and once with the CSP bypassed, so that an injection is caught even when
//   the CSP would have stopped it from running.
// - Every URL parameter and path parameter gets hostile values on every route; the `data`
//   parameter must never make the page request another origin.
// - The validator refuses links that are not http(s); chart exports (CSV, SVG, PNG) stay inert;
//   the embed snippet escapes hostile names; the deep-link hand-over (?p=) stays in the app.
// - Positive controls check that the detectors do see an injection.
//
// Every payload that would run calls window.__xss(id); the trap records calls in
// window.__xssHits, which must stay empty. The fixtures fail a test on any console error, page
// error or CSP violation.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, waitForApp } from "./support/fixtures";
import {
  FORMULAS,
  FORBIDDEN_URLS,
  LIMITS,
  VISIBLE_MARKERS,
  XSS,
  datasetWithLicenceUrl,
  datasetWithLink,
  datasetWithLongName,
  firstFundingId,
  hostileDataset,
  installXssTrap,
  panicked,
  sampleDataset,
  scanDom,
  waitForSettled,
  xssHits,
} from "./support/hostile";

const FUNDING_ID = firstFundingId();
const SAMPLE = sampleDataset();
/** A funding entry with a breakdown chart, and a share (both embeddable as charts). */
const BREAKDOWN_ID: string = SAMPLE.funding.find((f: { breakdown?: unknown }) => f.breakdown)?.id ?? FUNDING_ID;
const SHARE_ID: string = SAMPLE.shares[0]?.id ?? FUNDING_ID;

const ROUTES = [
  "/",
  "/region/28",
  "/compare?regions=28,11",
  "/funding",
  "/sources",
  "/embed/map",
  "/embed/region/28",
  "/embed/compare?regions=28,11",
  `/embed/chart/${FUNDING_ID}`,
  `/embed/chart/${BREAKDOWN_ID}`,
  `/embed/chart/${SHARE_ID}`,
];
const MAP_ROUTES = new Set(["/", "/embed/map"]);

/** route + one more query pair (already encoded). */
function withQuery(route: string, query: string): string {
  if (!query) return route;
  return route + (route.includes("?") ? "&" : "?") + query;
}

const HOSTILE = hostileDataset();
const HOSTILE_BODY = JSON.stringify(HOSTILE, null, 2);

/** Answers every request for …/hostile.json (the app resolves `data` against the page) with body. */
async function serveDataset(page: Page, body: string | object) {
  const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
  await page.route("**/hostile.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json; charset=utf-8", body: text }),
  );
}

/** RFC 4180 rows (quoted fields with "" escapes); "# " comment lines are skipped. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0].startsWith("# ")));
}

/** Nothing ran, nothing was injected, nothing panicked. */
async function expectClean(page: Page, where: string, soft = false) {
  const e = soft ? expect.soft : expect;
  e(await panicked(page), `${where}: the wasm panicked`).toBe(false);
  e(await xssHits(page), `${where}: a payload ran`).toEqual([]);
  e(await scanDom(page), `${where}: injected markup in the DOM`).toEqual([]);
}

/** A visible text node that contains one of the payload markers, as the reader sees it. */
async function visiblePayloadText(page: Page): Promise<string | null> {
  return page.evaluate((markers) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      if (!markers.some((m) => text.includes(m))) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest(".visually-hidden,[hidden],template")) continue;
      const rect = parent.getBoundingClientRect();
      const visible = parent.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true;
      if (visible && rect.width > 0 && rect.height > 0) return text;
    }
    return null;
  }, VISIBLE_MARKERS);
}

/** Hovers (and focuses) what has a tooltip or a hover state: regions, markers, bars, cards. */
async function hoverAround(page: Page, route: string) {
  const tooltip = page.getByTestId("map-tooltip");
  if (MAP_ROUTES.has(route.split("?")[0])) {
    const regions = page.locator('[data-testid="map-regions"] path.region-shape');
    await expect(regions.first()).toBeVisible();
    const count = await regions.count();
    const picks = [...new Set([0, 1, Math.floor(count / 2), count - 1])];
    for (const i of picks) {
      await regions.nth(i).hover({ force: true });
    }
    await page.locator('[data-testid="map-regions"] path[data-region="28"]').hover({ force: true });
    await expect(tooltip, "hovering Normandy shows its tooltip").toBeVisible();
    await expect(tooltip).toContainText("Normandie");
    await expect(tooltip).toContainText("<svg onload=");
    const markers = page.locator('[data-testid="map-markers"] g.marker-group');
    const markerCount = await markers.count();
    for (let i = 0; i < Math.min(markerCount, 4); i++) {
      await markers.nth(i).hover({ force: true });
      await expect(tooltip).toBeVisible();
    }
    if (markerCount > 0) {
      // Keyboard focus shows the same tooltip; Enter opens the place card with its links.
      await markers.first().focus();
      await expect(tooltip).toBeVisible();
      await markers.first().press("Enter");
      await expect(page.getByTestId("open-place")).toBeVisible();
      await expect(page.getByTestId("open-place")).toContainText("<");
    }
  }
  // Chart marks: pointer and keyboard show a tooltip with the (hostile) label, as text.
  const marks = page.getByTestId("chart-mark");
  const markCount = await marks.count();
  for (let i = 0; i < Math.min(markCount, 4); i++) {
    if (!(await marks.nth(i).isVisible())) continue;
    await marks.nth(i).hover({ force: true });
    await expect(page.getByTestId("chart-tooltip").first()).toBeVisible();
    await marks.nth(i).focus();
  }
  // Open the table twins: their cells carry the labels too.
  for (const summary of await page.locator('[data-testid="chart-table"] > summary').all()) {
    if (await summary.isVisible()) await summary.click();
  }
  // Bars, table cells and cards: hovering them must be inert.
  for (const selector of ["svg rect", "svg path", ".bar", "[data-testid=compare-table] td", "[data-testid=funding-card]", "[data-testid=place-card]", "a"]) {
    const items = page.locator(`main ${selector}`);
    const n = Math.min(await items.count(), 3);
    for (let i = 0; i < n; i++) {
      if (await items.nth(i).isVisible()) await items.nth(i).hover({ force: true, timeout: 2_000 }).catch(() => {});
    }
  }
}

// page.route must see the app's dataset requests: keep the service worker (if the build has one)
// out of the way. It never answers data requests anyway (public/sw.js).
test.use({ serviceWorkers: "block" });

test.beforeEach(async ({ page }) => {
  await installXssTrap(page);
});

// -------------------------------------------------------------------------------------------------

test.describe("the detectors themselves (positive controls)", () => {
  // If these fail, the other tests in this file prove nothing.
  test("under the CSP, injected markup is blocked, reported, and found by the DOM scan", async ({ atlas, page, problems }) => {
    problems.allow(/Content Security Policy|CSP violation|status of 404/);
    await atlas.goto("/");
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.innerHTML = `<img src=x onerror="__xss('control')">`;
      document.body.append(div);
    });
    await expect.poll(() => problems.list.some((p) => p.kind === "csp")).toBe(true);
    expect(await xssHits(page)).toEqual([]);
    expect((await scanDom(page)).join("\n")).toContain("onerror");
    // Clean up what the fixture would otherwise report as unexpected.
    await page.evaluate(() => document.querySelector("img[src=x]")?.parentElement?.remove());
  });

  test.describe("with the CSP bypassed", () => {
    test.use({ bypassCSP: true });
    test("an injected handler runs and is recorded by the trap", async ({ atlas, page, problems }) => {
      problems.allow(/status of 404/);
      await atlas.goto("/");
      await page.evaluate(() => {
        const div = document.createElement("div");
        div.innerHTML = `<img src=x onerror="__xss('control')">`;
        document.body.append(div);
      });
      await expect.poll(() => xssHits(page)).toEqual(["control"]);
    });
  });
});

// -------------------------------------------------------------------------------------------------

test.describe("the validator", () => {
  // The publishers' tool, the same rules the app applies. A stale or missing binary is built.
  function validate(data: object, file: string) {
    writeFileSync(file, JSON.stringify(data, null, 2));
    const built = path.join(process.cwd(), "target", "debug", "atlas-validate");
    const run = existsSync(built) && !process.env.E2E_VALIDATOR_REBUILD
      ? spawnSync(built, [file], { encoding: "utf8", timeout: 60_000 })
      : spawnSync("cargo", ["run", "-q", "-p", "atlas-core", "--bin", "atlas-validate", "--", file], { encoding: "utf8", timeout: 600_000 });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  test("accepts the hostile dataset: payloads are valid text", async ({}, testInfo) => {
    test.setTimeout(600_000);
    const result = validate(HOSTILE, testInfo.outputPath("hostile.json"));
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain("1 valid, 0 with problems");
  });

  for (const url of FORBIDDEN_URLS) {
    test(`refuses the link ${JSON.stringify(url)}`, async ({}, testInfo) => {
      test.setTimeout(600_000);
      const result = validate(datasetWithLink(url), testInfo.outputPath("bad-link.json"));
      expect(result.status, result.output).toBe(1);
      expect(result.output).toContain("places[0].links[0].url");
    });
  }
});

// -------------------------------------------------------------------------------------------------

for (const mode of ["CSP enforced", "CSP bypassed"] as const) {
  test.describe(`hostile dataset on every route (${mode})`, () => {
    // Without the CSP an injected handler would really run and call __xss: the rendering itself
    // must be safe, not only the policy.
    if (mode === "CSP bypassed") test.use({ bypassCSP: true });

    for (const route of ROUTES) {
      test(route, async ({ atlas, page }) => {
        await serveDataset(page, HOSTILE_BODY);
        await atlas.goto(withQuery(route, "data=hostile.json"));
        await expect(page.getByTestId("main")).toBeVisible();

        // Hostile text is shown, as text.
        await expect.poll(() => visiblePayloadText(page), { message: "a payload is visible as text" }).not.toBeNull();
        await expectClean(page, `${route} after render`);

        await hoverAround(page, route);
        await expectClean(page, `${route} after hovering`);
      });
    }

    test("specific fields read exactly as written", async ({ atlas, page }) => {
      await serveDataset(page, HOSTILE_BODY);
      const r28 = HOSTILE.regions.find((r: { id: string }) => r.id === "28").name.fr as string;
      await atlas.goto("/region/28?data=hostile.json");
      await expect(page.getByTestId("page-title")).toHaveText(r28);
      // The tab title carries the name as text, not markup.
      expect(await page.title()).toContain(r28.slice(0, 20));
      // Place descriptions, links and facts.
      const card = page.locator(`#place-${HOSTILE.places[0].id}`);
      await expect(card).toBeVisible();
      // The unbroken 300-character name and 4,000-character description, as written.
      await expect(card.locator("h4")).toHaveText(HOSTILE.places[0].name.fr);
      await expect(card).toContainText(HOSTILE.places[0].description.fr);

      await atlas.goto("/sources?data=hostile.json");
      const meta = page.getByTestId("dataset-metadata");
      await expect(meta).toContainText(HOSTILE.metadata.title.fr);
      await expect(meta).toContainText(HOSTILE.metadata.publisher);
      await expect(meta).toContainText(HOSTILE.metadata.version);
      await expectClean(page, "sources");

      await atlas.goto("/embed/region/28?data=hostile.json");
      await expect(page.getByTestId("page-title")).toHaveText(r28);
      await expect(page.locator(".embed-footer")).toContainText(HOSTILE.metadata.title.fr);
      await expectClean(page, "embed region");
    });

    test("links from the dataset are http(s), open outside, and show hostile URLs as text", async ({ atlas, page }) => {
      await serveDataset(page, HOSTILE_BODY);
      await atlas.goto("/region/28?data=hostile.json");
      const external = page.locator('[data-testid="place-card"] a[target="_blank"]');
      await expect(external.first()).toBeVisible();
      const hrefs = await external.evaluateAll((links) =>
        links.map((a) => ({ href: (a as HTMLAnchorElement).href, protocol: (a as HTMLAnchorElement).protocol, rel: a.getAttribute("rel") ?? "" })),
      );
      expect(hrefs.length).toBeGreaterThan(0);
      for (const link of hrefs) {
        expect(["http:", "https:"], link.href).toContain(link.protocol);
        expect(link.rel, link.href).toContain("noopener");
      }
      // A link without a label shows its URL, as text.
      const unlabelled = HOSTILE.places.flatMap((p: any) => p.links).find((l: any) => !l.label && HOSTILE.places.find((p: any) => p.region === "28" && p.links.includes(l)));
      if (unlabelled) await expect(page.getByText(unlabelled.url, { exact: true }).first()).toBeVisible();
      await expectClean(page, "region links");
    });

    test("chart exports keep hostile labels inert: CSV without formulas, SVG without script", async ({ atlas, page }) => {
      test.setTimeout(120_000);
      await serveDataset(page, HOSTILE_BODY);
      await atlas.goto("/funding?data=hostile.json");
      const charts = page.getByTestId("chart-view");
      await expect(charts.first()).toBeVisible();
      const count = await charts.count();
      expect(count).toBeGreaterThan(0);
      const csvTexts: string[] = [];
      for (let i = 0; i < count; i++) {
        const chart = charts.nth(i);
        for (const kind of ["csv", "svg", "png"] as const) {
          const button = chart.getByTestId(`download-${kind}`);
          if (!(await button.isVisible())) continue;
          const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
          // A safe, descriptive name: no path, no markup.
          expect(download.suggestedFilename()).toMatch(new RegExp(`^[a-z0-9][a-z0-9-]*\\.${kind}$`));
          const file = await download.path();
          if (kind === "png") {
            expect((await readFile(file)).subarray(1, 4).toString()).toBe("PNG");
            continue;
          }
          const text = await readFile(file, "utf8");
          if (kind === "csv") csvTexts.push(text);
          else {
            // Opened on its own, the SVG is a document of its own: nothing in it may run.
            const findings = await page.evaluate((svg) => {
              const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
              if (doc.querySelector("parsererror")) return ["not well-formed XML"];
              const out: string[] = [];
              for (const el of doc.querySelectorAll("*")) {
                const tag = el.localName.toLowerCase();
                if (["script", "foreignobject", "iframe", "animate", "set", "handler", "use"].includes(tag)) out.push(`<${tag}>`);
                for (const a of el.attributes) {
                  if (/^on/i.test(a.name)) out.push(`${a.name} on <${tag}>`);
                  if (/href$/i.test(a.name) && !a.value.startsWith("#")) out.push(`${a.name}=${a.value} on <${tag}>`);
                }
              }
              return out;
            }, text);
            expect(findings, `downloaded SVG ${download.suggestedFilename()}`).toEqual([]);
          }
        }
      }
      expect(csvTexts.length, "CSV downloads").toBeGreaterThan(0);
      // Every text cell a spreadsheet would run as a formula is neutralised with a leading '.
      const cells = csvTexts.flatMap((csv) => parseCsv(csv.replace(/^\uFEFF/, "")).flat());
      const risky = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(c));
      expect(risky, "CSV cells that would run as formulas").toEqual([]);
      // The breakdown's labels are formulas: they are in the export, behind an apostrophe.
      expect(cells, "formula labels are exported, neutralised").toContain(`'${FORMULAS[0]}`);
      await expectClean(page, "chart exports");
    });

    test("the embed snippet escapes a hostile region name", async ({ atlas, page }) => {
      await serveDataset(page, HOSTILE_BODY);
      const r28 = HOSTILE.regions.find((r: { id: string }) => r.id === "28").name.fr as string;
      await atlas.goto("/region/28?data=hostile.json");
      await page.getByTestId("embed-button").click();
      const code = page.getByTestId("embed-code");
      await expect(code).toBeVisible();
      const snippet = await code.inputValue();
      // Parsing a style attribute in the page would itself break the page's CSP: check it here.
      const styles = snippet.match(/ style="[^"]*"/g) ?? [];
      expect(styles).toEqual([' style="border:0;max-width:100%"']);
      const markup = snippet.replace(styles[0], "");
      // What a partner pastes: exactly one iframe and one script, the title as plain attribute text.
      const parsed = await page.evaluate((html) => {
        const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
        const elements = [...doc.body.querySelectorAll("*")];
        return {
          tags: elements.map((e) => e.tagName.toLowerCase()),
          title: doc.querySelector("iframe")?.getAttribute("title") ?? null,
          handlers: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
        };
      }, markup);
      expect(parsed.tags, snippet).toEqual(["iframe", "script"]);
      expect(parsed.title).toBe(r28);
      expect(parsed.handlers).toEqual([]);
      // The live preview renders the same hostile names inside the dialog's iframe.
      const preview = page.frameLocator('[data-testid="embed-preview"]');
      await expect(preview.getByTestId("page-title")).toBeVisible({ timeout: 15_000 });
      await expectClean(page, "embed dialog");
    });
  });
}

// -------------------------------------------------------------------------------------------------

test.describe("datasets the validator must refuse show the error view", () => {
  const cases: [string, object, RegExp][] = [
    ...FORBIDDEN_URLS.map((url): [string, object, RegExp] => [`link ${url.slice(0, 40)}`, datasetWithLink(url), /places\[0\]\.links\[0\]\.url/]),
    ["licence URL javascript:", datasetWithLicenceUrl("javascript:__xss('licence')"), /metadata\.licence\.url/],
    ["a 100,000-character name", datasetWithLongName(100_000), /100000 characters; at most 300/],
    ["a 301-character name", datasetWithLongName(LIMITS.name + 1), /301 characters; at most 300/],
  ];
  for (const [name, data, where] of cases) {
    test(name, async ({ atlas, page }) => {
      await serveDataset(page, data);
      await atlas.goto("/?data=hostile.json", { waitReady: false });
      expect(await waitForSettled(page)).toBe("error");
      const problems = page.getByTestId("dataset-problems");
      await expect(problems).toBeVisible();
      await expect(problems).toContainText(where);
      await expect(page.getByTestId("dataset-error-summary")).not.toBeEmpty();
      await expectClean(page, name);
    });
  }

  test("a payload in an id is refused, and its problem text stays text", async ({ atlas, page }) => {
    const d = sampleDataset();
    d.sources[0].id = `<img src=x onerror=__xss('id')>`;
    await serveDataset(page, d);
    await atlas.goto("/?data=hostile.json", { waitReady: false });
    expect(await waitForSettled(page)).toBe("error");
    await expect(page.getByTestId("dataset-problems")).toContainText("<img src=x onerror=");
    await expectClean(page, "bad id");
  });
});

// -------------------------------------------------------------------------------------------------

const X = XSS.find((p) => p.id === "attr-breakout")!.text + XSS.find((p) => p.id === "script")!.text;
const enc = encodeURIComponent;
const PARAMS = ["lang", "theme", "indicator", "pc", "cat", "view", "place", "region", "regions", "chart"];
const allParams = (value: string) => PARAMS.map((k) => `${k}=${enc(value)}`).join("&");
const fiftyIds = Array.from({ length: 50 }, (_, i) => ["28", "11", "../", "%00", "28%00", "..%2F..%2F", "zz", "11"][i % 8]).join(",");

/** Query strings every route must survive (raw: already encoded where needed). */
const QUERIES: [string, string][] = [
  ["xss in every parameter", allParams(X)],
  ["javascript: in every parameter", allParams("javascript:__xss('param-js')")],
  ["data: in every parameter", allParams("data:text/html,<script>__xss('param-data')</script>")],
  ["template payloads", allParams("{{constructor.constructor('__xss(1)')()}}${__xss(2)}")],
  ["bidi, zero-width, emoji", allParams("\u202Egpj.exe\u200B\u200D🏥𠜎")],
  ["NaN everywhere", allParams("NaN") + "&view=NaN,NaN,NaN"],
  ["view 1e309", "view=1e309,0,0&pc=1e309&indicator=1e309"],
  ["view -0", "view=-0,-0,-0&pc=-0&place=-0&region=-0"],
  ["view huge", "view=1e308,1e308,-1e308"],
  ["view at the limits", "view=12,10000,-10000"],
  ["view just past the limits", "view=12.000001,10000.1,0"],
  ["view tiny", "view=1,5e-324,-5e-324"],
  ["view with too many numbers", "view=2,1,1,1,1,1"],
  ["view empty parts", "view=,,&cat=,,,&regions=,,,"],
  ["50 region ids with duplicates, ../ and %00", `regions=${fiftyIds}&region=..%2F&place=%00`],
  ["absent regions", "regions=zz,yy,xx&region=zz&place=zz&indicator=zz&chart=zz"],
  ["a single region", "regions=28"],
  ["semicolons (old format)", "regions=28;11;84;93;75"],
  ["per capita on every indicator", "pc=1&indicator=population"],
  ["1,000 categories", "cat=" + Array.from({ length: 1000 }, (_, i) => (i % 2 ? "cluster" : `c${i}`)).join(",")],
  ["no category", "cat="],
  ["repeated keys", "lang=fr&lang=en&lang=%3Cscript%3E&theme=dark&theme=%22%3E&view=2,0,0&view=NaN"],
  ["malformed percent escapes and invalid UTF-8", "lang=%E0%A4%A&theme=%ZZ&indicator=%00&place=%C0%AF&regions=%FF%FE,28&view=%"],
  ["upper-case values", "lang=EN&theme=DARK&pc=TRUE"],
  ["valid state", "lang=en&theme=dark&indicator=population&pc=1&cat=cluster,campus&view=2,10,10&place=epopea&region=28&regions=28,11&chart=" + FUNDING_ID],
  ["10 KB query string", `pad=${"a".repeat(10_240)}&lang=en&view=2,0,0&regions=28,11`],
  ["10 KB of hostile pairs", Array.from({ length: 200 }, (_, i) => `${PARAMS[i % PARAMS.length]}=${enc(X)}`).join("&").slice(0, 10_240)],
  ["a long id", `place=${"a".repeat(65)}&region=${"b".repeat(5000)}&chart=${"c".repeat(64)}`],
];

test.describe("hostile URL parameters on every route", () => {
  for (const route of ROUTES) {
    test(route, async ({ atlas, page }) => {
      test.setTimeout(240_000);
      for (const [name, query] of QUERIES) {
        const where = `${route} with ${name}`;
        await page.goto(atlas.url(withQuery(route, query)));
        const state = await waitForSettled(page).catch(() => "timeout" as const);
        expect.soft(state, `${where}: settles to the view`).toBe("ready");
        if (state === "ready") await expect.soft(page.getByTestId("page-title"), where).toBeVisible();
        await expectClean(page, where, true);
      }
    });
  }
});

const PATHS = [
  "/region/<script>__xss('path')</script>",
  "/region/%3Cimg%20src%3Dx%20onerror%3D__xss('path-img')%3E",
  "/region/%22%3E%3Csvg%20onload%3D__xss('path-svg')%3E",
  "/region/javascript:__xss('path-js')",
  "/region/%00",
  "/region/%E2%80%AEgpj-exe%E2%80%8B",
  "/region/🏥é\u0301𠜎",
  "/region/" + "Normandie".repeat(500),
  "/embed/chart/%3Cimg%20onerror%3D1%3E",
  "/embed/chart/%3Cimg%20src%3Dx%20onerror%3D__xss('chart')%3E",
  "/embed/chart/javascript:__xss('chart-js')",
  "/embed/region/%22%3E%3Csvg%20onload%3D__xss('embed-region')%3E",
  "/embed/region/" + "x".repeat(3000),
  "/embed/%3Cscript%3E__xss('embed')%3C%2Fscript%3E",
  "/%3Cscript%3E__xss('root')%3C%2Fscript%3E",
];

// A path that climbs out of the app is sent back to the mount point (boot.js): no "not found".
// (%2E%2E is normalised to ".." by the browser before any request: nothing to test there.)
const ESCAPING_PATHS = ["/region/..%2F..%2Fetc%2Fpasswd", "/..%5C..%5Cx"];

test.describe("hostile path parameters", () => {
  for (const p of ESCAPING_PATHS) {
    test(p, async ({ atlas, page, problems }) => {
      // A last segment with a dot looks like a file: the host answers its 404 page, which sends
      // the reader to the app. That 404 is the host's, not the app's.
      problems.allow(/Failed to load resource: the server responded with a status of 404 \(Not Found\) \(http:\/\/[^)]*%5C[^)]*\)$/);
      await page.goto(atlas.url(p));
      await waitForApp(page);
      await expect(page.getByTestId("page-title")).toBeVisible();
      expect(new URL(page.url()).pathname.startsWith(atlas.basePath), page.url()).toBe(true);
      await expectClean(page, p);
    });
  }
  for (const p of PATHS) {
    test(p.length > 80 ? `${p.slice(0, 60)}… (${p.length} chars)` : p, async ({ atlas, page }) => {
      await page.goto(atlas.url(p));
      await waitForApp(page);
      await expect(page.getByTestId("page-title")).toBeVisible();
      // An unknown id is a "not found" page (or card), never the raw id as markup.
      await expect(page.getByTestId("not-found").first()).toBeVisible();
      await expectClean(page, p);
    });
  }
});

// -------------------------------------------------------------------------------------------------

// The deep-link hand-over (?p=, from a host redirect or 404.html): boot.js puts the path back
// only when it stays inside the app.
const HANDOVERS = [
  "javascript:__xss('p')",
  "//evil.example/x",
  "/\\evil.example/x",
  "https://evil.example/",
  "/../../../x",
  "/region/28?data=https://evil.example/x.json",
  "/region/<script>__xss('p-path')</script>",
  "data:text/html,<script>__xss('p-data')</script>",
];

test.describe("hostile deep-link hand-over (?p=)", () => {
  for (const p of HANDOVERS) {
    test(JSON.stringify(p), async ({ atlas, page, context }) => {
      const foreign: string[] = [];
      page.on("request", (r) => {
        if (new URL(r.url()).hostname.includes("evil")) foreign.push(r.url());
      });
      await context.route((url) => url.hostname.includes("evil"), (route) => route.abort("blockedbyclient"));
      await page.goto(atlas.url(`/?p=${enc(p)}`));
      const state = await waitForSettled(page);
      expect(["ready", "error"]).toContain(state);
      const url = new URL(page.url());
      expect(url.origin).toBe(new URL(atlas.baseUrl).origin);
      expect(url.pathname.startsWith(atlas.basePath), url.pathname).toBe(true);
      expect(url.searchParams.has("p"), "the hand-over is consumed").toBe(false);
      await expect(page.getByTestId("page-title")).toBeVisible();
      await expectClean(page, `?p=${p}`);
      expect(foreign).toEqual([]);
    });
  }
});

test.describe("the data parameter: same-origin paths", () => {
  test("a relative path names the same file from every route", async ({ atlas, page, problems }) => {
    problems.allow(/status of 404/);
    for (const route of ["/", "/region/28", "/embed/chart/" + FUNDING_ID]) {
      await page.goto(atlas.url(withQuery(route, "data=data%2Fatlas.json")));
      expect(await waitForSettled(page), route).toBe("ready");
    }
  });

  test("a path of this origin outside the atlas is refused, and the error says why", async ({ atlas, page }) => {
    const outside = new URL("../elsewhere/atlas.json", atlas.baseUrl).pathname;
    expect(outside.startsWith(atlas.basePath), "the test serves the atlas below the origin's root").toBe(false);
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    for (const value of [outside, "../elsewhere/atlas.json", "%2e%2e/elsewhere/atlas.json"]) {
      await page.goto(atlas.url(withQuery("/region/28", `data=${encodeURIComponent(value)}`)));
      expect(await waitForSettled(page), value).toBe("error");
      await expect(page.getByTestId("dataset-error-summary")).toHaveText(/does not belong to this atlas|n’appartient pas à cet atlas/);
    }
    expect(requested.filter((p) => p.includes("elsewhere")), "never fetched").toEqual([]);
  });
});

const FOREIGN_DATA = [
  "javascript:alert(1)",
  "javascript:__xss('data-param')",
  "https://evil.example/x.json",
  "http://evil.example/x.json",
  "//evil.example/x.json",
  "///evil.example/x.json",
  "\\\\evil.example\\x.json",
  "/\\evil.example/x.json",
  "https:evil.example/x.json",
  "\t//evil.example/x.json",
  "data:application/json,{}",
  "data:application/json;base64,e30=",
  "blob:https://evil.example/0d7c5e2a",
  "https://127.0.0.1.evil.example/x.json",
  "https://evil.example%2F@127.0.0.1/x.json",
  "ftp://evil.example/x.json",
];

test.describe("the data parameter never leaves the origin", () => {
  for (const value of FOREIGN_DATA) {
    test(JSON.stringify(value), async ({ atlas, page, context }) => {
      test.setTimeout(120_000);
      const foreign: string[] = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.origin !== new URL(atlas.baseUrl).origin && !["data:", "blob:"].includes(url.protocol)) foreign.push(request.url());
        if (url.hostname.includes("evil")) foreign.push(request.url());
      });
      // Should anything try, it goes nowhere.
      await context.route((url) => url.hostname.includes("evil"), (route) => route.abort("blockedbyclient"));
      for (const route of ROUTES) {
        const where = `${route} with data=${value}`;
        await page.goto(atlas.url(withQuery(route, `data=${enc(value)}`)));
        const state = await waitForSettled(page).catch(() => "timeout" as const);
        // Refused: the error view, never the default dataset silently.
        expect.soft(state, `${where}: refused with the error view`).toBe("error");
        if (state === "error") {
          await expect.soft(page.getByTestId("dataset-error"), where).toBeVisible();
          await expect.soft(page.getByTestId("dataset-error-summary"), where).not.toBeEmpty();
          await expect.soft(page.getByTestId("retry"), where).toBeVisible();
        }
        await expectClean(page, where, true);
      }
      expect(foreign, "requests to another origin").toEqual([]);
    });
  }
});
