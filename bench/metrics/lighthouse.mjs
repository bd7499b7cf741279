// 8. Lighthouse (npm `lighthouse`, pinned in package.json): the four category scores and CLS of
// a page, with Lighthouse's defaults — the mobile preset (a mid-range phone's screen) and
// simulated throttling (a slow 4G link and a 4× slower CPU, applied to one unthrottled load).
// Run through its command line, in its own Chromium (the system one: tools/chromium.mjs),
// because it drives the browser itself.

import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { CHROMIUM_FLAGS, CHROMIUM_PATH, HEADLESS_FLAG } from "../../tools/chromium.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function run(command, args, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`lighthouse exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`));
    });
  });
}

/**
 * Audits `url`; resolves to { url, scores: {performance, accessibility, "best-practices", seo}
 * (0–100), cls, lcp, fcp, tbt (ms), lighthouseVersion, seconds }.
 */
export async function lighthouse(url, { timeoutMs = 180_000 } = {}) {
  const bin = path.join(repo, "node_modules/.bin/lighthouse");
  const dir = await mkdtemp(path.join(os.tmpdir(), "atlas-lighthouse-"));
  const report = path.join(dir, "report.json");
  const started = Date.now();
  try {
    await run(
      bin,
      [
        url,
        "--quiet",
        "--output=json",
        `--output-path=${report}`,
        `--only-categories=${CATEGORIES.join(",")}`,
        "--throttling-method=simulate",
        `--chrome-flags=${[HEADLESS_FLAG, ...CHROMIUM_FLAGS].join(" ")}`,
      ],
      { ...process.env, CHROME_PATH: CHROMIUM_PATH },
      timeoutMs,
    );
    const lhr = JSON.parse(await readFile(report, "utf8"));
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const audit = (id) => lhr.audits[id]?.numericValue ?? null;
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]));
    return {
      url,
      scores,
      cls: audit("cumulative-layout-shift"),
      lcp: audit("largest-contentful-paint"),
      fcp: audit("first-contentful-paint"),
      tbt: audit("total-blocking-time"),
      formFactor: lhr.configSettings?.formFactor ?? null,
      throttlingMethod: lhr.configSettings?.throttlingMethod ?? null,
      lighthouseVersion: lhr.lighthouseVersion,
      seconds: Math.round((Date.now() - started) / 1000),
      // The failing audits of each category, to say what costs points.
      failing: Object.fromEntries(
        CATEGORIES.map((c) => [
          c,
          (lhr.categories[c]?.auditRefs ?? [])
            .filter((r) => r.weight > 0 && lhr.audits[r.id]?.score !== null && lhr.audits[r.id]?.score < 0.9)
            .map((r) => r.id),
        ]),
      ),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
