// The renderer's pass to /print pages of issues readers can't see (internal ones): a secret the
// server holds in memory (or shares with `npm run pdf` through the environment). `npm run pdf`
// sends it as a header; the renderer's Chromium as a cookie, which goes to this server only
// (a header would go with every request the page makes, an author's external image included).
import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export const RENDER_HEADER = "x-jianbao-render";
export const RENDER_COOKIE = "jb_render";

// On globalThis: Next may load this module once per route bundle, and they must agree.
const holder = globalThis as typeof globalThis & { __jianbaoRenderSecret?: string };

export function renderSecret(): string {
  return env().JIANBAO_RENDER_SECRET ?? (holder.__jianbaoRenderSecret ??= randomBytes(24).toString("hex"));
}

export function isRenderRequest(headers: Headers): boolean {
  const cookie = headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === RENDER_COOKIE)?.[1];
  const given = headers.get(RENDER_HEADER) ?? cookie;
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(renderSecret());
  return a.length === b.length && timingSafeEqual(a, b);
}
