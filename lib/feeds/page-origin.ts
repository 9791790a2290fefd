// The public origin while rendering a page, which has no Request object: the same rule as route
// handlers, read from next/headers.
import "server-only";
import { headers } from "next/headers";
import { originFromHeaders } from "./origin";

export async function pageOrigin(): Promise<URL> {
  return new URL(originFromHeaders(await headers()));
}
