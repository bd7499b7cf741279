// Embeddable widgets, seen from a partner's site: the atlas on one origin (the harness server,
// 127.0.0.1), the partner's pages on another (support/partner.mjs on 127.0.0.2), each page holding
// atlas iframes (`data-atlas-embed`) and the partner script `embed.js` from the atlas.
//
// Each widget renders in its iframe, `embed.js` fits the iframe to the widget's height (and to
// nothing else: forged height messages from the partner page, from a foreign iframe or out of
// bounds are ignored), the language and theme come from the URL, links open new tabs and never
// move the partner's page, the generator's snippet works pasted as-is, and axe finds no WCAG 2.1
// A/AA violation inside the widgets.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Frame, Locator, Page } from "@playwright/test";
import { test, expect, waitForApp } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { startPartnerServer } from "./support/partner.mjs";

const HEIGHT_MESSAGE = "health-regions-atlas:height";
const DIST = path.resolve(process.env.E2E_DIST ?? "dist");
const DATASET = JSON.parse(readFileSync(path.join(DIST, "data/atlas.json"), "utf8")) as {
  funding: { id: string }[];
  shares: { id: string }[];
};
const CHART_ID = DATASET.funding[0].id;
/** A share (a member mix): embedded as a chart too, and opened on its own card of /funding. */
const SHARE_ID = DATASET.shares[0].id;
/** An iframe's height before embed.js fits it: the HTML default. */
const DEFAULT_IFRAME_HEIGHT = 150;

type Widget = { name: string; route: string; content: string };
const WIDGETS: Widget[] = [
  { name: "map", route: "/embed/map", content: "map-svg" },
  { name: "chart", route: `/embed/chart/${CHART_ID}`, content: "funding-card" },
  { name: "region", route: "/embed/region/28", content: "region-card" },
  { name: "compare", route: "/embed/compare?regions=28,11", content: "compare-view" },
  { name: "share", route: `/embed/chart/${SHARE_ID}`, content: "share-card" },
];

type Partner = Awaited<ReturnType<typeof startPartnerServer>>;
let partner: Partner;
/** A non-atlas origin on the atlas's own host (same site, other port): the forger's second home. */
let stranger: Partner;

test.beforeAll(async () => {
  partner = await startPartnerServer({ host: "127.0.0.2" });
  stranger = await startPartnerServer({ host: "127.0.0.1" });
  // A page of someone else's that would like to resize the partner's atlas iframes.
  for (const server of [partner, stranger]) {
    server.setPage("/forger.html", partnerHtml("Forger", "<p>Not the atlas.</p>"));
  }
});

test.afterAll(async () => {
  await partner?.close();
  await stranger?.close();
});

function atlasBase(): string {
  const base = process.env.E2E_BASE_URL;
  if (!base) throw new Error("E2E_BASE_URL is not set (global-setup.ts starts the server)");
  return base;
}

