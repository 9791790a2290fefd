// Assertions on Next's navigation interrupts (test/setup.ts makes redirect(), notFound() and
// forbidden() throw them as in a request): which URL a call redirected to, or which HTTP status it
// fell back to, read from the error's digest with Next's own parsers.
import {
  getAccessFallbackHTTPStatus,
  isHTTPAccessFallbackError,
} from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { expect } from "vitest";

/** What a call threw: the error, or a failure if it returned. */
async function thrown(call: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof call === "function" ? call() : call);
  } catch (error) {
    return error;
  }
  throw new Error("expected a navigation interrupt, but the call returned");
}

/** Asserts the call redirected (redirect() or permanentRedirect()) to this URL; returns the error. */
export async function expectRedirect(call: Promise<unknown> | (() => unknown), url: string | RegExp): Promise<unknown> {
  const error = await thrown(call);
  expect(isRedirectError(error), `not a redirect: ${String(error)}`).toBe(true);
  const to = getURLFromRedirectError(error as never);
  if (typeof url === "string") expect(to).toBe(url);
  else expect(to).toMatch(url);
  return error;
}

/** The HTTP status of notFound() (404), forbidden() (403) or unauthorized() (401), as the call threw it. */
export async function expectHttpFallback(call: Promise<unknown> | (() => unknown), status: 401 | 403 | 404): Promise<unknown> {
  const error = await thrown(call);
  expect(isHTTPAccessFallbackError(error), `not notFound()/forbidden(): ${String(error)}`).toBe(true);
  expect(getAccessFallbackHTTPStatus(error as never)).toBe(status);
  return error;
}

export const expectNotFound = (call: Promise<unknown> | (() => unknown)) => expectHttpFallback(call, 404);
export const expectForbidden = (call: Promise<unknown> | (() => unknown)) => expectHttpFallback(call, 403);
