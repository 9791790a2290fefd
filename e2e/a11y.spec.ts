// Accessibility: axe-core finds no serious or critical violation on the pages readers use.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = [
  "/",
  "/jtyx",
  "/jtyx/2022",
  "/jtyx/2022/3",
  "/jtyx/2023/5",
  "/jtyx/2022/3/print",
  "/issues",
  `/org/${encodeURIComponent("省委办公厅")}`,
  `/search?q=${encodeURIComponent("长治")}`,
  "/search",
];

for (const url of PAGES) {
  test(`${url} has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(url);
    if (url.endsWith("/print")) await page.waitForSelector(".jb-official[data-paginated]");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const bad = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(", ")}`,
      );
    expect(bad).toEqual([]);
  });
}
