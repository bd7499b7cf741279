// The static server of the end-to-end tests: tools/static-host.mjs (the one host module shared
// with the benchmark) serving the built dist/ under a sub-path, plus fault injection and a
// request log for the tests.
//
//   node tests/e2e/support/server.mjs [--root dist] [--base /atlas/sub/] [--port 0]
//                                     [--fallback redirect|404|spa] [--host 127.0.0.1]
//                                     [--no-compress]
//
// Deep links (a path that is no file, such as /atlas/sub/region/28), as tools/static-host.mjs
// explains: redirect (302 to the mount point with ?p=, the default), 404 (404.html with status
// 404: GitHub Pages, buckets) or spa (index.html, for a build with --public-url equal to --base).
// Headers come from dist/_headers, so the tests also check the headers we tell hosts to send;
// bodies are brotli/gzip-compressed when the browser asks, as real hosts do.
//
// Fault injection for tests (loopback only): POST /__e2e__/faults with JSON
//   { "path": "data/atlas.json", "status": 500, "delayMs": 0, "body": "…", "drop": false,
//     "scope": "<x-e2e-scope header value>", "times": 1 }
// makes matching requests fail, wait or hang up; DELETE /__e2e__/faults?scope=… removes them.
// A scope limits a fault to requests carrying that `x-e2e-scope` header (the test fixture sets
// one per test), so tests running in parallel do not see each other's faults.
// GET /__e2e__/log?scope=… lists the requests served (method, path, status).

import path from "node:path";
import { fileURLToPath } from "node:url";
import { commandLine, MIME, normaliseBase, startStaticServer } from "../../../tools/static-host.mjs";

/**
 * Starts the server. Resolves to { url, origin, base, port, close() }.
 * @param {{root?: string, base?: string, port?: number, host?: string,
 *          fallback?: "redirect"|"404"|"spa", compress?: boolean, quiet?: boolean}} options
 */
export async function startServer(options = {}) {
  const base = normaliseBase(options.base ?? "/atlas/sub/");
  /** @type {{path: string, status?: number, delayMs?: number, body?: string, contentType?: string, drop?: boolean, scope?: string, times?: number}[]} */
  let faults = [];
  /** @type {{scope: string, method: string, path: string, status: number}[]} */
  const log = [];
  const scopeOf = (req) => String(req.headers["x-e2e-scope"] ?? "");
  const record = (req, status, pathAndQuery) => {
    log.push({ scope: scopeOf(req), method: req.method ?? "GET", path: pathAndQuery, status });
    if (log.length > 2000) log.splice(0, log.length - 2000);
  };

  async function before(req, res) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/__e2e__/")) {
      await control(req, res, url);
      return true;
    }
    if (!url.pathname.startsWith(base)) return false;
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(base.length));
    } catch {
      return false;
    }
    // Injected faults, for tests of loading and error states.
    const scope = scopeOf(req);
    const fault = faults.find((f) => f.path === rel && (!f.scope || f.scope === scope));
    if (!fault) return false;
    if (fault.times !== undefined && --fault.times <= 0) faults = faults.filter((f) => f !== fault);
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.drop) {
      record(req, 0, url.pathname + url.search);
      req.socket.destroy();
      return true;
    }
    if (fault.status === undefined && fault.body === undefined) return false; // a delay only
    const status = fault.status ?? 200;
    record(req, status, url.pathname + url.search);
    res.writeHead(status, {
      "content-type": fault.contentType ?? MIME[path.extname(rel)] ?? "text/plain; charset=utf-8",
      "cache-control": "no-store",
    });
    res.end(fault.body ?? "");
    return true;
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

  const fallback = options.fallback ?? "redirect";
  const running = await startStaticServer(
    { root: options.root ?? "dist", base, fallback, compress: options.compress, host: options.host, port: options.port },
    { before, onResponse: (entry, req) => record(req, entry.status, entry.path) },
  );
  if (!options.quiet) console.log(`Serving ${running.host.root} at ${running.url} (deep links: ${fallback})`);
  return { origin: running.origin, base: running.base, port: running.port, url: running.url, close: running.close };
}

// Command line: node tests/e2e/support/server.mjs --root dist --base /atlas/sub/ --port 8081
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cli = commandLine();
  const running = await startServer({
    root: cli.option("root", "dist"),
    base: cli.option("base", "/atlas/sub/"),
    port: Number(cli.option("port", "0")),
    host: cli.option("host", "127.0.0.1"),
    fallback: cli.option("fallback", "redirect"),
    compress: !cli.flag("no-compress"),
  });
  const stop = () => running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
