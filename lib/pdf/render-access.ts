// The renderer's pass to /print pages of issues readers can't see (internal ones): a secret the
// server holds in memory (or shares with `npm run pdf` through the environment), sent as a header
// by server-side fetches only; it never reaches a browser.
import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export const RENDER_HEADER = "x-jianbao-render";

// On globalThis: Next may load this module once per route bundle, and they must agree.
const holder = globalThis as typeof globalThis & { __jianbaoRenderSecret?: string };

export function renderSecret(): string {
  return env().JIANBAO_RENDER_SECRET ?? (holder.__jianbaoRenderSecret ??= randomBytes(24).toString("hex"));
}

export function isRenderRequest(headers: Headers): boolean {
  const given = headers.get(RENDER_HEADER);
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(renderSecret());
  return a.length === b.length && timingSafeEqual(a, b);
}
