// A small static server for the end-to-end tests: it serves the built dist/ under a sub-path,
// the way a real static host would, so the tests see what a reader sees.
//
//   node tests/e2e/support/server.mjs [--root dist] [--base /atlas/sub/] [--port 0]
//                                     [--fallback redirect|404|spa] [--host 127.0.0.1]
//
// What a host does with a path that is no file (a deep link such as /atlas/sub/region/28):
//   redirect  302 to the mount point with the path in ?p= (a host rewrite rule; boot.js restores
//             the path). Works with the relative build at any depth. The default.
//   404       answer 404.html with status 404 (GitHub Pages, plain buckets).
//   spa       answer index.html with status 200 (nginx try_files, Netlify "200" rewrites). Needs
//             a build with an absolute --public-url equal to --base.
// A path whose last segment has a file extension is never a deep link: missing files get 404.
//
// Headers come from dist/_headers (the Netlify/Cloudflare format shipped in public/), so the
// tests also check the headers we tell hosts to send.
//
// Fault injection for tests (loopback only): POST /__e2e__/faults with JSON
//   { "path": "data/atlas.json", "status": 500, "delayMs": 0, "body": "…", "drop": false,
//     "scope": "<x-e2e-scope header value>", "times": 1 }
// makes matching requests fail, wait or hang up; DELETE /__e2e__/faults?scope=… removes them.
// A scope limits a fault to requests carrying that `x-e2e-scope` header (the test fixture sets
// one per test), so tests running in parallel do not see each other's faults.
// GET /__e2e__/log?scope=… lists the requests served (method, path, status).

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

// Files a host keeps for itself and does not publish.
const HIDDEN = new Set(["_headers", "_redirects"]);

