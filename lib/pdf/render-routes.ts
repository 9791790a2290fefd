// Every request the PDF renderer's page makes goes through here; Chromium itself fetches nothing.
// - This site's own origin (the print page's styles, fonts, the pictures): fetched by Node
//   with the render pass, so an internal issue prints with its pictures; a redirect is never
//   followed, so the pass never leaves for another address.
// - An author's picture elsewhere: fetched by Node under the address rule (remote-picture.ts),
//   without the pass or any other header of ours.
// - Anything else (scripts, frames, other schemes): refused.
import type { Page, Route } from "playwright-core";
import type { AddressPolicy } from "@/lib/net/address-rule";
import { fetchRemotePicture, RemoteRefused } from "./remote-picture";
import { RENDER_HEADER } from "./render-access";

export type RenderRouteOptions = {
  /** The site's own origin, e.g. http://127.0.0.1:3000. */
  origin: string;
  secret: string;
  /** Tests only: which addresses count as public. Production passes nothing (address-rule.ts). */
  policy?: AddressPolicy;
};

// Response headers Node's fetch has already undone (it decompresses) or that describe the hop.
const DROPPED = new Set(["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive", "set-cookie"]);

const SAME_ORIGIN_TYPES = new Set(["document", "stylesheet", "image", "font"]);

export async function routeRenderRequests(page: Page, options: RenderRouteOptions): Promise<void> {
  const origin = new URL(options.origin).origin;
  await page.route("**/*", (route) => handle(route, origin, options).catch((error: unknown) => abort(route, error)));
}

async function handle(route: Route, origin: string, options: RenderRouteOptions): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  if (request.method() !== "GET") return abort(route, `method ${request.method()}`);
  if (url.origin === origin) {
    // The print page needs its styles, fonts and pictures; never the app's scripts (see render.ts).
    if (!SAME_ORIGIN_TYPES.has(request.resourceType())) return abort(route, `${request.resourceType()} ${url.pathname}`);
    const res = await fetch(url, {
      headers: { [RENDER_HEADER]: options.secret, accept: request.headers().accept ?? "*/*" },
      redirect: "manual",
    });
    if (res.status >= 300 && res.status < 400) return abort(route, `same-origin redirect ${url.pathname} → ${res.headers.get("location")}`);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (!DROPPED.has(name)) headers[name] = value;
    });
    return route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
  }
  if (request.resourceType() !== "image") return abort(route, `${request.resourceType()} from ${url.origin}`);
  const picture = await fetchRemotePicture(url.href, { policy: options.policy });
  return route.fulfill({ status: 200, headers: { "content-type": picture.contentType }, body: picture.body });
}

async function abort(route: Route, why: unknown): Promise<void> {
  // A refused picture prints as missing; the log says which and why (never the render pass).
  const reason = why instanceof RemoteRefused || typeof why === "string" ? String(why instanceof Error ? why.message : why) : why;
  console.warn("pdf:request-refused", route.request().url().slice(0, 200), reason);
  await route.abort("blockedbyclient").catch(() => undefined);
}
