// GET /sitemap/N.xml: the Nth 50,000 URLs of the sitemap, when the archive needs more than one file.
import { SITEMAP_HEADERS, urlsetXml } from "@/lib/feeds/sitemap";
import { sitemapParts } from "@/lib/feeds/sitemap-parts";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ part: string }> }) {
  const match = /^([1-9]\d{0,3})\.xml$/.exec((await params).part);
  if (!match) return new Response("Not Found", { status: 404 });
  const { parts } = await sitemapParts(request);
  const part = parts.length > 1 ? parts[Number(match[1]) - 1] : undefined;
  if (!part) return new Response("Not Found", { status: 404 });
  return new Response(urlsetXml(part), { headers: SITEMAP_HEADERS });
}
