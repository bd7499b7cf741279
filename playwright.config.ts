// End-to-end tests in the system Chromium (Debian's /usr/bin/chromium): Playwright never downloads
// a browser here. The release build in dist/ is served under a sub-path by
// tests/e2e/support/server.mjs, started in global-setup.ts. Run: npm run e2e (or scripts/test.sh).
import { defineConfig } from "@playwright/test";
// Path (CHROMIUM_PATH) and flags shared with the benchmark and Lighthouse.
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./tools/chromium.mjs";

// Results and failure artifacts (traces, screenshots); set E2E_RESULTS to keep two runs apart.
const results = process.env.E2E_RESULTS ?? "tests/e2e/results";
const TIMING = /@timing/;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: `${results}/artifacts`,
  globalSetup: "./tests/e2e/support/global-setup.ts",
  fullyParallel: true,
  // Two cores: two browsers at once keep both busy without starving the static server.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // list: one line per test, readable in CI logs; json: read by scripts/test.sh for its recap.
  reporter: [["list"], ["json", { outputFile: `${results}/results.json` }]],
  // Tests that hold the page's main thread to a time budget (their titles carry @timing) run
  // one at a time, and scripts/test.sh runs them after all the others: two browsers sharing two
  // cores would stretch every task they measure, whatever the app does.
  projects: [
    { name: "main", grepInvert: TIMING },
    { name: "timing", grep: TIMING, workers: 1 },
  ],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
