// GET /sitemap.xml: every public page of the archive (home, series, years, issues). Internal and
// draft issues are never listed.
import { listSeries, publicIssueKeys } from "@/db/queries/archive";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { escapeXml } from "@/lib/feeds/xml";
import { siteOrigin } from "@/lib/feeds/origin";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const origin = siteOrigin(request);
  const [series, issues] = await Promise.all([listSeries(), publicIssueKeys()]);
  const urls: { loc: string; lastmod?: string }[] = [{ loc: `${origin}/` }];
  const years = new Map<string, string>();
  for (const i of issues) {
    const key = `/${i.seriesId}/${i.year}`;
    if ((years.get(key) ?? "") < i.date) years.set(key, i.date);
  }
  for (const s of series) {
    const dates = issues.filter((i) => i.seriesId === s.id).map((i) => i.date);
    if (dates.length > 0) urls.push({ loc: `${origin}/${s.id}`, lastmod: dates.sort().at(-1) });
  }
  for (const [path, lastmod] of years) urls.push({ loc: `${origin}${path}`, lastmod });
  for (const i of issues) urls.push({ loc: `${origin}${issueUrl(keyOfRow(i))}`, lastmod: i.date });
  const body = urls.map((u) => `  <url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ""}</url>`).join("\n");
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
