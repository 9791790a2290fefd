// The feed builders: whatever a title or summary holds, the XML stays valid and a real feed
// parser reads back exactly the text (minus characters XML 1.0 cannot carry).
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { SITEMAP_MAX_URLS, sitemapIndexXml, sitemapUrls, splitSitemap, urlsetXml } from "@/lib/feeds/sitemap";
import { atom, type FeedChannel, rss } from "@/lib/feeds/xml";

const channel = (title: string, summary: string): FeedChannel => ({
  title: "晋团要讯",
  description: "共青团山西省委编印",
  home: "https://example.org/jtyx",
  self: "https://example.org/jtyx/feed.xml",
  items: [
    { title, url: "https://example.org/jtyx/2022/3?a=1&b=2", date: "2022-03-25", summary, category: "晋团要讯", author: "共青团山西省委" },
    {
      title: "较早的一期",
      url: "https://example.org/jtyx/2022/2",
      date: "2022-02-10",
      summary: "摘要",
      category: "晋团要讯",
      author: "共青团山西省委",
    },
  ],
});

describe.each([
  ["RSS 2.0", rss],
  ["Atom", atom],
] as const)("%s", (_name, build) => {
  it("escapes markup and drops control characters", async () => {
    const xml = build(channel("“双减”<b>落实</b> & 成效\u0001", "正文 <script>alert(1)</script> & “引号”\u000b"));
    const feed = await new Parser().parseString(xml);
    expect(feed.items[0]!.title).toBe("“双减”<b>落实</b> & 成效");
    expect(feed.items[0]!.link).toBe("https://example.org/jtyx/2022/3?a=1&b=2");
    expect(feed.items[0]!.contentSnippet ?? feed.items[0]!.summary).toContain("正文 <script>alert(1)</script> & “引号”");
    expect(xml).not.toMatch(/[\u0001\u000b]/);
  });

  it("dates an issue at midnight in China and the feed by its newest issue", async () => {
    const xml = build(channel("标题", "摘要"));
    const feed = await new Parser().parseString(xml);
    expect(feed.items.map((i) => i.isoDate)).toEqual(["2022-03-24T16:00:00.000Z", "2022-02-09T16:00:00.000Z"]);
    expect(xml).toMatch(/Thu, 24 Mar 2022 16:00:00 GMT|2022-03-24T16:00:00.000Z<\/updated>/);
  });
});

describe("sitemap", () => {
  it("lists home, series, years and issues with the newest date of each", async () => {
    const urls = sitemapUrls(
      "https://example.org",
      ["jtyx", "empty"],
      [
        { seriesId: "jtyx", year: 2022, number: 3, supplement: false, date: "2022-03-25" },
        { seriesId: "jtyx", year: 2023, number: 1, supplement: true, date: "2023-05-04" },
      ],
    );
    expect(urls).toEqual([
      { loc: "https://example.org/" },
      { loc: "https://example.org/jtyx", lastmod: "2023-05-04" },
      { loc: "https://example.org/jtyx/2022", lastmod: "2022-03-25" },
      { loc: "https://example.org/jtyx/2023", lastmod: "2023-05-04" },
      { loc: "https://example.org/jtyx/2022/3", lastmod: "2022-03-25" },
      { loc: "https://example.org/jtyx/2023/zk1", lastmod: "2023-05-04" },
    ]);
  });

  it("becomes an index of files of at most 50,000 URLs past that size", async () => {
    const issues = Array.from({ length: 60_000 }, (_, k) => ({
      seriesId: "jtyx",
      year: 2000 + (k % 20),
      number: Math.floor(k / 20) + 1,
      supplement: false,
      date: `${2000 + (k % 20)}-01-01`,
    }));
    const parts = splitSitemap(sitemapUrls("https://example.org", ["jtyx"], issues));
    expect(parts.map((p) => p.length)).toEqual([SITEMAP_MAX_URLS, 60_000 + 1 + 1 + 20 - SITEMAP_MAX_URLS]);
    const index = sitemapIndexXml("https://example.org", parts);
    expect(index).toContain("<sitemapindex");
    expect([...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual([
      "https://example.org/sitemap/1.xml",
      "https://example.org/sitemap/2.xml",
    ]);
    expect(index).toContain("<lastmod>2019-01-01</lastmod>");
    expect((urlsetXml(parts[0]!).match(/<url>/g) ?? []).length).toBe(SITEMAP_MAX_URLS);
  });
});
