// The Chromium every browser tool of the project drives (Playwright's tests, the benchmark,
// Lighthouse): its path and its flags, in one place.
//
//   CHROMIUM_PATH=/opt/chromium/chrome npm run e2e      # another Chromium for every tool
//
// CHROMIUM_PATH is the one variable; the older names BENCH_CHROMIUM (benchmark) and CHROME_PATH
// (Lighthouse's own) are still read, in that order, when it is unset.

/** The system Chromium (Debian's package): no tool here downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || process.env.BENCH_CHROMIUM || process.env.CHROME_PATH || "/usr/bin/chromium";

// Flags measured to work as root in a container without a GPU; the last four keep Chromium from
// calling home on a closed network (and from flooding it during measurements). Playwright adds
// --headless and a fresh temporary profile to every launch.
export const CHROMIUM_FLAGS = Object.freeze([
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]);

/** For launchers that do not add a headless flag themselves (Lighthouse's chrome-launcher). */
export const HEADLESS_FLAG = "--headless=new";