/** Parses a Netlify/Cloudflare `_headers` file into [{ pattern: RegExp, headers: [[k, v]] }]. */
export function parseHeadersFile(text) {
  const rules = [];
  let current = null;
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || raw.trim().startsWith("#")) continue;
    if (!/^\s/.test(raw)) {
      const glob = raw.trim();
      const pattern = new RegExp(
        "^" + glob.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$",
      );
      current = { glob, pattern, headers: [] };
      rules.push(current);
    } else if (current) {
      const line = raw.trim();
      const colon = line.indexOf(":");
      if (colon > 0) current.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

/**
 * Starts the server. Resolves to { url, origin, base, port, close() }.
 * @param {{root?: string, base?: string, port?: number, host?: string,
 *          fallback?: "redirect"|"404"|"spa", quiet?: boolean}} options
 */
export async function startServer(options = {}) {
  const root = path.resolve(options.root ?? "dist");
  let base = options.base ?? "/atlas/sub/";
  if (!base.startsWith("/")) base = "/" + base;
  if (!base.endsWith("/")) base += "/";
  const fallback = options.fallback ?? "redirect";
  if (!["redirect", "404", "spa"].includes(fallback)) throw new Error(`unknown fallback: ${fallback}`);
  const host = options.host ?? "127.0.0.1";

  await stat(path.join(root, "index.html")).catch(() => {
    throw new Error(`${path.join(root, "index.html")} not found: build the app first (trunk build --release)`);
  });
  const headerRules = parseHeadersFile(await readFile(path.join(root, "_headers"), "utf8").catch(() => ""));

  /** @type {{path: string, status?: number, delayMs?: number, body?: string, drop?: boolean, scope?: string, times?: number}[]} */
  let faults = [];
  /** @type {{scope: string, method: string, path: string, status: number}[]} */
  const log = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });

  async function handle(req, res) {
    const url = new URL(req.url, "http://localhost");
    const scope = String(req.headers["x-e2e-scope"] ?? "");

    if (url.pathname.startsWith("/__e2e__/")) return control(req, res, url);

    const record = (status) => {
      log.push({ scope, method: req.method, path: url.pathname + url.search, status });
      if (log.length > 2000) log.splice(0, log.length - 2000);
    };

    if (req.method !== "GET" && req.method !== "HEAD") {
      record(405);
      res.writeHead(405, { allow: "GET, HEAD" });
      return res.end();
    }

    // The mount point without its trailing slash: send to the folder, as static hosts do.
    if (url.pathname === base.slice(0, -1)) {
      record(301);
      res.writeHead(301, { location: base + url.search });
      return res.end();
    }
    if (!url.pathname.startsWith(base)) {
      record(404);
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      return res.end(`Not under ${base}\n`);
    }

    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(base.length));
    } catch {
      record(400);
      res.writeHead(400);
      return res.end();
    }

    // Injected faults, for tests of loading and error states.
    const fault = faults.find((f) => f.path === rel && (!f.scope || f.scope === scope));
    if (fault) {
      if (fault.times !== undefined && --fault.times <= 0) faults = faults.filter((f) => f !== fault);
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.drop) {
        record(0);
        return req.socket.destroy();
      }
      if (fault.status !== undefined || fault.body !== undefined) {
        const status = fault.status ?? 200;
        record(status);
        res.writeHead(status, {
          "content-type": fault.contentType ?? MIME[path.extname(rel)] ?? "text/plain; charset=utf-8",
          "cache-control": "no-store",
        });
        return res.end(fault.body ?? "");
      }
    }

    // Resolve inside root only (no ../ escapes), and never publish the host's own files.
    const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
    const inside = file === root || file.startsWith(root + path.sep);
    let target = null;
    if (inside && !HIDDEN.has(path.basename(file))) {
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) target = file;
      else if (info?.isDirectory()) {
        if (!url.pathname.endsWith("/")) {
          record(301);
          res.writeHead(301, { location: url.pathname + "/" + url.search });
          return res.end();
        }
        const index = path.join(file, "index.html");
        if ((await stat(index).catch(() => null))?.isFile()) target = index;
      }
    }

    if (target) return sendFile(req, res, target, 200, url.pathname, record);

    const looksLikeFile = path.posix.extname(rel) !== "";
    if (looksLikeFile || fallback === "404") {
      const page = path.join(root, "404.html");
      if ((await stat(page).catch(() => null))?.isFile()) return sendFile(req, res, page, 404, url.pathname, record);
      record(404);
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      return res.end("Not found\n");
    }
    if (fallback === "spa") return sendFile(req, res, path.join(root, "index.html"), 200, url.pathname, record);

    // redirect: hand the path (and query) to the app at the mount point, like a host rule
    // "/atlas/sub/*  /atlas/sub/?p=/:splat  302" would.
    const params = new URLSearchParams(url.search);
    params.delete("p");
    const query = params.toString();
    record(302);
    res.writeHead(302, { location: `${base}?p=${encodeURIComponent("/" + rel)}${query ? "&" + query : ""}` });
    res.end();
  }

  function sendFile(req, res, file, status, requestPath, record) {
    const headers = {
      "content-type": MIME[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    };
    // Rules are written for a site mounted at "/": match the path below our mount point.
    const sitePath = "/" + requestPath.slice(base.length);
    for (const rule of headerRules) {
      if (rule.pattern.test(sitePath)) for (const [k, v] of rule.headers) headers[k.toLowerCase()] = v;
    }
    record(status);
    res.writeHead(status, headers);
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  }

  async function control(req, res, url) {
    const send = (status, value) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    const scope = url.searchParams.get("scope");
    if (url.pathname === "/__e2e__/faults" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const fault = JSON.parse(body);
      if (typeof fault.path !== "string") return send(400, { error: "path (relative to the mount point) is required" });
      fault.path = fault.path.replace(/^\/+/, "");
      faults.push(fault);
      return send(200, { faults: faults.length });
    }
    if (url.pathname === "/__e2e__/faults" && req.method === "DELETE") {
      faults = scope ? faults.filter((f) => f.scope !== scope) : [];
      return send(200, { faults: faults.length });
    }
    if (url.pathname === "/__e2e__/log" && req.method === "GET") {
      return send(200, scope ? log.filter((e) => e.scope === scope) : log);
    }
    return send(404, { error: "unknown control endpoint" });
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address();
  const origin = `http://${host}:${port}`;
  if (!options.quiet) console.log(`Serving ${root} at ${origin}${base} (deep links: ${fallback})`);
  return {
    origin,
    base,
    port,
    url: origin + base,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Command line: node tests/e2e/support/server.mjs --root dist --base /atlas/sub/ --port 8081
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallbackValue) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallbackValue;
  };
  const running = await startServer({
    root: opt("root", "dist"),
    base: opt("base", "/atlas/sub/"),
    port: Number(opt("port", "0")),
    host: opt("host", "127.0.0.1"),
    fallback: opt("fallback", "redirect"),
  });
  const stop = () => running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
