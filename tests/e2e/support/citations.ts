// Citation markers: a figure names its source with one number that links to the page's source
// list. A marker "resolves" when its link lands on exactly one entry of that list, the entry is
// the marker's number in the (ordered) list, and both the entry and the marker's accessible name
// name the expected source.
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `figure` has exactly one source marker (not counting nested figures' markers when `own`
 * selects them), and it resolves to a source-list entry containing each of `expected`. */
export async function expectCites(page: Page, marker: Locator, ...expected: string[]) {
  await expect(marker, "one source marker").toHaveCount(1);
  await expect(marker).toHaveText(/^\d+$/);
  const number = Number((await marker.textContent())!.trim());
  const href = (await marker.getAttribute("href"))!;
  expect(href, "links to the source list").toMatch(/^#source-/);
  const entry = page.getByTestId("source-list").locator(`li${href}`);
  await expect(entry, `${href} is in the source list`).toHaveCount(1);
  const position = await entry.evaluate((li) => [...li.parentElement!.children].indexOf(li) + 1);
  expect(number, "the marker's number is its entry's position").toBe(position);
  for (const text of expected) {
    await expect(entry).toContainText(text);
    await expect(marker).toHaveAccessibleName(new RegExp(`^${number} — .*${escapeRegExp(text)}`));
  }
}

/** The marker of `scope` itself, outside the figures nested in it. */
export const ownMarker = (scope: Locator) => scope.locator(':scope > [data-testid="source-mark"], :scope > .cite > [data-testid="source-mark"]');
/** Every marker inside `scope`. */
export const markers = (scope: Locator) => scope.getByTestId("source-mark");
