// GET /sitemap.xml: every public page of the archive (home, series, years, issues); past 50,000
// URLs, a sitemap index of /sitemap/N.xml. Internal and draft issues are never listed.
import { SITEMAP_HEADERS, sitemapIndexXml, urlsetXml } from "@/lib/feeds/sitemap";
import { sitemapParts } from "@/lib/feeds/sitemap-parts";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { origin, parts } = await sitemapParts(request);
  const xml = parts.length <= 1 ? urlsetXml(parts[0] ?? []) : sitemapIndexXml(origin, parts);
  return new Response(xml, { headers: SITEMAP_HEADERS });
}
