// A small static server for the benchmark: serves a built folder under a sub-path (`/atlas/`),
// the way a real static host mounts the atlas, plus the generated datasets under
// `<base>bench-data/`. Its own, on purpose: the benchmark must not depend on test helpers that
// may change for other reasons.
//
//   node bench/lib/server.mjs [--root dist] [--base /atlas/] [--data bench/results/data] [--port 0]
//
// - Port 0 (the default) lets the OS pick a free port: the machine is shared.
// - No compression on the wire: the compressed sizes are computed from the files on disk (see
//   metrics/bytes.mjs), and on loopback transfer time is not what we measure.
// - SPA fallback: a path without a file extension that is not a file (a deep link such as
//   /atlas/region/28) gets index.html. The build uses relative asset URLs (`public_url = "./"`),
//   which would resolve against the deep link's folder, so the fallback copy of index.html has
//   its "./" made absolute to the mount point — what a host rewrite + absolute build would do.
//   The first view (`/atlas/`) is served byte for byte as built.
// - Headers as a real static host would send them: the rules of the build's own `_headers` file
//   (Netlify/Cloudflare format, shipped in public/), otherwise Netlify's default
//   `max-age=0, must-revalidate`; ETags with 304 answers. This matters for a service worker that
//   precaches files the page has just loaded: a host that revalidates answers 304 without a body.
//   No run is warmed by another: each one uses a fresh browser context (empty HTTP cache).
// - Every 200 has Content-Length: the app shows real progress from it.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const DEFAULT_CACHE_CONTROL = "public, max-age=0, must-revalidate";

/** Rules of a `_headers` file: [{ pattern: RegExp, headers: [[name, value]] }]. */
function parseHeadersFile(text) {
  const rules = [];
  let current = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const glob = line.trim().split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
      current = { pattern: new RegExp(`^${glob.join(".*")}$`), headers: [] };
      rules.push(current);
    } else if (current && line.includes(":")) {
      const i = line.indexOf(":");
      current.headers.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

/** Resolves `rel` inside `dir`, or null when it would escape it. */
function inside(dir, rel) {
  const full = path.resolve(dir, "." + path.posix.normalize("/" + rel));
  return full === dir || full.startsWith(dir + path.sep) ? full : null;
}

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Starts the server. Resolves to { origin, base, url, port, log, close() }.
 * `log` lists every request served ({ path, status, bytes, file }), for the bytes metric.
 * @param {{ root: string, base?: string, dataDir?: string, port?: number, host?: string }} options
 */
export async function startServer({ root, base = "/atlas/", dataDir = null, port = 0, host = "127.0.0.1" }) {
  root = path.resolve(root);
  if (!base.startsWith("/")) base = "/" + base;
  if (!base.endsWith("/")) base += "/";
  const data = dataDir ? path.resolve(dataDir) : null;
  const rules = await readFile(path.join(root, "_headers"), "utf8").then(parseHeadersFile, () => []);
  const log = [];

  const server = createServer(async (req, res) => {
    // `route` is the path as the host's rules see it: relative to the mount point.
    const send = (status, body, type, { file = null, etag = null, route = null } = {}) => {
      const headers = { "content-type": type, "cache-control": DEFAULT_CACHE_CONTROL };
      for (const rule of route ? rules : []) if (rule.pattern.test(route)) for (const [k, v] of rule.headers) headers[k] = v;
      if (etag) headers.etag = etag;
      if (etag && req.headers["if-none-match"] === etag) {
        res.writeHead(304, headers);
        res.end();
        log.push({ path: req.url, status: 304, bytes: 0, file });
        return;
      }
      headers["content-length"] = body.length;
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      log.push({ path: req.url, status, bytes: body.length, file });
    };
    const etagOf = async (file) => {
      const s = await stat(file);
      return `"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`;
    };
    try {
      const url = new URL(req.url, "http://localhost");
      let pathname = decodeURIComponent(url.pathname);
      if (pathname + "/" === base) {
        res.writeHead(301, { location: base + url.search });
        return res.end();
      }
      if (!pathname.startsWith(base)) return send(404, Buffer.from("not under " + base), "text/plain");
      let rel = pathname.slice(base.length);

      // Generated datasets live outside dist/ so the build folder is never modified.
      let file = null;
      if (data && rel.startsWith("bench-data/")) {
        file = inside(data, rel.slice("bench-data/".length));
      } else {
        file = inside(root, rel === "" ? "index.html" : rel);
        if (file && !rel.includes(".") && !(await isFile(file))) {
          // SPA fallback for a deep link (see the header).
          const html = (await readFile(path.join(root, "index.html"), "utf8")).replaceAll('="./', `="${base}`);
          return send(200, Buffer.from(html), MIME[".html"], { file: path.join(root, "index.html"), route: "/index.html" });
        }
      }
      if (!file || !(await isFile(file)) || path.basename(file).startsWith("_")) {
        return send(404, Buffer.from("not found"), "text/plain");
      }
      const body = await readFile(file);
      send(200, body, MIME[path.extname(file)] ?? "application/octet-stream", { file, etag: await etagOf(file), route: "/" + rel });
    } catch (error) {
      send(500, Buffer.from(String(error)), "text/plain");
    }
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  const origin = `http://${host}:${actual}`;
  return {
    origin,
    base,
    port: actual,
    url: origin + base,
    log,
    /** The file on disk a served path comes from (no SPA fallback), or null. */
    fileFor(pathname) {
      if (!pathname.startsWith(base)) return null;
      const rel = pathname.slice(base.length);
      if (data && rel.startsWith("bench-data/")) return inside(data, rel.slice("bench-data/".length));
      return inside(root, rel === "" ? "index.html" : rel);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

// Run on its own to look at the served build by hand.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const s = await startServer({
    root: arg("--root", "dist"),
    base: arg("--base", "/atlas/"),
    dataDir: arg("--data", null),
    port: Number(arg("--port", "0")),
  });
  console.log(`serving ${arg("--root", "dist")} at ${s.url}`);
}
