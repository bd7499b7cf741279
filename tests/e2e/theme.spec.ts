// The colour theme follows the system live: with `theme=auto`, an open page restyles when the
// operating system switches between light and dark, without a reload; a fixed theme does not.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";

/** Relative luminance (0 dark … 1 light) of the page background. */
const background = (page: Page) =>
  page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+(\.\d+)?/g)!.map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });

const fillOf = (page: Page, id: string) => page.locator(`path.region-shape[data-region="${id}"]`).getAttribute("fill");

test.describe("theme=auto", () => {
  test.use({ colorScheme: "light" });

  test("restyles an open page when the system switches to dark, and back to light", async ({ atlas, page }) => {
    await atlas.goto("/?theme=auto");
    const root = page.locator("html");
    await expect(root).toHaveAttribute("data-theme", "light");
    expect(await background(page)).toBeGreaterThan(0.7);
    const lightFill = await fillOf(page, "28");
    // A marker on the document: a reload would drop it.
    await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));

    await page.emulateMedia({ colorScheme: "dark" });
    await expect(root).toHaveAttribute("data-theme", "dark");
    await expect.poll(() => background(page)).toBeLessThan(0.3);
    // The map's fills come from the palette of the theme, so they follow as well.
    await expect.poll(() => fillOf(page, "28")).not.toBe(lightFill);

    await page.emulateMedia({ colorScheme: "light" });
    await expect(root).toHaveAttribute("data-theme", "light");
    await expect.poll(() => background(page)).toBeGreaterThan(0.7);
    await expect.poll(() => fillOf(page, "28")).toBe(lightFill);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});

test.describe("a fixed theme", () => {
  test.use({ colorScheme: "dark" });

  test("ignores the system switching", async ({ atlas, page }) => {
    await atlas.goto("/?theme=light");
    const root = page.locator("html");
    await expect(root).toHaveAttribute("data-theme", "light");
    await page.emulateMedia({ colorScheme: "light" });
    await page.emulateMedia({ colorScheme: "dark" });
    // Give a listener the time to act: nothing changes.
    await page.waitForTimeout(300);
    await expect(root).toHaveAttribute("data-theme", "light");
    expect(await background(page)).toBeGreaterThan(0.7);
  });
});
