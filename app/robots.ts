// /robots.txt: the archive is for reading and finding; the studio, the API and the font subsets
// are not pages. The sitemap is named at the public origin (SITE_URL, else the Host asked for).
import type { MetadataRoute } from "next";
import { pageOrigin } from "@/lib/feeds/origin";

export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await pageOrigin();
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/studio", "/api/", "/font-subsets/"] },
    sitemap: `${origin.origin}/sitemap.xml`,
  };
}
