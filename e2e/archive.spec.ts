// The public archive as a reader meets it: home, series, issue reading view, 404s, and what
// anonymous readers must never see.
import { expect, test } from "@playwright/test";

const SAMPLE_TITLE = "团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展";

test("home lists the sample issue and leads to its reading view", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/简报/);
  const link = page.getByRole("link", { name: new RegExp(`〔2022〕第3期.*${SAMPLE_TITLE}`) });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/jtyx\/2022\/3$/);

  await expect(page.getByTestId("series-name")).toHaveText("晋团要讯");
  await expect(page.getByTestId("issue-line")).toHaveText("〔2022〕第3期");
  await expect(page.getByTestId("organization")).toHaveText("共青团山西省委");
  await expect(page.getByTestId("issue-date")).toHaveText("2022年3月25日");
  await expect(page.getByRole("heading", { level: 1, name: SAMPLE_TITLE })).toBeVisible();

  const body = page.getByTestId("issue-body");
  await expect(body.locator("p")).toHaveCount(5);
  await expect(body.locator("p").first()).toContainText("交出新时代少先队工作的“长治答卷”。");
  await expect(body.getByText("一、始终在把牢政治方向上履行全团带队职责。", { exact: true })).toBeVisible();
  // Sentences the printed copy broke across pages are whole again.
  await expect(body).toContainText("市教育局牵头负责，相关职能部门");
  await expect(body.locator("strong", { hasText: "一是" })).toHaveCount(3);

  await expect(page.getByTestId("distribution-report")).toHaveText(
    "报：省委办公厅，省人大办公厅，省政府办公厅，省政协办公厅，团中央办公厅",
  );
  await expect(page.getByTestId("distribution-send")).toHaveText("送：省直有关单位，各市党委政府，团省委班子成员");
  await expect(page.getByTestId("distribution-issue")).toHaveText("发：市级团委，团省委机关各部门、直属事业单位");
  await expect(page.getByTestId("editor")).toHaveText("责任编辑：赵\u3000坚");

  await expect(page.getByRole("link", { name: "正式版式" })).toHaveAttribute("href", "/jtyx/2022/3/print");
  await expect(page.getByRole("link", { name: "打印" })).toHaveAttribute("href", "/jtyx/2022/3/print?print=1");
});

test("the series page indexes issues by year", async ({ page }) => {
  await page.goto("/jtyx");
  await expect(page.getByRole("heading", { level: 1, name: "晋团要讯" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "年份" }).getByRole("link", { name: /^2022年（\d+期）$/ })).toBeVisible();
  await page.getByRole("link", { name: /^2022年（\d+期）$/ }).click();
  await expect(page).toHaveURL(/\/jtyx\/2022$/);
  await expect(page.getByRole("link", { name: new RegExp(SAMPLE_TITLE) })).toBeVisible();
});

test("the reading view fits a phone screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/jtyx/2022/3");
  await expect(page.getByTestId("series-name")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const fontSize = await page
    .getByTestId("issue-body")
    .locator("p")
    .first()
    .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(16);
});

test("unknown series and issues get a friendly 404", async ({ page }) => {
  for (const url of ["/nosuch", "/jtyx/1999", "/jtyx/2022/99", "/jtyx/2022/99/print", "/jtyx/2022/abc"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "没有找到这一页" })).toBeVisible();
  }
});

test("internal issues are invisible to anonymous readers", async ({ page, request }) => {
  for (const url of ["/", "/jtyx", "/jtyx/2021"]) {
    const res = await request.get(url);
    expect(await res.text(), url).not.toContain("关于团干部队伍建设情况的内部通报");
  }
  for (const url of ["/jtyx/2021/7", "/jtyx/2021/7/print"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.locator("body")).not.toContainText("仅供内部传阅");
  }
});

test("a broken file is skipped and the rest of the archive keeps working", async ({ page, request }) => {
  const health = await (await request.get("/api/health")).json();
  expect(health.status).toBe("ok");
  expect(health.brokenFiles).toBeGreaterThanOrEqual(1);
  expect(health.issues).toBeGreaterThanOrEqual(1);
  expect((await page.goto("/jtyx/2021/8"))?.status()).toBe(404);
  await page.goto("/jtyx");
  await expect(page.getByRole("link", { name: new RegExp(SAMPLE_TITLE) })).toBeVisible();
});

test("pictures stored beside an issue show on its page and in print; an internal issue's do not leak", async ({ page, request }) => {
  await page.goto("/jtyx/2021/10");
  const figure = page.getByTestId("issue-body").getByRole("img", { name: "成果展现场" });
  await expect(figure).toHaveAttribute("src", "/jtyx/2021/10/media/image-1.png");
  await expect.poll(() => figure.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

  await page.goto("/jtyx/2021/10/print");
  const printed = page.locator("[data-sheets] img");
  await expect(printed).toHaveCount(1);
  await expect.poll(() => printed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

  const image = await request.get("/jtyx/2021/10/media/image-1.png");
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");
  // Only pictures, only by plain names, only of issues the reader may see.
  for (const url of [
    "/jtyx/2021/7/media/image-1.png",
    "/jtyx/2021/10/media/..%2F010.mdx",
    "/jtyx/2021/10/media/010.mdx",
    "/jtyx/2021/10/media/missing.png",
    "/jtyx/2021/8/media/image-1.png",
  ]) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
});
