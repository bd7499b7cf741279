// Accessibility scan with axe-core against WCAG 2.0/2.1 levels A and AA.
//
//   const violations = await axeViolations(page);
//   expect(violations, formatViolations(violations)).toEqual([]);
// or simply: await expectNoAxeViolations(page);
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export type AxeViolation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

export async function axeViolations(
  page: Page,
  options: { include?: string[]; exclude?: string[]; disableRules?: string[] } = {},
): Promise<AxeViolation[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of options.include ?? []) builder = builder.include(selector);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  return results.violations;
}

/** One paragraph per violation: rule, impact, what to fix, and every element concerned. */
export function formatViolations(violations: AxeViolation[]): string {
  if (violations.length === 0) return "no accessibility violations";
  return (
    `${violations.length} accessibility violation(s):\n` +
    violations
      .map((v) => {
        const nodes = v.nodes
          .slice(0, 10)
          .map((n) => `      - ${n.target.join(" ")}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}`)
          .join("\n");
        const more = v.nodes.length > 10 ? `\n      … and ${v.nodes.length - 10} more` : "";
        return `  [${v.impact ?? "?"}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
      })
      .join("\n")
  );
}

export async function expectNoAxeViolations(page: Page, options?: Parameters<typeof axeViolations>[1]) {
  const violations = await axeViolations(page, options);
  expect(violations, formatViolations(violations)).toEqual([]);
}
