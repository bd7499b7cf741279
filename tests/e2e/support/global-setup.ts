// Starts the static servers the specs talk to, unless E2E_BASE_URL already points at a running
// atlas (e.g. E2E_BASE_URL=http://127.0.0.1:8080/ npm run e2e against scripts/serve.sh).
//
// Both servers serve dist/ under E2E_BASE (default /atlas/sub/) on a free port:
//   E2E_BASE_URL      deep links redirected to the mount point with ?p= (E2E_FALLBACK, default
//                     "redirect"; use "spa" for a build made with --public-url equal to E2E_BASE)
//   E2E_BASE_URL_404  unknown paths answered with 404.html, like GitHub Pages
// Both compress (brotli/gzip) like a real host; E2E_COMPRESS=0 sends bodies as they are.
// The URLs reach the test workers as environment variables.
import type { FullConfig } from "@playwright/test";
import { startServer } from "./server.mjs";

export default async function globalSetup(_config: FullConfig) {
  if (process.env.E2E_BASE_URL) return;

  const root = process.env.E2E_DIST ?? "dist";
  const base = process.env.E2E_BASE ?? "/atlas/sub/";
  const fallback = (process.env.E2E_FALLBACK ?? "redirect") as "redirect" | "404" | "spa";

  const compress = process.env.E2E_COMPRESS !== "0";

  const main = await startServer({ root, base, fallback, compress });
  const notFound = await startServer({ root, base, fallback: "404", compress });
  process.env.E2E_BASE_URL = main.url;
  process.env.E2E_BASE_URL_404 = notFound.url;

  return async () => {
    await main.close();
    await notFound.close();
  };
}
