// Browsing beyond the series pages: 上一期/下一期 on every issue page (skipping what readers may
// not see), and the list of all issues.
import { expect, test } from "@playwright/test";

test("an issue links to the issues before and after it in its series, never to an internal one", async ({ page }) => {
  await page.goto("/jtyx/2022/3");
  const nav = page.getByRole("navigation", { name: "上一期和下一期" });
  await expect(nav.getByRole("link", { name: /上一期 · 〔2021〕第10期/ })).toHaveAttribute("href", "/jtyx/2021/10");
  await expect(nav.getByRole("link", { name: /下一期 · 〔2023〕增刊第1期/ })).toHaveAttribute("href", "/jtyx/2023/zk1");
  await nav.getByRole("link", { name: /下一期/ }).click();
  await expect(page).toHaveURL(/\/jtyx\/2023\/zk1$/);
  await expect(page.getByRole("navigation", { name: "上一期和下一期" }).getByRole("link", { name: /上一期 · 〔2022〕第3期/ })).toBeVisible();

  // The oldest public issue has no 上一期: the internal 第7期 before it is not offered.
  await page.goto("/jtyx/2021/9");
  const first = page.getByRole("navigation", { name: "上一期和下一期" });
  await expect(first.getByRole("link", { name: /上一期/ })).toHaveCount(0);
  await expect(first.getByRole("link", { name: /下一期 · 〔2021〕第10期/ })).toBeVisible();
});

test("all issues: every public issue of every series, newest first, reached from the header", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "档案" }).getByRole("link", { name: "全部简报" }).click();
  await expect(page).toHaveURL(/\/issues$/);
  const health = await (await request.get("/api/health")).json();
  await expect(page.getByText(`共 ${health.issues} 期 · 第 1 / 1 页`)).toBeVisible();
  const items = page.getByTestId("issue-list").getByRole("listitem");
  await expect(items).toHaveCount(health.issues);
  await expect(items.first()).toContainText("青年工作信息");
  await expect(page.getByTestId("issue-list")).not.toContainText("内部通报");
  for (const bad of ["/issues?page=2", "/issues?page=0", "/issues?page=abc"]) expect((await request.get(bad)).status(), bad).toBe(404);
});
