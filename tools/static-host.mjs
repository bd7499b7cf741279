// One static host, shared by the end-to-end test server (tests/e2e/support/server.mjs) and the
// benchmark server (bench/lib/server.mjs): it serves a built folder under a mount point the way
// real static hosts do, so the tests and the figures see what a reader would.
//
//   node tools/static-host.mjs [--root dist] [--base /atlas/] [--port 8080] [--host 127.0.0.1]
//                              [--fallback redirect|404|spa] [--rebase] [--no-compress]
//
// What it does, and which host it imitates:
// - Files under `base` from `root`; `base` without its slash gets a 301 to the folder, a folder
//   gets a 301 to its slash and then its index.html. Paths that climb out of `root` (../) and the
//   host's own files (`_headers`, `_redirects`) are never served.
// - Headers: the rules of the folder's own `_headers` (Netlify/Cloudflare Pages format, matched
//   on the path below the mount point, as if the folder were the site), on top of Netlify's
//   default `Cache-Control: public, max-age=0, must-revalidate`.
// - Strong ETags from size and mtime (with the encoding appended for a compressed body, as
//   Apache does), 304 to a matching If-None-Match, and Content-Length on every body.
// - Content negotiation: brotli, then gzip, for text, JSON, SVG and wasm when Accept-Encoding
//   allows it. `file.br` / `file.gz` next to the file are sent when present (precompressed at
//   deploy time: `precompress(dir)` writes them at brotli -q 11 / gzip -9); otherwise the file is
//   compressed on the fly at the quick levels hosts use for that (brotli 5, gzip 6) and kept in
//   memory. `Vary: Accept-Encoding` on every compressible answer.
// - Connections are kept alive for 60 s, as CDNs do: Node's 5 s default races with browsers
//   reusing an idle connection (a request sent as the server closes it fails empty).
// - What the host does with a path that is no file (a deep link such as /atlas/region/28):
//     redirect  302 to the mount point with the path in ?p= (Netlify/Cloudflare `_redirects`
//               "/atlas/*  /atlas/?p=/:splat  302", nginx `rewrite … redirect`). The default.
//     404       404.html with status 404, no rewrite (GitHub Pages, a bucket's error document).
//     spa       index.html with status 200 (nginx `try_files $uri /index.html`, Netlify "200"
//               rewrites). The browser then resolves the page's relative URLs from the deep path,
//               so this needs a build with an absolute --public-url equal to `base`; `rebase:
//               true` instead makes the served copy's relative URLs absolute from `base`, which
//               is what such a build contains (used by the benchmark, which measures the
//               relative build).
//   A path whose last segment has a file extension is never a deep link: a missing file gets
//   404.html (status 404) in every mode, as a missing asset does on any host.
//
// Exports: MIME, HIDDEN, DEFAULT_CACHE_CONTROL, normaliseBase, parseHeadersFile, headersFor,
// resolveInside, preferredEncoding, etagMatches, rebaseUrls, isCompressible, precompress, createStaticHost,
// startStaticServer, commandLine.

import { createServer } from "node:http";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".geojson": "application/geo+json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** Files a host reads for itself and never publishes. */
export const HIDDEN = new Set(["_headers", "_redirects"]);

/** Netlify's default for files no `_headers` rule gives a Cache-Control. */
export const DEFAULT_CACHE_CONTROL = "public, max-age=0, must-revalidate";

const FALLBACKS = ["redirect", "404", "spa"];

/** "/atlas" → "/atlas/", "atlas/" → "/atlas/", "" → "/". */
export function normaliseBase(base = "/") {
  let b = String(base);
  if (!b.startsWith("/")) b = "/" + b;
  if (!b.endsWith("/")) b += "/";
  return b;
}

/**
 * Parses a Netlify/Cloudflare `_headers` file: a path pattern (`*` matches anything, slashes
 * included) on its own line, then its indented `Name: value` lines. Comments start with `#`.
 * @returns {{glob: string, pattern: RegExp, headers: [string, string][]}[]} names lower-cased
 */
