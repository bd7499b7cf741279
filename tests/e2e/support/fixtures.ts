// Shared test fixtures. Import `test` and `expect` from here instead of @playwright/test:
//
// - every page records console errors, uncaught page errors and Content-Security-Policy
//   violations; a test fails at the end if any occurred (allow expected ones with
//   `problems.allow(/pattern/)`, e.g. in a test that makes the dataset fail on purpose);
// - `atlas` knows the app's base URL under the sub-path and the app's readiness signal;
// - `faults` injects server-side faults for the current test only.
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

export type Problem = { kind: "console" | "pageerror" | "csp"; text: string; url: string };

/**
 * Expected on every host: the 404 page looks for redirect.js under two names, one of which may
 * not exist (public/404.html, public/redirect.js; static-host.spec.ts pins how many miss). A miss
 * is logged as the 404, and, under `X-Content-Type-Options: nosniff`, as a refused script too.
 */
const REDIRECT_PROBE_MISS = [
  /^Failed to load resource: the server responded with a status of 404 \(Not Found\) \(https?:\/\/[^)\s]*\/redirect\.js\)$/,
  /^Refused to execute script from 'https?:\/\/[^'\s]*\/redirect\.js' because its MIME type \('text\/html'\) is not executable, and strict MIME type checking is enabled\.( \(\S*\))?$/,
];

export class Problems {
  readonly list: Problem[] = [];
  private allowed: RegExp[] = [...REDIRECT_PROBE_MISS];

  /** Accept problems whose text matches, for tests that cause errors on purpose. */
  allow(pattern: RegExp) {
    this.allowed.push(pattern);
  }

  unexpected(): Problem[] {
    return this.list.filter((p) => !this.allowed.some((re) => re.test(p.text)));
  }
}

/** Routes are written as in the app ("/region/28"); the fixture prefixes the mount point. */
export class Atlas {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Absolute URL of an app path under the mount point: url("/compare") → http://…/atlas/sub/compare */
  url(route: string, baseUrl = this.baseUrl): string {
    return new URL(route.replace(/^\/+/, ""), baseUrl).href;
  }

  /** The mount point's path, e.g. "/atlas/sub/". */
  get basePath(): string {
    return new URL(this.baseUrl).pathname;
  }

  /** Opens an app route and waits until the app says it is ready. */
  async goto(route: string, options: { baseUrl?: string; waitReady?: boolean } = {}) {
    const response = await this.page.goto(this.url(route, options.baseUrl));
    if (options.waitReady ?? true) await waitForApp(this.page);
    return response;
  }

  /** The current path relative to the mount point ("/region/28"), with the query. */
  async route(): Promise<string> {
    const url = new URL(this.page.url());
    expect(url.pathname.startsWith(this.basePath), `${url.pathname} is not under ${this.basePath}`).toBe(true);
    return "/" + url.pathname.slice(this.basePath.length) + url.search;
  }
}

/**
 * Waits until the app has loaded its dataset and rendered its first view
 * (`<html data-ready="true">`, set by the app). Fails early, with a useful message, when the
 * dataset error view or the boot error shows up instead.
 */
export async function waitForApp(page: Page, timeout = 15_000) {
  const handle = await page.waitForFunction(
    () => {
      if (document.documentElement.dataset.ready === "true") return "ready";
      if (document.querySelector('[data-testid="dataset-error"]')) return "dataset-error";
      if (document.getElementById("boot-status")?.dataset.state === "error") return "boot-error";
      return false;
    },
    null,
    { timeout },
  );
  const state = await handle.jsonValue();
  if (state !== "ready") {
    const text = await page.locator("body").innerText().catch(() => "");
    throw new Error(`The app did not become ready (${state}). Page text:\n${text.slice(0, 800)}`);
  }
}

export class Faults {
  constructor(
    private readonly baseUrl: string,
    readonly scope: string,
  ) {}

  private endpoint(path: string) {
    return new URL(path, new URL(this.baseUrl).origin).href;
  }

  /**
   * Makes the server fail requests for `path` (relative to the mount point, e.g.
   * "data/atlas.json") made by this test's pages: a status and body, a delay, or a dropped
   * connection. `times` limits how many requests are affected.
   */
  async add(fault: { path: string; status?: number; body?: string; contentType?: string; delayMs?: number; drop?: boolean; times?: number }) {
    const response = await fetch(this.endpoint("/__e2e__/faults"), {
      method: "POST",
      body: JSON.stringify({ ...fault, scope: this.scope }),
    });
    if (!response.ok) throw new Error(`could not add fault: ${await response.text()}`);
  }

  async clear() {
    await fetch(this.endpoint(`/__e2e__/faults?scope=${encodeURIComponent(this.scope)}`), { method: "DELETE" }).catch(() => {});
  }

  /** Requests this test's pages made: [{ method, path, status }]. */
  async log(): Promise<{ method: string; path: string; status: number }[]> {
    const response = await fetch(this.endpoint(`/__e2e__/log?scope=${encodeURIComponent(this.scope)}`));
    return response.json();
  }
}

type Fixtures = { problems: Problems; atlas: Atlas; faults: Faults };

export const test = base.extend<Fixtures>({
  problems: async ({}, use) => {
    await use(new Problems());
  },

  // A header naming the test on every request, so server-side faults and logs stay per test.
  extraHTTPHeaders: async ({}, use, testInfo) => {
    await use({ "x-e2e-scope": testInfo.testId });
  },

  page: async ({ page, problems }, use) => {
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      // "Failed to load resource" names no file: add the one the browser reports.
      const source = message.location().url;
      const text = source && !message.text().includes(source) ? `${message.text()} (${source})` : message.text();
      problems.list.push({ kind: "console", text, url: page.url() });
    });
    page.on("pageerror", (error) => {
      problems.list.push({ kind: "pageerror", text: `${error.name}: ${error.message}`, url: page.url() });
    });
    // CSP violations are reported to the page, not always to the console: listen on the
    // document (from before any page script runs) and forward them out of the page.
    await page.exposeBinding("__e2eReportCsp", (_source, text: string, url: string) => {
      problems.list.push({ kind: "csp", text, url });
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { __e2eReportCsp?: (t: string, u: string) => void }).__e2eReportCsp;
        report?.(
          `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile || "?"}:${event.lineNumber}`,
          location.href,
        );
      });
    });

    await use(page);

    const unexpected = problems.unexpected();
    expect(
      unexpected,
      `The page reported ${unexpected.length} problem(s):\n` +
        unexpected.map((p) => `  [${p.kind}] ${p.text}\n      on ${p.url}`).join("\n"),
    ).toEqual([]);
  },

  atlas: async ({ page }, use) => {
    const baseUrl = process.env.E2E_BASE_URL;
    if (!baseUrl) throw new Error("E2E_BASE_URL is not set (global-setup.ts starts the server)");
    await use(new Atlas(page, baseUrl));
  },

  faults: async ({}, use, testInfo) => {
    const faults = new Faults(process.env.E2E_BASE_URL ?? "http://127.0.0.1/", testInfo.testId);
    await use(faults);
    await faults.clear();
  },
});