/** Absolute URL of an atlas route with extra query parameters. */
function atlasUrl(route: string, params: Record<string, string> = {}): string {
  const url = new URL(route.replace(/^\/+/, ""), atlasBase());
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

/** A partner page: its own heading, a message log (for the tests), then `body`. */
function partnerHtml(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="data:,">
<script>
  // The partner page's own script: every message it receives, in order (read by the tests).
  window.__messages = [];
  window.addEventListener("message", (event) => {
    window.__messages.push({ origin: event.origin, data: event.data });
  });
  window.__navigations = (window.__navigations || 0) + 1;
</script>
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>`;
}

/** A partner page holding one atlas iframe per widget, plus the partner script. */
function widgetsPage(title: string, params: Record<string, string>, extra = ""): string {
  const frames = WIDGETS.map(
    (w) =>
      `<h2>${w.name}</h2>\n<iframe data-atlas-embed data-widget="${w.name}" title="Atlas ${w.name}" src="${atlasUrl(w.route, params).replace(/&/g, "&amp;")}" width="100%"></iframe>`,
  ).join("\n");
  return partnerHtml(title, `${frames}\n${extra}\n<script src="${atlasUrl("embed.js")}" defer></script>`);
}

const frameOf = (p: Page, widget: string) => p.locator(`iframe[data-widget="${widget}"]`);

async function contentFrame(iframe: Locator): Promise<Frame> {
  const frame = await (await iframe.elementHandle())?.contentFrame();
  if (!frame) throw new Error("iframe without a frame");
  return frame;
}

/** Waits until the widget in `iframe` has loaded its dataset and rendered. */
async function expectWidgetReady(iframe: Locator, widget: Widget) {
  const inner = iframe.contentFrame();
  await expect(inner.locator(":root"), `${widget.name}: the embed is ready`).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect(inner.locator(":root")).toHaveAttribute("data-embed", "true");
  await expect(inner.getByTestId(widget.content), `${widget.name}: the widget`).toBeVisible();
  await expect(inner.getByTestId("page-title")).toHaveCount(1);
  // A widget, not the site: no header, no navigation.
  await expect(inner.getByTestId("app-header")).toHaveCount(0);
  await expect(inner.getByTestId("dataset-error")).toHaveCount(0);
}

type Fit = { iframe: number; reported: number | null; document: number; content: number; scrolls: boolean };

/** The iframe's height, the height embed.js applied, and the embedded document's own heights. */
async function measure(iframe: Locator): Promise<Fit> {
  const outer = await iframe.evaluate((el) => ({
    // The inner height (the iframe's viewport): embed.js sets the content height, borders apart.
    iframe: el.clientHeight,
    reported: el.hasAttribute("data-atlas-height") ? Number(el.getAttribute("data-atlas-height")) : null,
  }));
  const inner = await (await contentFrame(iframe)).evaluate(() => {
    const root = document.documentElement;
    // The app's wrapper (`<div id="app">`, `display: contents`) has no box of its own: its
    // children's boxes are the widget's.
    const boxes = (els: Element[]): Element[] => els.flatMap((el) => (getComputedStyle(el).display === "contents" ? boxes([...el.children]) : [el]));
    const bottoms = boxes([...document.body.children]).map((el) => el.getBoundingClientRect().bottom + window.scrollY);
    return {
      document: root.getBoundingClientRect().height,
      // Where the widget's own boxes end: a document taller than that has a blank band.
      content: Math.max(0, ...bottoms),
      scrolls: root.scrollHeight > window.innerHeight + 1,
    };
  });
  return { ...outer, ...inner };
}

/**
 * Waits until embed.js has fitted the iframe to its widget: the height applied is the one
 * reported, and within a few pixels of the embedded document's height and of its content.
 */
async function expectFitted(iframe: Locator, name: string): Promise<Fit> {
  // Chromium pauses the rendering (and so the ResizeObserver) of off-screen cross-origin
  // iframes: a reader scrolls to the widget before it matters.
  await iframe.scrollIntoViewIfNeeded();
  let last: Fit | undefined;
  await expect
    .poll(
      async () => {
        last = await measure(iframe);
        const { iframe: h, reported, document: doc, content } = last;
        return reported !== null && Math.abs(h - reported) <= 1 && Math.abs(h - doc) <= 3 && Math.abs(h - content) <= 3;
      },
      { message: `${name}: iframe fitted to its widget`, timeout: 15_000 },
    )
    .toBe(true)
    .catch((error) => {
      throw new Error(`${error.message}\nlast measure: ${JSON.stringify(last)}`);
    });
  expect(last!.scrolls, `${name}: no scrollbar inside the iframe`).toBe(false);
  return last!;
}

/** Posts from `from` (a partner window or frame), then a sentinel, and waits for the sentinel. */
async function postAndFlush(target: Page, from: Page | Frame, messages: unknown[]) {
  const id = `sentinel-${Math.random()}`;
  await from.evaluate(
    ({ messages, id }) => {
      // The partner window itself, or a frame posting to its parent.
      const to = window.parent === window ? window : window.parent;
      for (const m of messages) to.postMessage(m, "*");
      to.postMessage({ sentinel: id }, "*");
    },
    { messages, id },
  );
  // Messages are dispatched in order: once the sentinel is in, embed.js has seen the rest.
  await expect
    .poll(() =>
      target.evaluate((id) => (window as unknown as { __messages: { data: { sentinel?: string } }[] }).__messages.some((m) => m.data?.sentinel === id), id),
    )
    .toBe(true);
}

async function waitForNewTab(context: BrowserContext, action: () => Promise<void>): Promise<Page> {
  const [tab] = await Promise.all([context.waitForEvent("page"), action()]);
  await tab.waitForURL(/^http/);
  return tab;
}

test.describe("widgets in a partner page on another origin", () => {
  test("each widget renders and its iframe fits its content", async ({ page }) => {
    test.setTimeout(90_000);
    partner.setPage("/widgets.html", widgetsPage("Partner: widgets", { lang: "en" }));
    // The iframes' height before the partner script fits them.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        for (const f of document.querySelectorAll("iframe[data-atlas-embed]")) {
          f.setAttribute("data-initial-height", String(f.clientHeight));
        }
      });
    });
    await page.goto(partner.url("/widgets.html"));
    expect(new URL(page.url()).origin).not.toBe(new URL(atlasBase()).origin);

    for (const widget of WIDGETS) {
      const iframe = frameOf(page, widget.name);
      await iframe.scrollIntoViewIfNeeded();
      await expectWidgetReady(iframe, widget);
      expect(await iframe.getAttribute("data-initial-height"), `${widget.name}: default height first`).toBe(String(DEFAULT_IFRAME_HEIGHT));
      const fit = await expectFitted(iframe, widget.name);
      expect(fit.iframe, `${widget.name}: resized from the default`).not.toBe(DEFAULT_IFRAME_HEIGHT);
      expect(fit.iframe).toBeGreaterThanOrEqual(120);
    }
    // The partner page itself is untouched.
    expect(await page.evaluate(() => (window as unknown as { __navigations: number }).__navigations)).toBe(1);
  });

  test("forged height messages do not resize an atlas iframe", async ({ page }) => {
    test.setTimeout(90_000);
    partner.setPage(
      "/forged.html",
      widgetsPage(
        "Partner: forged messages",
        { lang: "en" },
        `<iframe name="forger" title="Forger" src="${partner.url("/forger.html")}"></iframe>
<iframe name="stranger" title="Stranger" src="${stranger.url("/forger.html")}"></iframe>`,
      ),
    );
    await page.goto(partner.url("/forged.html"));
    const iframe = frameOf(page, "region");
    await expectWidgetReady(iframe, WIDGETS[2]);
    const before = await expectFitted(iframe, "region");
    const heights = async () => ({
      region: await iframe.evaluate((el) => [el.clientHeight, el.getAttribute("data-atlas-height")]),
      all: await page.locator("iframe[data-atlas-embed]").evaluateAll((els) => els.map((el) => (el as HTMLElement).style.height)),
    });
    const initial = await heights();

    const huge = { type: HEIGHT_MESSAGE, height: 19_999 };
    // 1. The partner page's own script, from the window itself (origin: the partner).
    await postAndFlush(page, page, [huge, { type: HEIGHT_MESSAGE, height: 4_000 }]);
    expect(await heights(), "after messages from the partner window").toEqual(initial);

    // 2. A second, non-atlas iframe on the partner's origin, and one on the atlas's host but
    //    another origin (same site, other port).
    for (const name of ["forger", "stranger"]) {
      const forger = page.frame({ name });
      if (!forger) throw new Error(`no ${name} frame`);
      await expect.poll(() => forger.evaluate(() => document.readyState)).toBe("complete");
      await postAndFlush(page, forger, [huge, { type: HEIGHT_MESSAGE, height: 3_000 }]);
      expect(await heights(), `after messages from the ${name} iframe`).toEqual(initial);
    }

    // 3. From inside the atlas iframe itself, heights out of bounds or not numbers.
    const inner = await contentFrame(iframe);
    await postAndFlush(page, inner, [
      { type: HEIGHT_MESSAGE, height: 1_000_000 },
      { type: HEIGHT_MESSAGE, height: 20_001 },
      { type: HEIGHT_MESSAGE, height: 119 },
      { type: HEIGHT_MESSAGE, height: -500 },
      { type: HEIGHT_MESSAGE, height: Number.POSITIVE_INFINITY },
      { type: HEIGHT_MESSAGE, height: Number.NaN },
      { type: HEIGHT_MESSAGE, height: "5000" },
      { type: HEIGHT_MESSAGE },
      { type: "something-else", height: 900 },
      `{"type":"${HEIGHT_MESSAGE}","height":900}`,
    ]);
    expect(await heights(), "after out-of-bounds messages from the atlas iframe").toEqual(initial);

    // The forged messages did arrive: only embed.js ignored them.
    const seen = await page.evaluate(() =>
      (window as unknown as { __messages: { origin: string; data: { height?: number } }[] }).__messages
        .filter((m) => m.data?.height === 19_999)
        .map((m) => m.origin),
    );
    expect(seen).toEqual([partner.origin, partner.origin, stranger.origin]);
    const after = await measure(iframe);
    expect(after.iframe).toBe(before.iframe);
  });

  for (const { lang, theme } of [
    { lang: "fr", theme: "dark" },
    { lang: "en", theme: "light" },
  ]) {
    test(`lang=${lang} and theme=${theme} reach every widget`, async ({ page }) => {
      test.setTimeout(90_000);
      partner.setPage(`/${lang}-${theme}.html`, widgetsPage(`Partner: ${lang} ${theme}`, { lang, theme }));
      await page.goto(partner.url(`/${lang}-${theme}.html`));
      for (const widget of WIDGETS) {
        const iframe = frameOf(page, widget.name);
        await iframe.scrollIntoViewIfNeeded();
        await expectWidgetReady(iframe, widget);
        const root = iframe.contentFrame().locator(":root");
        await expect(root, `${widget.name}: <html lang>`).toHaveAttribute("lang", lang);
        await expect(root, `${widget.name}: <html data-theme>`).toHaveAttribute("data-theme", theme);
        await expect(iframe.contentFrame().getByTestId("open-in-atlas")).toHaveText(
          lang === "fr" ? "Ouvrir dans l’atlas" : "Open in the atlas",
        );
        // The theme is applied, not only announced: a dark page has a dark background.
        const background = await (await contentFrame(iframe)).evaluate(() => {
          const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+(\.\d+)?/g)!.map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        });
        if (theme === "dark") expect(background, `${widget.name}: dark background`).toBeLessThan(0.3);
        else expect(background, `${widget.name}: light background`).toBeGreaterThan(0.7);
        await expectFitted(iframe, widget.name);
      }
    });
  }
});

test.describe("links in embeds open new tabs", () => {
  test("'Open in the atlas' is a new-tab link to the full view", async ({ page, context }) => {
    test.setTimeout(90_000);
    partner.setPage("/links.html", widgetsPage("Partner: links", { lang: "en" }));
    await page.goto(partner.url("/links.html"));
    const partnerUrl = page.url();
    const expected: Record<string, string> = {
      map: atlasUrl("/", { lang: "en" }),
      chart: atlasUrl("/funding", { lang: "en" }) + `#funding-${CHART_ID}`,
      region: atlasUrl("/region/28", { lang: "en" }),
      compare: new URL("compare?regions=28%2C11&lang=en", atlasBase()).href,
      share: atlasUrl("/funding", { lang: "en" }) + `#share-${SHARE_ID}`,
    };
    for (const widget of WIDGETS) {
      const iframe = frameOf(page, widget.name);
      await iframe.scrollIntoViewIfNeeded();
      await expectWidgetReady(iframe, widget);
      const link = iframe.contentFrame().getByTestId("open-in-atlas");
      await expect(link).toHaveAttribute("target", "_blank");
      const rel = ((await link.getAttribute("rel")) ?? "").split(/\s+/);
      expect(rel, `${widget.name}: rel`).toContain("noopener");
      const href = (await link.getAttribute("href")) ?? "";
      expect(href, `${widget.name}: absolute link to the full view`).toBe(expected[widget.name]);
    }

    const tab = await waitForNewTab(context, () => frameOf(page, "region").contentFrame().getByTestId("open-in-atlas").click());
    expect(tab.url()).toBe(expected.region);
    await waitForApp(tab);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await tab.close();
    expect(page.url(), "the partner page stays").toBe(partnerUrl);
    await expect(frameOf(page, "region").contentFrame().getByTestId("region-card")).toBeVisible();
  });

  test("a region clicked in the embedded map opens in a new tab; the partner page and the widget stay", async ({
    page,
    context,
  }) => {
    test.setTimeout(90_000);
    partner.setPage("/map.html", widgetsPage("Partner: map", { lang: "en" }));
    await page.goto(partner.url("/map.html"));
    const partnerUrl = page.url();
    const requestsBefore = partner.log.filter((e) => e.path === "/map.html").length;
    const iframe = frameOf(page, "map");
    await expectWidgetReady(iframe, WIDGETS[0]);
    const frame = await contentFrame(iframe);
    const widgetUrl = frame.url();

    const region = iframe.contentFrame().locator('[data-testid="map-regions"] path[data-region="28"]');
    const tab = await waitForNewTab(context, () => region.click());
    expect(new URL(tab.url()).href).toBe(atlasUrl("/region/28", { lang: "en" }));
    await waitForApp(tab);
    await expect(tab.getByTestId("page-title")).toHaveText(/Normand/);
    await tab.close();

    // Keyboard: Enter on a focused region does the same.
    const tab2 = await waitForNewTab(context, async () => {
      await region.focus();
      await region.press("Enter");
    });
    expect(new URL(tab2.url()).pathname).toBe(new URL(atlasUrl("/region/28")).pathname);
    await tab2.close();

    expect(page.url(), "the partner page did not navigate").toBe(partnerUrl);
    expect(partner.log.filter((e) => e.path === "/map.html").length, "nor reload").toBe(requestsBefore);
    expect(frame.url(), "the widget stays the map").toBe(widgetUrl);
    await expect(iframe.contentFrame().getByTestId("map-svg")).toBeVisible();
    await expect(iframe.contentFrame().getByTestId("app-header")).toHaveCount(0);
  });
});

