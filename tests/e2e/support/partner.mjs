// A partner's web site for the embedding tests: a second static server, on another origin than
// the atlas, serving the HTML pages a test gives it. The pages are the partner's own (no
// Content-Security-Policy, inline scripts allowed), the way a real partner site would paste the
// atlas's snippet into whatever page it has.
//
//   const partner = await startPartnerServer({ host: "127.0.0.2" });
//   partner.setPage("/widgets.html", "<!doctype html>…");
//   await page.goto(partner.url("/widgets.html"));
//   …
//   await partner.close();
//
// Only the pages set with setPage exist; anything else is a 404. Each response is logged
// (partner.log) so a test can tell the partner page was not navigated or reloaded.

import { createServer } from "node:http";

/**
 * @param {{host?: string, port?: number}} options
 * @returns {Promise<{origin: string, port: number, url: (p: string) => string,
 *   setPage: (p: string, html: string, contentType?: string) => void,
 *   log: {method: string, path: string, status: number}[], close: () => Promise<void>}>}
 */
export async function startPartnerServer(options = {}) {
  const host = options.host ?? "127.0.0.2";
  /** @type {Map<string, {body: string, contentType: string}>} */
  const pages = new Map();
  /** @type {{method: string, path: string, status: number}[]} */
  const log = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://partner.invalid");
    const page = pages.get(url.pathname);
    const status = page ? 200 : 404;
    log.push({ method: req.method ?? "GET", path: url.pathname + url.search, status });
    if (!page) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      return res.end("Not found\n");
    }
    res.writeHead(200, { "content-type": page.contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : page.body);
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  const origin = `http://${host}:${port}`;
  return {
    origin,
    port,
    log,
    url: (p) => new URL(p, origin).href,
    setPage: (p, body, contentType = "text/html; charset=utf-8") => {
      pages.set(p.startsWith("/") ? p : "/" + p, { body, contentType });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