export function parseHeadersFile(text) {
  const rules = [];
  let current = null;
  for (const raw of String(text).split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (!/^\s/.test(raw)) {
      const pattern = new RegExp("^" + line.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
      current = { glob: line, pattern, headers: [] };
      rules.push(current);
    } else if (current) {
      const colon = line.indexOf(":");
      if (colon > 0) current.headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

/** The headers every matching rule adds for `sitePath` ("/index.html"), later rules winning. */
export function headersFor(rules, sitePath) {
  const headers = {};
  for (const rule of rules) if (rule.pattern.test(sitePath)) for (const [k, v] of rule.headers) headers[k] = v;
  return headers;
}

/** `rel` resolved inside `dir`, or null when it would climb out of it. */
export function resolveInside(dir, rel) {
  const full = path.resolve(dir, "." + path.posix.normalize("/" + rel));
  return full === dir || full.startsWith(dir + path.sep) ? full : null;
}

/** The encoding to send for an Accept-Encoding header: "br", "gzip" or null (identity). */
export function preferredEncoding(acceptEncoding = "") {
  const q = {};
  for (const part of String(acceptEncoding).toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name.trim()] = Number.isFinite(value) ? value : 0;
  }
  const weight = (name) => q[name] ?? q["*"] ?? 0;
  // Brotli first when the client weighs both the same: it is the smaller one.
  const best = ["br", "gzip"].filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? null;
}

/**
 * Every relative `href`/`src` of an HTML page made absolute from `base` ("./x" and "x" →
 * "<base>x"; schemes, "/…" and "#…" untouched): what scripts/trunk-post-build.sh does to
 * index.html and 404.html for a build with an absolute --public-url.
 */
export function rebaseUrls(html, base) {
  return html.replace(/(\s(?:href|src)=")(?!\/|#|[^"/]*:)(?:\.\/)?/gi, `$1${base}`);
}

/** True when an If-None-Match header (a list, maybe weak, maybe "*") matches `etag`. */
export function etagMatches(ifNoneMatch, etag) {
  if (!ifNoneMatch || !etag) return false;
  const bare = (t) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}

const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|manifest\+json|wasm|javascript)|image\/svg\+xml)/;
const ENCODED_SUFFIX = { br: ".br", gzip: ".gz" };
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** True for the types a host compresses (text, JSON, SVG, wasm; not images already packed). */
export function isCompressible(file) {
  return COMPRESSIBLE.test(MIME[path.extname(file)] ?? "");
}

// Compressed bodies, shared by every host in the process (the tests start two on one folder):
// key = file, size, mtime and encoding, so a rebuilt file is compressed again.
const compressedCache = new Map();

/** `best`: the deploy-time levels (brotli -q 11, gzip -9); else the quick on-the-fly ones. */
function compress(buffer, encoding, best = false) {
  if (encoding === "br") {
    return brotliAsync(buffer, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: best ? 11 : 5,
        [zlib.BROTLI_PARAM_LGWIN]: best ? 24 : 22,
        [zlib.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    });
  }
  return gzipAsync(buffer, { level: best ? 9 : 6 });
}

/**
 * Writes `file.br` and `file.gz` (brotli -q 11, gzip -9) beside every compressible file under
 * `dir`, as a deploy step that precompresses does; the host then sends those. Resolves to the
 * number of files compressed.
 */
export async function precompress(dir) {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (!isCompressible(file) || HIDDEN.has(entry.name)) continue;
    const raw = await readFile(file);
    for (const encoding of ["br", "gzip"]) await writeFile(file + ENCODED_SUFFIX[encoding], await compress(raw, encoding, true));
    count++;
  }
  return count;
}

async function statFile(p) {
  const info = await stat(p).catch(() => null);
  return info?.isFile() ? info : null;
}

/**
 * A host for one folder. `serve(req, res)` answers a request; `resolve(pathname)` says what it
 * would answer without sending anything; `fileFor(pathname)` names the file behind a path.
 *
 * @param {{root: string, base?: string, fallback?: "redirect"|"404"|"spa", rebase?: boolean,
 *          compress?: boolean, cacheControl?: string, mounts?: Record<string, string>}} options
 *   mounts: extra folders below the mount point, e.g. { "bench-data/": "bench/results/data" }.
 * `serve` resolves to what it sent: { method, path, status, bytes (body on the wire),
 * rawBytes (before compression), encoding, file }.
 */
