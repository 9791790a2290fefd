// Feeds, sitemap, robots.txt and the metadata that lets readers and search engines find issues:
// parsed with a real feed parser, and never showing an internal or draft issue.
import { expect, test } from "@playwright/test";
import Parser from "rss-parser";

const parser = new Parser();
const SAMPLE_TITLE = "团长治市委认真履行全团带队职责 多措并举推动少先队工作高质量发展";
const INTERNAL_TITLE = "关于团干部队伍建设情况的内部通报";

for (const path of ["/feed.xml", "/atom.xml"]) {
  test(`${path} lists the newest public issues of every series, newest first`, async ({ request, baseURL }) => {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain(path === "/feed.xml" ? "application/rss+xml" : "application/atom+xml");
    const body = await res.text();
    const feed = await parser.parseString(body);
    expect(feed.title).toBe("简报 · 公开简报档案");
    const sample = feed.items.find((i) => i.title?.includes(SAMPLE_TITLE));
    expect(sample?.title).toBe(`晋团要讯〔2022〕第3期 ${SAMPLE_TITLE}`);
    expect(sample?.link).toBe(`${baseURL}/jtyx/2022/3`);
    expect(new Date(sample!.isoDate!).toISOString()).toBe("2022-03-24T16:00:00.000Z");
    expect(sample?.contentSnippet ?? sample?.summary).toMatch(/^《中共中央关于全面加强新时代少先队工作的意见》/);
    // Several series, newest first; 青年工作信息 shows its 总第N期.
    expect(new Set(feed.items.map((i) => /^(晋团要讯|青年工作信息)/.exec(i.title ?? "")?.[1])).size).toBe(2);
    const dates = feed.items.map((i) => i.isoDate!);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(feed.items.some((i) => /^青年工作信息〔2024〕第1期（总第41期）/.test(i.title ?? ""))).toBe(true);
    expect(body).not.toContain(INTERNAL_TITLE);
  });
}

test("each series has its own feeds; an unknown series has none", async ({ request }) => {
  for (const path of ["/qnxx/feed.xml", "/qnxx/atom.xml"]) {
    const feed = await parser.parseString(await (await request.get(path)).text());
    expect(feed.title, path).toBe("青年工作信息");
    expect(feed.items.length, path).toBeGreaterThan(0);
    expect(
      feed.items.every((i) => i.title?.startsWith("青年工作信息")),
      path,
    ).toBe(true);
  }
  expect((await request.get("/nosuch/feed.xml")).status()).toBe(404);
  const jtyx = await (await request.get("/jtyx/feed.xml")).text();
  expect(jtyx).not.toContain(INTERNAL_TITLE);
});

test("the sitemap lists every public page and no internal one; robots.txt points to it", async ({ request, baseURL }) => {
  const res = await request.get("/sitemap.xml");
  expect(res.status()).toBe(200);
  const xml = await res.text();
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  expect(locs).toContain(`${baseURL}/`);
  expect(locs).toContain(`${baseURL}/jtyx`);
  expect(locs).toContain(`${baseURL}/jtyx/2022`);
  expect(locs).toContain(`${baseURL}/jtyx/2022/3`);
  expect(locs).toContain(`${baseURL}/jtyx/2023/zk1`);
  expect(xml).toContain(`<loc>${baseURL}/jtyx/2022/3</loc><lastmod>2022-03-25</lastmod>`);
  expect(locs).not.toContain(`${baseURL}/jtyx/2021/7`); // internal
  expect(locs).not.toContain(`${baseURL}/jtyx/2021/8`); // broken
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /studio");
  expect(robots).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  // A small archive fits one file: there is no sitemap index and so no parts.
  for (const part of ["/sitemap/1.xml", "/sitemap/abc"]) expect((await request.get(part)).status(), part).toBe(404);
});

test("pages carry lang, a title, a description, a canonical URL, Open Graph tags and feed links", async ({ page, baseURL }) => {
  await page.goto("/jtyx/2022/3");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveTitle(`${SAMPLE_TITLE} · 晋团要讯〔2022〕第3期 · 简报`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /^《中共中央关于全面加强新时代少先队工作的意见》/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/jtyx/2022/3`);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", `${baseURL}/jtyx/2022/3`);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /团长治市委/);
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute("content", "zh_CN");
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", `${baseURL}/feed.xml`);

  await page.goto("/jtyx/2022/3/print");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/jtyx/2022/3`);

  await page.goto("/qnxx");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/qnxx`);
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"][href$="/qnxx/atom.xml"]')).toHaveCount(1);
});
