// GET /sitemap/N.xml: the Nth 50,000 URLs of the sitemap, when the archive needs more than one file.
import { listSeries, publicIssueKeys } from "@/db/queries/archive";
import { siteOrigin } from "@/lib/feeds/origin";
import { SITEMAP_HEADERS, sitemapUrls, splitSitemap, urlsetXml } from "@/lib/feeds/sitemap";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ part: string }> }) {
  const match = /^([1-9]\d{0,3})\.xml$/.exec((await params).part);
  if (!match) return new Response("Not Found", { status: 404 });
  const origin = siteOrigin(request);
  const [series, issues] = await Promise.all([listSeries(), publicIssueKeys()]);
  const parts = splitSitemap(sitemapUrls(origin, series.map((s) => s.id), issues));
  const part = parts.length > 1 ? parts[Number(match[1]) - 1] : undefined;
  if (!part) return new Response("Not Found", { status: 404 });
  return new Response(urlsetXml(part), { headers: SITEMAP_HEADERS });
}