export async function createStaticHost(options) {
  const root = path.resolve(options.root ?? "dist");
  const base = normaliseBase(options.base ?? "/");
  const fallback = options.fallback ?? "redirect";
  if (!FALLBACKS.includes(fallback)) throw new Error(`unknown fallback: ${fallback} (one of ${FALLBACKS.join(", ")})`);
  const useCompression = options.compress ?? true;
  const cacheControl = options.cacheControl ?? DEFAULT_CACHE_CONTROL;
  const mounts = Object.entries(options.mounts ?? {}).map(([prefix, dir]) => [prefix.replace(/^\/+/, ""), path.resolve(dir)]);

  if (!(await statFile(path.join(root, "index.html")))) {
    throw new Error(`${path.join(root, "index.html")} not found: build the app first (trunk build --release)`);
  }
  const rules = parseHeadersFile(await readFile(path.join(root, "_headers"), "utf8").catch(() => ""));

  /** The file behind `rel` (path below the mount point), mounts first; null when outside. */
  function fileForRel(rel) {
    for (const [prefix, dir] of mounts) if (rel.startsWith(prefix)) return resolveInside(dir, rel.slice(prefix.length));
    return resolveInside(root, rel);
  }

  /**
   * What the host answers for a decoded path: { kind: "file"|"redirect"|"not-under-base"|"bad",
   * status, file?, location?, fallback? } — `fallback` is "404" or "spa" when a fallback page
   * stands in for a missing path.
   */
  async function resolve(pathname, search = "") {
    if (pathname === base.slice(0, -1)) return { kind: "redirect", status: 301, location: base + search };
    if (!pathname.startsWith(base)) return { kind: "not-under-base", status: 404 };
    let rel;
    try {
      rel = decodeURIComponent(pathname.slice(base.length));
    } catch {
      return { kind: "bad", status: 400 };
    }
    const file = fileForRel(rel);
    if (file && !HIDDEN.has(path.basename(file))) {
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) return { kind: "file", status: 200, file, rel };
      if (info?.isDirectory()) {
        if (!pathname.endsWith("/")) return { kind: "redirect", status: 301, location: pathname + "/" + search };
        const index = path.join(file, "index.html");
        if (await statFile(index)) return { kind: "file", status: 200, file: index, rel };
      }
    }
    const looksLikeFile = path.posix.extname(rel) !== "";
    if (looksLikeFile || fallback === "404") return { kind: "file", status: 404, file: path.join(root, "404.html"), rel, fallback: "404" };
    if (fallback === "spa") return { kind: "file", status: 200, file: path.join(root, "index.html"), rel, fallback: "spa" };
    // redirect: hand the path (and query) to the app at the mount point.
    const params = new URLSearchParams(search);
    params.delete("p");
    const query = params.toString();
    return { kind: "redirect", status: 302, location: `${base}?p=${encodeURIComponent("/" + rel)}${query ? "&" + query : ""}` };
  }

  async function body(file, rebaseHtml) {
    const buffer = await readFile(file);
    return rebaseHtml ? Buffer.from(rebaseUrls(buffer.toString("utf8"), base)) : buffer;
  }

  /** The body to send for `file` in `encoding` (cached), or null when there is no such form. */
  // `variant` names a body that is not the file as is (the rebased index.html): never a
  // precompressed file then, and a cache entry of its own.
  async function encodedBody(file, info, raw, encoding, variant) {
    const pre = variant ? null : await statFile(file + ENCODED_SUFFIX[encoding]);
    // A precompressed copy older than its file is stale (a rebuild without a new deploy step).
    if (pre && pre.mtimeMs >= info.mtimeMs) return readFile(file + ENCODED_SUFFIX[encoding]);
    const key = [file, info.size, info.mtimeMs, encoding, variant].join("\0");
    let pending = compressedCache.get(key);
    if (!pending) {
      pending = compress(raw, encoding);
      compressedCache.set(key, pending);
      pending.catch(() => compressedCache.delete(key));
    }
    return pending;
  }

  async function serve(req, res) {
    const url = new URL(req.url ?? "/", "http://host.invalid");
    const method = req.method ?? "GET";
    const entry = { method, path: url.pathname + url.search, status: 0, bytes: 0, rawBytes: null, encoding: null, file: null };
    const finish = (status, headers, payload) => {
      entry.status = status;
      entry.bytes = payload ? payload.length : 0;
      if (payload) headers["content-length"] = payload.length;
      res.writeHead(status, headers);
      res.end(method === "HEAD" || !payload ? undefined : payload);
      return entry;
    };

    if (method !== "GET" && method !== "HEAD") return finish(405, { allow: "GET, HEAD" });
    const answer = await resolve(url.pathname, url.search);
    if (answer.kind === "redirect") return finish(answer.status, { location: answer.location });
    if (answer.kind === "bad") return finish(400, {});
    if (answer.kind === "not-under-base") return finish(404, { "content-type": "text/plain; charset=utf-8" }, Buffer.from(`Not under ${base}\n`));

    const info = await statFile(answer.file);
    if (!info) return finish(404, { "content-type": "text/plain; charset=utf-8" }, Buffer.from("Not found\n"));
    const rebaseHtml = answer.fallback === "spa" && options.rebase === true;
    const raw = await body(answer.file, rebaseHtml);
    const type = MIME[path.extname(answer.file)] ?? "application/octet-stream";
    // Rules are written for a site mounted at "/": match the requested path below the mount
    // point (a fallback page gets the headers of the path it answers, as on Netlify).
    const headers = { "content-type": type, "cache-control": cacheControl, ...headersFor(rules, "/" + url.pathname.slice(base.length)) };
    entry.file = answer.file;
    entry.rawBytes = raw.length;

    let payload = raw;
    let tag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${rebaseHtml ? "-rebased" : ""}"`;
    if (useCompression && COMPRESSIBLE.test(type)) {
      headers.vary = "Accept-Encoding";
      const encoding = preferredEncoding(req.headers["accept-encoding"]);
      if (encoding) {
        payload = await encodedBody(answer.file, info, raw, encoding, rebaseHtml ? `rebased:${base}` : "");
        headers["content-encoding"] = encoding;
        entry.encoding = encoding;
        tag = tag.slice(0, -1) + `-${encoding}"`;
      }
    }
    if (answer.status === 200) {
      headers.etag = tag;
      if (etagMatches(req.headers["if-none-match"], tag)) return finish(304, headers);
    }
    return finish(answer.status, headers, payload);
  }

  return {
    root,
    base,
    fallback,
    rules,
    serve,
    resolve,
    /** The file on disk behind a served path, ignoring fallbacks; null when outside the folder. */
    fileFor(pathname) {
      if (!pathname.startsWith(base)) return null;
      const rel = pathname.slice(base.length);
      return fileForRel(rel === "" ? "index.html" : rel);
    },
  };
}