test.describe("links in embeds on a touch screen", () => {
  test.use({ hasTouch: true });

  test("a first tap on a region shows its tooltip, a second tap opens it in a new tab", async ({ page, context }) => {
    test.setTimeout(90_000);
    partner.setPage("/touch.html", widgetsPage("Partner: touch", { lang: "en" }));
    await page.goto(partner.url("/touch.html"));
    const partnerUrl = page.url();
    const iframe = frameOf(page, "map");
    await expectWidgetReady(iframe, WIDGETS[0]);
    const frame = await contentFrame(iframe);
    const widgetUrl = frame.url();
    const region = iframe.contentFrame().locator('[data-testid="map-regions"] path[data-region="28"]');
    const pages = context.pages().length;

    await region.tap();
    await expect(iframe.contentFrame().getByTestId("map-tooltip")).toBeVisible();
    await expect(iframe.contentFrame().getByTestId("map-tooltip")).toContainText(/Normand/);
    // Give a new tab the time it would need to appear: none does.
    await page.waitForTimeout(750);
    expect(context.pages().length, "no tab after the first tap").toBe(pages);
    expect(frame.url()).toBe(widgetUrl);

    const tab = await waitForNewTab(context, () => region.tap());
    expect(new URL(tab.url()).href).toBe(atlasUrl("/region/28", { lang: "en" }));
    await tab.close();
    expect(page.url()).toBe(partnerUrl);
    expect(frame.url(), "the widget stays the map").toBe(widgetUrl);
  });
});

