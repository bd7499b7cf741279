// The benchmark's static server: tools/static-host.mjs (the one host module shared with the
// end-to-end tests) serving a built folder under a sub-path (`/atlas/`), as a real static host
// mounts the atlas, plus the generated datasets under `<base>bench-data/`.
//
//   node bench/lib/server.mjs [--root dist] [--base /atlas/] [--data bench/results/data] [--port 0]
//                             [--fallback spa|redirect|404] [--no-compress]
//
// - Port 0 (the default) lets the OS pick a free port: the machine is shared.
// - Compression as a real host: brotli (else gzip) for text, JSON and wasm when the browser asks,
//   so the bytes on the wire are the bytes a reader downloads. metrics/bytes.mjs still sizes
//   the files on disk too (raw, gzip -9, brotli -q 11).
// - Deep links: SPA fallback by default (a path without an extension that is no file gets
//   index.html). The build uses relative asset URLs (`public_url = "./"`), which would resolve
//   against the deep link's folder, so that copy of index.html has its "./" made absolute to
//   the mount point (`rebase`) — what a host rewrite + absolute build would do. The first view
//   (`/atlas/`) is served byte for byte as built.
// - Headers as a real static host sends them: the build's own `_headers`, otherwise Netlify's
//   default `max-age=0, must-revalidate`; ETags with 304 answers. This matters for a service
//   worker that precaches files the page has just loaded: a host that revalidates answers 304
//   without a body. No run is warmed by another: each uses a fresh browser context.
// - Every body has Content-Length: the app shows real progress from it.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { commandLine, startStaticServer } from "../../tools/static-host.mjs";

/**
 * Starts the server. Resolves to { origin, base, url, port, log, fileFor(pathname), close() }.
 * `log` lists every answer ({ path, status, bytes on the wire, rawBytes, encoding, file, at }),
 * for the bytes metrics.
 * @param {{ root: string, base?: string, dataDir?: string|null, port?: number, host?: string,
 *           fallback?: "spa"|"redirect"|"404", compress?: boolean }} options
 */
export async function startServer({ root, base = "/atlas/", dataDir = null, port = 0, host = "127.0.0.1", fallback = "spa", compress = true }) {
  const log = [];
  const running = await startStaticServer(
    { root, base, port, host, fallback, rebase: true, compress, mounts: dataDir ? { "bench-data/": dataDir } : {} },
    { onResponse: (entry) => log.push({ ...entry, at: Date.now() }) },
  );
  return {
    origin: running.origin,
    base: running.base,
    port: running.port,
    url: running.url,
    log,
    /** The file on disk a served path comes from (no fallback), or null. */
    fileFor: (pathname) => running.host.fileFor(pathname),
    close: running.close,
  };
}

// Run on its own to look at the served build by hand.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const cli = commandLine();
  const s = await startServer({
    root: cli.option("root", "dist"),
    base: cli.option("base", "/atlas/"),
    dataDir: cli.option("data", null),
    port: Number(cli.option("port", "0")),
    fallback: cli.option("fallback", "spa"),
    compress: !cli.flag("no-compress"),
  });
  console.log(`serving ${cli.option("root", "dist")} at ${s.url}`);
}
