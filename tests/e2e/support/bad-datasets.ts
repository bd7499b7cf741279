// Bad dataset files as publishers really get them wrong, shared by the app's error view
// (errors.spec.ts) and the check page (check.spec.ts): each with the problems its list must name,
// written as "line L, column C · path — message" (numbers without digit grouping: see
// `plainNumbers`).
import { sampleDataset } from "./hostile";

export const SAMPLE = sampleDataset();
export const SAMPLE_TEXT = JSON.stringify(SAMPLE, null, 2);

/**
 * A problem item's text with its line and column written without the locale's digit grouping
 * ("line 17,105, column 17" → "line 17105, column 17"), so that tests compare plain numbers.
 */
export function plainNumbers(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^(line|ligne) ([\d,.\u202f\u00a0 ]+?), (column|colonne) ([\d,.\u202f\u00a0 ]+?) · /, (_m, l, a, c, b) =>
      `${l} ${a.replace(/\D/g, "")}, ${c} ${b.replace(/\D/g, "")} · `,
    );
}

export const LINE_COL = /^line \d+, column \d+ · /;
export const MSG = {
  http: (status: number) => new RegExp(`The server responded with status ${status}\\.`),
  network: /The server could not be reached\./,
  notJson: /The data file is not valid JSON\./,
  invalid: /The data file contains errors\./,
  format: /This data format is newer than this version of the atlas\./,
  tooLarge: /The data file is larger than allowed\./,
};

/** A text with `needle` replaced (once), failing loudly if the sample changed. */
export function replaced(text: string, needle: string, replacement: string): string {
  if (!text.includes(needle)) throw new Error(`sample dataset no longer contains ${needle}`);
  return text.replace(needle, replacement);
}

export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, i).split("\n").length;
}

export type BadFile = {
  name: string;
  body: () => string | Buffer;
  summary: RegExp;
  /** Expected problem items (each must match one item). */
  problems?: RegExp[];
  contentType?: string;
};

export const trailingComma = replaced(SAMPLE_TEXT, `"inset_placement": "left"`, `"inset_placement": "left",`);
export const unknownField = replaced(SAMPLE_TEXT, `"publisher": "Health Regions Atlas",`, `"publisher": "Health Regions Atlas",\n    "colour": "red",`);
export const wrongType = replaced(SAMPLE_TEXT, `"population",`, `"population",\n      "per_capita": "yes",`);
export const dangling = (() => {
  const d = structuredClone(SAMPLE);
  d.places[2].region = "99";
  d.funding[0].source = "nowhere";
  return JSON.stringify(d, null, 2);
})();
export const version2 = replaced(SAMPLE_TEXT, `"format": 1,`, `"format": 2,`);

export const BAD_FILES: BadFile[] = [
  {
    name: "truncated body (first half of the JSON)",
    body: () => SAMPLE_TEXT.slice(0, Math.floor(SAMPLE_TEXT.length / 2)),
    summary: MSG.invalid,
    problems: [/^line \d+, column \d+ · .* — EOF while parsing/],
  },
  {
    name: "HTML instead of JSON",
    body: () => "<!doctype html><html><head><title>Welcome</title></head><body><script>__xss('html')</script>Hello</body></html>",
    contentType: "text/html; charset=utf-8",
    summary: MSG.notJson,
    problems: [/\(document\) — the file is HTML or XML, not JSON/],
  },
  // The summary follows the problem's kind: an empty body is not JSON at all.
  { name: "an empty body", body: () => "", summary: MSG.notJson, problems: [/\(document\) — the file is empty/] },
  {
    name: "invalid JSON: trailing comma",
    body: () => trailingComma,
    summary: MSG.invalid,
    problems: [new RegExp(`^line ${lineOf(trailingComma, `"inset_placement": "left",`) + 1}, column \\d+ · .*trailing comma`)],
  },
  {
    name: "schema: unknown field",
    body: () => unknownField,
    summary: MSG.invalid,
    problems: [new RegExp(`^line ${lineOf(unknownField, `"colour"`)}, column \\d+ · metadata(\\.colour)? — unknown field \`colour\``)],
  },
  {
    name: "schema: wrong type",
    body: () => wrongType,
    summary: MSG.invalid,
    problems: [new RegExp(`^line ${lineOf(wrongType, `"per_capita": "yes"`)}, column \\d+ · indicators\\[0\\]\\.per_capita — invalid type: string "yes", expected a boolean`)],
  },
  {
    name: "schema: dangling references (every problem listed)",
    body: () => dangling,
    summary: MSG.invalid,
    problems: [
      /^line \d+, column \d+ · places\[2\]\.region — no region has the id "99"/,
      /^line \d+, column \d+ · funding\[0\]\.source — no source has the id "nowhere"/,
    ],
  },
  {
    name: "unsupported format version 2",
    body: () => version2,
    summary: MSG.format,
    problems: [new RegExp(`^line ${lineOf(version2, `"format": 2`)}, column \\d+ · format — unsupported format version 2`)],
  },
  {
    name: "deeply nested arrays (100,000 [)",
    body: () => "[".repeat(100_000) + "]".repeat(100_000),
    summary: /./,
    problems: [/./],
  },
  {
    name: "deeply nested arrays inside an object with an unsupported format",
    body: () => `{"format": 2, "x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    summary: MSG.format,
  },
  {
    name: "deeply nested objects (50,000 {\"a\":)",
    body: () => '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000),
    summary: /./,
    problems: [/./],
  },
  { name: "JSON null", body: () => "null", summary: /./, problems: [/./] },
  { name: "a JSON array", body: () => "[]", summary: /./, problems: [/./] },
  { name: "a JSON string", body: () => JSON.stringify(SAMPLE_TEXT), summary: /./, problems: [/./] },
  {
    name: "a number out of range (1e309)",
    body: () => replaced(SAMPLE_TEXT, `"value": 384160`, `"value": 1e309`),
    summary: MSG.invalid,
    problems: [/^line \d+, column \d+ · indicators\[0\]\.values\[0\]\.value — /],
  },
  {
    name: "NaN literal",
    body: () => replaced(SAMPLE_TEXT, `"value": 384160`, `"value": NaN`),
    summary: MSG.invalid,
    problems: [LINE_COL],
  },
  {
    name: "a lone surrogate in a name",
    body: () => replaced(SAMPLE_TEXT, `"fr": "Guadeloupe"`, `"fr": "Guadeloupe\\ud800"`),
    summary: MSG.invalid,
    problems: [/^line \d+, column \d+ · regions\[0\]\.name\.fr — /],
  },
  {
    name: "a control character in a name",
    body: () => replaced(SAMPLE_TEXT, `"fr": "Guadeloupe"`, `"fr": "Guadeloupe\\u0000\\u001b[31m"`),
    summary: MSG.invalid,
    problems: [/^line \d+, column \d+ · regions\[0\]\.name\.fr — contains control characters/],
  },
  {
    name: "a duplicate key",
    body: () => replaced(SAMPLE_TEXT, `"format": 1,`, `"format": 1,\n  "format": 1,`),
    summary: MSG.invalid,
    problems: [/^line \d+, column \d+ · .*duplicate field `format`/],
  },
  {
    name: "trailing garbage after the document",
    body: () => SAMPLE_TEXT + "\n<script>__xss('tail')</script>",
    summary: MSG.invalid,
    problems: [/^line \d+, column \d+ · \(document\) — unexpected text after the end of the JSON document/],
  },
];
