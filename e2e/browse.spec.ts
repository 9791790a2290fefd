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
  await expect(
    page.getByRole("navigation", { name: "上一期和下一期" }).getByRole("link", { name: /上一期 · 〔2022〕第3期/ }),
  ).toBeVisible();

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
  // Newest first, both series mixed: read off the dates rather than expecting a given issue on
  // top, which would hold only while no spec that publishes has run before this one.
  const dates = (await items.allTextContents()).map((t) =>
    /(\d{4})年(\d{1,2})月(\d{1,2})日/
      .exec(t)!
      .slice(1)
      .map((n) => n.padStart(2, "0"))
      .join("-"),
  );
  expect(dates).toEqual([...dates].sort().reverse());
  await expect(items.filter({ hasText: "青年工作信息" }).first()).toBeVisible();
  await expect(items.filter({ hasText: "晋团要讯" }).first()).toBeVisible();
  await expect(page.getByTestId("issue-list")).not.toContainText("内部通报");
  for (const bad of ["/issues?page=2", "/issues?page=0", "/issues?page=abc"]) expect((await request.get(bad)).status(), bad).toBe(404);
});

test("a body named in the 版记 has a page: issues it issued, was sent, or is mentioned in", async ({ page, request }) => {
  await page.goto("/jtyx/2022/3");
  await page.getByTestId("distribution-report").getByRole("link", { name: "省委办公厅" }).click();
  await expect(page).toHaveURL(/\/org\/%E7%9C%81%E5%A7%94%E5%8A%9E%E5%85%AC%E5%8E%85$/);
  await expect(page.getByRole("heading", { level: 1, name: "省委办公厅" })).toBeVisible();
  const received = page.getByTestId("org-received");
  await expect(received.getByRole("link", { name: /〔2022〕第3期 · 2022年3月25日 · 报/ })).toBeVisible();
  await expect(received).not.toContainText("内部通报");

  await page.goto(`/org/${encodeURIComponent("共青团山西省委")}`);
  await expect(page.getByTestId("org-issued").getByRole("link", { name: /团长治市委认真履行全团带队职责/ })).toBeVisible();

  await page.goto(`/org/${encodeURIComponent("团运城市委")}`);
  await expect(page.getByTestId("org-mentioned").getByRole("link", { name: /〔2023〕第5期/ })).toBeVisible();

  expect((await request.get(`/org/${encodeURIComponent("不存在的单位")}`)).status()).toBe(404);
});
