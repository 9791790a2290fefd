// The client's address as server.mjs sets it on every request (the socket's peer, or with
// TRUST_PROXY=N the X-Forwarded-For entry N hops from the right: lib/client-address.mjs),
// overwriting whatever the request claimed under that name.
import { headers } from "next/headers";

/** Also in lib/client-address.mjs, which server.mjs imports and which cannot import TypeScript. */
export const CLIENT_IP_HEADER = "x-jianbao-client-ip";

/** The address of the request being handled (server components and actions). */
export async function clientIp(): Promise<string | null> {
  return (await headers()).get(CLIENT_IP_HEADER);
}
