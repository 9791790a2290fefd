// The site's public origin for absolute links (feeds, sitemap, canonical URLs): SITE_URL when the
// operator sets it (behind a proxy the request's own origin may be an internal one), otherwise
// the origin the request came to.

/** Open Graph fields every page shares (Next replaces, not merges, a page's openGraph). */
export const OPEN_GRAPH_SITE = { siteName: "简报", locale: "zh_CN" } as const;

/** The archive's feeds, linked from every page (likewise replaced by a page's own alternates). */
export const SITE_FEEDS = {
  "application/rss+xml": [{ url: "/feed.xml", title: "简报 · RSS" }],
  "application/atom+xml": [{ url: "/atom.xml", title: "简报 · Atom" }],
};
import { env } from "@/lib/env";

export function siteOrigin(request?: Request): string {
  const configured = env().SITE_URL;
  if (configured) return new URL(configured).origin;
  if (request) {
    // Next hands route handlers a URL on its own listening host; the reader asked for this one.
    const url = new URL(request.url);
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
    return host ? `${proto}://${host}` : url.origin;
  }
  return `http://localhost:${env().PORT}`;
}