test.describe("the generator's snippet", () => {
  for (const { route, widget } of [
    { route: "/", widget: WIDGETS[0] },
    { route: "/region/28", widget: WIDGETS[2] },
  ]) {
    test(`pasted as-is into a page on another origin, it works (${route})`, async ({ atlas, page }) => {
      test.setTimeout(90_000);
      await atlas.goto(route);
      await page.getByTestId("embed-button").click();
      const dialog = page.getByTestId("embed-dialog");
      await expect(dialog).toBeVisible();
      const code = await page.getByTestId("embed-code").inputValue();
      // What a partner copies: an atlas iframe and the partner script, both from the atlas.
      expect(code).toContain("data-atlas-embed");
      expect(code).toContain(`<script src="${atlasUrl("embed.js")}" defer></script>`);
      const src = /<iframe src="([^"]+)"/.exec(code)?.[1]?.replace(/&amp;/g, "&") ?? "";
      expect(new URL(src).origin).toBe(new URL(atlasBase()).origin);
      expect(new URL(src).pathname).toBe(new URL(atlasUrl(widget.route)).pathname);
      expect(/ title="[^"]+"/.test(code), "the iframe has an accessible title").toBe(true);
      // The generator's own preview shows the widget too.
      await expect(page.getByTestId("embed-preview").contentFrame().getByTestId(widget.content)).toBeVisible({ timeout: 20_000 });

      const file = `/snippet-${widget.name}.html`;
      partner.setPage(file, page_(`Partner: snippet ${widget.name}`, code));
      await page.goto(partner.url(file));
      const iframe = page.locator("iframe[data-atlas-embed]");
      await expect(iframe).toHaveCount(1);
      await expectWidgetReady(iframe, widget);
      // The snippet carries the generator's language (French here, the browser's locale).
      await expect(iframe.contentFrame().locator(":root")).toHaveAttribute("lang", "fr");
      const fit = await expectFitted(iframe, `snippet ${widget.name}`);
      // The snippet's iframe starts at its own height (640): fitted means it changed.
      const declared = Number(/ height="(\d+)"/.exec(code)?.[1]);
      expect(declared).toBeGreaterThan(0);
      expect(fit.iframe, "the snippet's iframe was fitted to the widget").not.toBe(declared);
    });
  }
});

/** Partner page with the pasted snippet (no test scaffolding beyond the message log). */
function page_(title: string, snippet: string): string {
  return partnerHtml(title, `<p>Our partners' figures:</p>\n${snippet}\n<p>End of the partner's article.</p>`);
}

test.describe("accessibility inside the embeds: no WCAG 2.1 A/AA violations found by axe", () => {
  for (const widget of WIDGETS) {
    for (const { lang, theme } of [
      { lang: "en", theme: "light" },
      { lang: "fr", theme: "dark" },
    ]) {
      test(`${widget.name} (${lang}, ${theme})`, async ({ atlas, page }) => {
        const sep = widget.route.includes("?") ? "&" : "?";
        await atlas.goto(`${widget.route}${sep}lang=${lang}&theme=${theme}`);
        await expect(page.getByTestId(widget.content)).toBeVisible();
        await expect(page.locator(":root")).toHaveAttribute("data-theme", theme);
        await expectNoAxeViolations(page);
      });
    }
  }
});
