// GET /robots.txt: the archive is for reading and finding; the studio, the API and the font
// subsets are not pages.
import { siteOrigin } from "@/lib/feeds/origin";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const origin = siteOrigin(request);
  const text = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /studio",
    "Disallow: /api/",
    "Disallow: /font-subsets/",
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(text, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
