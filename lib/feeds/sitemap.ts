// The sitemap's URLs, and how they are split: the protocol allows 50,000 URLs to a file, so a
// larger archive gets a sitemap index at /sitemap.xml pointing to /sitemap/1.xml, /sitemap/2.xml…
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { escapeXml } from "./xml";

export const SITEMAP_MAX_URLS = 50_000;

export type SitemapUrl = { loc: string; lastmod?: string };
type IssueKeyRow = { seriesId: string; year: number; number: number; supplement: boolean; date: string };

/** Home, series, years and issues, each with the date of its newest issue. */
export function sitemapUrls(origin: string, seriesIds: string[], issues: IssueKeyRow[]): SitemapUrl[] {
  const newest = new Map<string, string>();
  const touch = (key: string, date: string) => {
    if ((newest.get(key) ?? "") < date) newest.set(key, date);
  };
  for (const i of issues) {
    touch(`/${i.seriesId}`, i.date);
    touch(`/${i.seriesId}/${i.year}`, i.date);
  }
  const urls: SitemapUrl[] = [{ loc: `${origin}/` }];
  for (const id of seriesIds) if (newest.has(`/${id}`)) urls.push({ loc: `${origin}/${id}`, lastmod: newest.get(`/${id}`) });
  for (const [path, lastmod] of newest) if (path.split("/").length === 3) urls.push({ loc: `${origin}${path}`, lastmod });
  for (const i of issues) urls.push({ loc: `${origin}${issueUrl(keyOfRow(i))}`, lastmod: i.date });
  return urls;
}

export function urlsetXml(urls: SitemapUrl[]): string {
  const body = urls
    .map((u) => `  <url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ""}</url>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

export function sitemapIndexXml(origin: string, parts: SitemapUrl[][]): string {
  const body = parts
    .map((urls, k) => {
      const lastmod = urls.reduce((m, u) => (u.lastmod && u.lastmod > m ? u.lastmod : m), "");
      return `  <sitemap><loc>${escapeXml(`${origin}/sitemap/${k + 1}.xml`)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</sitemap>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
}

export function splitSitemap(urls: SitemapUrl[], max = SITEMAP_MAX_URLS): SitemapUrl[][] {
  const parts: SitemapUrl[][] = [];
  for (let i = 0; i < urls.length; i += max) parts.push(urls.slice(i, i + max));
  return parts;
}

export const SITEMAP_HEADERS = { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300" };
