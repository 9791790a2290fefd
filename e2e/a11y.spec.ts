// Accessibility: axe-core finds no serious or critical violation on the pages readers use.
import { expect, test } from "@playwright/test";
import { violations } from "./lib/axe";

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
    expect(await violations(page)).toEqual([]);
  });
}
