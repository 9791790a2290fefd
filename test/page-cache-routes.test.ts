// Every route of app/ is either one the page cache serves (CACHEABLE_ROUTES) or one it leaves to
// Next (SKIP_PATH): a new route in neither fails here, so whether a page may be kept and served to
// the next reader is decided when the route is added, not found out from a reader who saw another's page.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHEABLE_ROUTES, cacheKey } from "@/lib/page-cache.mjs";

const APP = path.resolve(import.meta.dirname, "../app");

/** Metadata files Next serves at a URL of their own, by the name of the file that makes them. */
const METADATA: Record<string, string> = { robots: "robots.txt", sitemap: "sitemap.xml", manifest: "manifest.webmanifest" };

/** The URL pattern of every page, route handler and metadata file under `dir`, route groups left out. */
function appRoutes(dir: string): string[] {
  const routes: string[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const parts = rel.split(path.sep);
    const file = parts.pop()!;
    // (group) folders are not in the URL; _private and @slot folders make no route of their own.
    if (parts.some((p) => p.startsWith("_") || p.startsWith("@"))) continue;
    const segments = parts.filter((p) => !/^\(.*\)$/.test(p));
    const base = `/${segments.join("/")}`;
    const join = (name: string) => (base === "/" ? `/${name}` : `${base}/${name}`);
    const stem = file.replace(/\.[^.]+$/, "");
    if (/^(page|route)\.(tsx?|jsx?|mdx)$/.test(file)) routes.push(base);
    else if (/^(robots|sitemap|manifest)\.(ts|js)$/.test(file)) routes.push(join(METADATA[stem]!));
    else if (/^(robots\.txt|sitemap\.xml|manifest\.(json|webmanifest)|favicon\.ico)$/.test(file)) routes.push(join(file));
    else if (/^(icon|apple-icon|opengraph-image|twitter-image)\d*\.(ico|jpe?g|png|gif|svg)$/.test(file)) routes.push(join(file));
    else if (/^(icon|apple-icon|opengraph-image|twitter-image)\d*\.(tsx?|jsx?)$/.test(file)) routes.push(join(stem));
  }
  return [...new Set(routes)].sort();
}

/** A URL the route answers: each [param] filled with a plain value, a catch-all with two. */
const sampleUrl = (route: string) =>
  route
    .replace(/\/\[\[\.\.\.[^\]]+\]\]/g, "")
    .replace(/\[\.\.\.[^\]]+\]/g, "a/b")
    .replace(/\[[^\]]+\]/g, "x");

/** Whether the cache would serve this route to an anonymous reader's plain GET. */
const cached = (route: string) => cacheKey({ method: "GET", url: sampleUrl(route), headers: { host: "127.0.0.1" } }) !== null;

describe("the page cache and the routes of app/", () => {
  const routes = appRoutes(APP);

  it("finds the app's routes", () => {
    for (const r of ["/", "/[series]/[year]/[number]", "/studio", "/api/health", "/robots.txt"]) expect(routes).toContain(r);
  });

  it("has every route either listed as cacheable or skipped by the cache, never both", () => {
    const undecided = routes.filter((r) => cached(r) && !CACHEABLE_ROUTES.includes(r));
    expect(undecided, "routes the cache would serve that are not in CACHEABLE_ROUTES (lib/page-cache.mjs)").toEqual([]);
    const contradicted = routes.filter((r) => !cached(r) && CACHEABLE_ROUTES.includes(r));
    expect(contradicted, "routes in CACHEABLE_ROUTES that SKIP_PATH skips").toEqual([]);
  });

  it("lists no route that app/ does not have", () => {
    expect(CACHEABLE_ROUTES.filter((r) => !routes.includes(r))).toEqual([]);
  });
});
