// axe-core on a page: the serious and critical WCAG 2.1 A/AA violations, one line each. The
// studio's preview frame is left out: it is the print layout, checked as the public /print page.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude("[data-testid=preview-iframe]")
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}
