// The sitemap as /sitemap.xml and /sitemap/N.xml serve it: every public page, split into files
// of at most 50,000 URLs (one file, or an index of several).
import "server-only";
import { listSeries, publicIssueKeys } from "@/db/queries/archive";
import { db } from "@/lib/database";
import { siteOrigin } from "./origin";
import { type SitemapUrl, sitemapUrls, splitSitemap } from "./sitemap";

export async function sitemapParts(request: Request): Promise<{ origin: string; parts: SitemapUrl[][] }> {
  const origin = siteOrigin(request);
  const series = listSeries(db());
  const issues = publicIssueKeys(db());
  return {
    origin,
    parts: splitSitemap(
      sitemapUrls(
        origin,
        series.map((s) => s.id),
        issues,
      ),
    ),
  };
}