/**
 * A listening HTTP server for one host (options as createStaticHost, plus host and port).
 * `before(req, res)` may answer first (test control endpoints, injected faults) by resolving to
 * true; `onResponse(entry, req)` sees every answer of the host. Resolves to { host, origin, base,
 * port, url, close() }; port 0 (the default) lets the OS pick a free port: the machine is shared.
 */
export async function startStaticServer(options, { before = async () => false, onResponse = () => {} } = {}) {
  const host = await createStaticHost(options);
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    (async () => {
      if (await before(req, res)) return;
      onResponse(await host.serve(req, res), req);
    })().catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(String(error));
    });
  });
  const address = options.host ?? "127.0.0.1";
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, address, resolve);
  });
  const { port } = server.address();
  const origin = `http://${address}:${port}`;
  return {
    host,
    origin,
    base: host.base,
    port,
    url: origin + host.base,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

/** `--name value` options and `--flag` switches of a command line. */
export function commandLine(argv = process.argv.slice(2)) {
  return {
    option: (name, fallbackValue) => {
      const i = argv.indexOf(`--${name}`);
      return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallbackValue;
    },
    flag: (name) => argv.includes(`--${name}`),
  };
}

// Command line: serve a folder by hand, e.g. to try a deployment mode before publishing.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cli = commandLine();
  const running = await startStaticServer({
    root: cli.option("root", "dist"),
    base: cli.option("base", "/atlas/"),
    port: Number(cli.option("port", "8080")),
    host: cli.option("host", "127.0.0.1"),
    fallback: cli.option("fallback", "redirect"),
    rebase: cli.flag("rebase"),
    compress: !cli.flag("no-compress"),
  });
  console.log(`Serving ${running.host.root} at ${running.url} (deep links: ${running.host.fallback})`);
  const stop = () => running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
