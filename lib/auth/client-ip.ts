// The client's address as server.mjs sets it on every request (the socket's peer, or with
// TRUST_PROXY=1 the first X-Forwarded-For hop), overwriting whatever the request claimed.
import { headers } from "next/headers";

/** Also written literally in server.mjs, which cannot import TypeScript. */
export const CLIENT_IP_HEADER = "x-jianbao-client-ip";

/** The address of the request being handled (server components and actions). */
export async function clientIp(): Promise<string | null> {
  return (await headers()).get(CLIENT_IP_HEADER);
}
