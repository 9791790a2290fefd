// GET /sitemap.xml: every public page of the archive (home, series, years, issues); past 50,000
// URLs, a sitemap index of /sitemap/N.xml. Internal and draft issues are never listed.
import { listSeries, publicIssueKeys } from "@/db/queries/archive";
import { siteOrigin } from "@/lib/feeds/origin";
import { SITEMAP_HEADERS, sitemapIndexXml, sitemapUrls, splitSitemap, urlsetXml } from "@/lib/feeds/sitemap";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const origin = siteOrigin(request);
  const [series, issues] = await Promise.all([listSeries(), publicIssueKeys()]);
  const parts = splitSitemap(sitemapUrls(origin, series.map((s) => s.id), issues));
  const xml = parts.length <= 1 ? urlsetXml(parts[0] ?? []) : sitemapIndexXml(origin, parts);
  return new Response(xml, { headers: SITEMAP_HEADERS });
}
