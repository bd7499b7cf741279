// The map's downloads, as a reader gets them: the SVG is well-formed XML with every region of
// the dataset, the legend and the source; the CSV has one row per region with its source; the
// PNG is the SVG's size at twice the density; the dark theme exports dark colours.
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";

const DIST = process.env.E2E_DIST ?? "dist";
const SAMPLE = JSON.parse(readFileSync(path.join(DIST, "data", "atlas.json"), "utf8"));
const REGION_IDS: string[] = SAMPLE.regions.map((r: { id: string }) => r.id);

async function download(page: Page, button: Locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const where = await file.path();
  expect(where, "the download finished").toBeTruthy();
  return { name: file.suggestedFilename(), bytes: await readFile(where as string) };
}

/** Parses `text` as XML in the page; the parser error's text when it is not well-formed. */
async function parseSvg(page: Page, text: string) {
  return page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    const error = doc.querySelector("parsererror");
    return {
      error: error?.textContent ?? null,
      root: doc.documentElement.localName,
      width: Number(doc.documentElement.getAttribute("width")),
      height: Number(doc.documentElement.getAttribute("height")),
      regions: [...doc.querySelectorAll("path[data-region]")].map((p) => p.getAttribute("data-region")),
      legendCounts: [...doc.querySelectorAll("[data-count]")].map((g) => Number(g.getAttribute("data-count"))),
      text: doc.documentElement.textContent ?? "",
    };
  }, text);
}

test.describe("map downloads", () => {
  test("SVG: every region, the legend with its counts, the title and the source", async ({ atlas, page }) => {
    await atlas.goto("/?lang=fr");
    const { name, bytes } = await download(page, page.getByTestId("map-download-svg"));
    expect(name).toMatch(/\.svg$/);
    const svg = await parseSvg(page, bytes.toString("utf8"));
    expect(svg.error, "well-formed").toBeNull();
    expect(svg.root).toBe("svg");
    expect([...svg.regions].sort()).toEqual([...REGION_IDS].sort());
    // The legend counts every region once: in a class or without data.
    expect(svg.legendCounts.reduce((a, b) => a + b, 0)).toBe(REGION_IDS.length);
    // Titled by the indicator the picker shows.
    const indicator = (await page.getByTestId("indicator-picker").locator("option:checked").textContent())!.trim();
    expect(indicator.length).toBeGreaterThan(0);
    expect(svg.text).toContain(indicator);
    expect(svg.text).toContain("Source");
  });

  test("CSV: one row per region, each with its source", async ({ atlas, page }) => {
    await atlas.goto("/?lang=en");
    const { name, bytes } = await download(page, page.getByTestId("map-download-csv"));
    expect(name).toMatch(/\.csv$/);
    const text = bytes.toString("utf8");
    expect(text.startsWith("\uFEFF"), "a BOM for spreadsheets").toBe(true);
    const lines = text.slice(1).split("\r\n").filter((l) => l.length > 0);
    expect(lines[0]).toMatch(/^# /);
    expect(lines[1]).toBe("Code,Region,Value,Value as shown,Class,Year,Source");
    const rows = lines.slice(2);
    expect(rows).toHaveLength(REGION_IDS.length);
    const ids = rows.map((r) => r.split(",")[0]);
    expect([...ids].sort()).toEqual([...REGION_IDS].sort());
    for (const row of rows) {
      // A region with a figure names its source in the last column.
      const hasValue = row.split(",")[2] !== "";
      if (hasValue) expect(row, "a source on every figure").toMatch(/,[^,]+$/);
    }
  });

  test("PNG: the SVG's size at twice the density", async ({ atlas, page }) => {
    await atlas.goto("/");
    const svgFile = await download(page, page.getByTestId("map-download-svg"));
    const svg = await parseSvg(page, svgFile.bytes.toString("utf8"));
    const png = await download(page, page.getByTestId("map-download-png"));
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect(png.bytes.readUInt32BE(16)).toBe(Math.round(svg.width * 2));
    expect(png.bytes.readUInt32BE(20)).toBe(Math.round(svg.height * 2));
  });

  test("the dark theme exports the dark map, and the classes picked are the ones exported", async ({ atlas, page }) => {
    await atlas.goto("/?theme=light&classes=equal");
    const light = (await download(page, page.getByTestId("map-download-svg"))).bytes.toString("utf8");
    await atlas.goto("/?theme=dark&classes=equal");
    const dark = (await download(page, page.getByTestId("map-download-svg"))).bytes.toString("utf8");
    expect(dark).not.toBe(light);
    // The exported classes are the map's: the same fill per region as on screen.
    const onScreen = await page.locator('[data-testid="map-regions"] path[data-region]').evaluateAll((ps) =>
      Object.fromEntries(ps.map((p) => [p.getAttribute("data-region"), getComputedStyle(p).fill])),
    );
    const exported = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      const probe = document.createElementNS("http://www.w3.org/2000/svg", "path");
      document.body.append(probe);
      const out: Record<string, string> = {};
      for (const p of doc.querySelectorAll("path[data-region]")) {
        const fill = p.getAttribute("fill") ?? "";
        probe.setAttribute("fill", fill);
        out[p.getAttribute("data-region") ?? ""] = fill.startsWith("url(") ? "pattern" : getComputedStyle(probe).fill;
      }
      probe.remove();
      return out;
    }, dark);
    for (const [id, fill] of Object.entries(exported)) {
      if (fill === "pattern") expect(onScreen[id], `${id} has no data on screen either`).toMatch(/url\(/);
      else expect(onScreen[id], `${id}'s colour`).toBe(fill);
    }
  });
});
