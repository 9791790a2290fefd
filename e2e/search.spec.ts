// Searching the archive as a reader does: from the header's box, in Chinese, with filters.
import { expect, test } from "@playwright/test";

test("a two-character query from the header finds the issue, marks the matches and leads to it", async ({ page }) => {
  await page.goto("/jtyx/2023/5");
  const box = page.getByRole("search").getByRole("searchbox", { name: "搜索简报" });
  await box.fill("长治");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=%E9%95%BF%E6%B2%BB$/);
  await expect(page.getByTestId("search-summary")).toHaveText(/找到 \d+ 期与「长治」相关的简报/);
  const hits = page.getByTestId("search-hits").getByRole("listitem");
  // The sample has 长治 in its title, so it ranks first.
  const first = hits.first();
  await expect(first).toContainText("晋团要讯〔2022〕第3期 · 2022年3月25日");
  await expect(first.getByRole("heading").locator("mark")).toHaveText(["长治"]);
  await expect(first.getByTestId("search-snippet").locator("mark").first()).toHaveText("长治");
  await first.getByRole("link", { name: /团长治市委认真履行全团带队职责/ }).click();
  await expect(page).toHaveURL(/\/jtyx\/2022\/3$/);
});

test("one character, full-width digits and a series filter", async ({ page }) => {
  await page.goto("/search?q=%E5%9B%A2");
  const hits = page.getByTestId("search-hits").getByRole("listitem");
  const all = await hits.count();
  expect(all).toBeGreaterThan(3);
  await expect(page.getByTestId("search-hits")).toContainText("青年工作信息");

  // The series filter shows how many hits each series has, and narrows to one.
  const series = page.getByLabel("刊物");
  const option = series.locator("option", { hasText: "青年工作信息" });
  const label = await option.textContent();
  const count = Number(/（(\d+)）/.exec(label ?? "")?.[1]);
  expect(count).toBeGreaterThan(0);
  await series.selectOption({ label: label! });
  await page.getByRole("button", { name: "搜索", exact: true }).last().click();
  await expect(page).toHaveURL(/series=qnxx/);
  await expect(hits).toHaveCount(count);
  for (const text of await hits.allTextContents()) expect(text).toContain("青年工作信息");

  // ２０２２年 typed full-width finds what 2022年 finds.
  await page.goto("/search?q=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%92%E5%B9%B4");
  await expect(page.getByTestId("search-hits")).toContainText("〔2022〕第3期");
  await expect(page.getByTestId("search-hits").locator("mark").first()).toHaveText(/2022年/);
});

test("internal issues are never found by an anonymous reader", async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent("仅供内部传阅")}`);
  await expect(page.getByTestId("search-summary")).toHaveText("没有找到与「仅供内部传阅」相关的简报。");
  await expect(page.getByTestId("search-hits")).toHaveCount(0);
});

test("bad queries get a normal page, never an error", async ({ page, request }) => {
  for (const q of ['"', "*", "NEAR(", "OR", '长治" OR "', "团".repeat(2000), "%", "\\"]) {
    const res = await request.get(`/search?q=${encodeURIComponent(q)}`);
    expect(res.status(), `q=${q.slice(0, 12)}… (${q.length} chars)`).toBe(200);
  }
  const odd = await request.get("/search?q=%E5%9B%A2&from=abc&to=1e9&series=..%2F&page=-3&sort=worst");
  expect(odd.status()).toBe(200);

  await page.goto(`/search?q=${"团".repeat(2000)}`);
  await expect(page.getByText("搜索词过长，只按前 100 个字搜索。")).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent('"')}`);
  await expect(page.getByTestId("search-summary")).toHaveText(/没有可搜索的文字/);
  await page.goto("/search");
  await expect(page.getByTestId("search-summary")).toHaveText(/输入关键词/);
  await page.goto("/search?q=%E5%9B%A2&page=99");
  await expect(page.getByText("没有第 99 页了。")).toBeVisible();
});
