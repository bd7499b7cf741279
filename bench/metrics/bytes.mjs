// 1. Bytes of the first view: every file the browser requests while loading the map with its
// dataset, measured raw, gzip -9 and brotli -q 11 from the files on disk, and as the server
// actually sent them (compressed as a real host does: lib/server.mjs).

import { readFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { openPage, settle, waitForMapVisible } from "../lib/browser.mjs";

export function compressedSizes(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        // The brotli CLI's largest window; changes nothing below 4 MB but matches `brotli -q 11`.
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** Sizes of the files behind a list of responses, each path once. */
async function sizeFiles(server, responses) {
  const seen = new Set();
  const files = [];
  for (const r of responses) {
    if (seen.has(r.pathname)) continue;
    seen.add(r.pathname);
    const file = server.fileFor(r.pathname);
    let sizes = { raw: null, gzip: null, brotli: null };
    let note = null;
    if (r.status !== 200) note = `HTTP ${r.status}`;
    else if (!file) note = "not a file";
    else {
      try {
        sizes = compressedSizes(await readFile(file));
      } catch {
        // The SPA fallback answers an extension-less path with index.html.
        sizes = compressedSizes(await readFile(server.fileFor(server.base)));
      }
    }
    files.push({ path: r.pathname, name: r.pathname === server.base ? "index.html" : path.basename(r.pathname), status: r.status, ...sizes, note });
  }
  const sum = (k) => files.reduce((n, f) => n + (f[k] ?? 0), 0);
  return { files, total: { raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") } };
}

/**
 * Loads `url` in a fresh context, waits for the coloured map and for the network to go quiet,
 * and sizes every same-origin file that was requested. Requests made by the service worker
 * (its script and its precache) are counted apart: they are not needed to show the first view,
 * but they do cross the network on a first visit.
 */
export async function measureFirstView(browser, server, url) {
  const { page, context, close } = await openPage(browser);
  const byPage = [];
  const byWorker = [];
  context.on("response", (response) => {
    const u = new URL(response.url());
    if (u.origin !== server.origin) return;
    const request = response.request();
    // Chromium attributes the worker's script fetch and its precache to the service worker.
    const worker = Boolean(request.serviceWorker());
    (worker ? byWorker : byPage).push({ pathname: u.pathname, status: response.status() });
  });
  const logStart = server.log.length;
  try {
    await page.goto(url);
    await waitForMapVisible(page);
    // Late requests (a lazily loaded chunk, an icon) still belong to the first view.
    await page.waitForLoadState("networkidle").catch(() => {});
    // Let a service worker finish installing (its precache), if the app registers one.
    await page
      .evaluate(() => ("serviceWorker" in navigator ? Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 10_000))]) : null))
      .catch(() => {});
    await settle(page, 500);
  } finally {
    await close();
  }
  const firstView = await sizeFiles(server, byPage);
  const worker = await sizeFiles(server, byWorker);
  // What the worker's requests really cost: a file counts only if the server sent its body again
  // (200) beyond what the page itself needed; a revalidation (304) or the HTTP cache costs ~nothing.
  const bodies = new Map();
  for (const entry of server.log.slice(logStart)) {
    const pathname = new URL(entry.path, "http://x").pathname;
    if (entry.status === 200) bodies.set(pathname, (bodies.get(pathname) ?? 0) + 1);
  }
  for (const f of firstView.files) bodies.set(f.path, (bodies.get(f.path) ?? 0) - 1);
  for (const f of worker.files) f.overWire = (bodies.get(f.path) ?? 0) > 0;
  const wire = worker.files.filter((f) => f.overWire);
  const total = (k) => wire.reduce((n, f) => n + (f[k] ?? 0), 0);
  worker.overWire = { files: wire.length, raw: total("raw"), gzip: total("gzip"), brotli: total("brotli") };
  // As sent: the first answer to each of the page's requests, from the server's log.
  const sent = new Map();
  for (const entry of server.log.slice(logStart)) {
    const pathname = new URL(entry.path, "http://x").pathname;
    if (!sent.has(pathname)) sent.set(pathname, entry);
  }
  const answers = firstView.files.map((f) => sent.get(f.path)).filter(Boolean);
  const encodings = {};
  for (const e of answers) encodings[e.encoding ?? "identity"] = (encodings[e.encoding ?? "identity"] ?? 0) + 1;
  const onWire = { bytes: answers.reduce((n, e) => n + e.bytes, 0), encodings };
  // The baked map's first answers (island/) have a wasm of their own, apart from the app's.
  const island = firstView.files.find((f) => f.name === "atlas-island_bg.wasm") ?? null;
  const wasm = firstView.files.find((f) => f.name.endsWith(".wasm") && f !== island) ?? null;
  return { ...firstView, wasm, island, onWire, serviceWorker: worker };
}
