// The site's public origin for absolute links (feeds, sitemap, canonical and Open Graph URLs):
// SITE_URL when the operator sets it (behind a proxy the request's own origin may be an internal
// one), otherwise the Host the reader asked for.
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/** Open Graph fields every page shares (Next replaces, not merges, a page's openGraph). */
export const OPEN_GRAPH_SITE = { siteName: "简报", locale: "zh_CN" } as const;

/** The archive's feeds, linked from every page (likewise replaced by a page's own alternates). */
export const SITE_FEEDS = {
  "application/rss+xml": [{ url: "/feed.xml", title: "简报 · RSS" }],
  "application/atom+xml": [{ url: "/atom.xml", title: "简报 · Atom" }],
};

type HeaderReader = { get(name: string): string | null };

/** From a request's headers; `fallback` when they name no host (e.g. "http:" and the listening origin). */
export function originFromHeaders(
  headers: HeaderReader,
  fallback: { protocol: string; origin: string } = { protocol: "http:", origin: `http://localhost:${env().PORT}` },
): string {
  const configured = env().SITE_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto") ?? fallback.protocol.replace(":", "");
  return host ? `${proto}://${host}` : fallback.origin;
}

/** For route handlers: Next hands them a URL on its own listening host, not the one the reader asked for. */
export function siteOrigin(request: Request): string {
  return originFromHeaders(request.headers, new URL(request.url));
}

/** For pages, which have no Request object: the same rule, read from next/headers. */
export async function pageOrigin(): Promise<URL> {
  return new URL(originFromHeaders(await headers()));
}
