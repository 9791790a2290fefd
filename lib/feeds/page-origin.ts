// The public origin while rendering a page (no Request object there): SITE_URL, or the Host the
// reader asked for, so canonical and Open Graph URLs are absolute either way.
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export async function pageOrigin(): Promise<URL> {
  const configured = env().SITE_URL;
  if (configured) return new URL(new URL(configured).origin);
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? `localhost:${env().PORT}`;
  const proto = h.get("x-forwarded-proto") ?? "http";
  return new URL(`${proto}://${host}`);
}
