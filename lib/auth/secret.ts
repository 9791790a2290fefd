// The key that signs session cookies, as the app asks for it: lib/auth/session-key.mjs (shared
// with server.mjs) on this process's environment, generated on first use and then kept in memory.
import { env } from "@/lib/env";
import { sessionKey } from "./session-key.mjs";

let cached: string | undefined;

export function authSecret(): string {
  cached ??= sessionKey({ configured: env().NEXTAUTH_SECRET, dataDir: env().dataDir });
  return cached;
}
