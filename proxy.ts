// The studio's first gate: requests to /studio without a valid session cookie go to sign-in
// before any page code runs. Only a first gate: every studio page and action checks the
// session and role again on the server (lib/auth/session.ts), against the database.

import type { NextRequest } from "next/server";
import { withAuth } from "next-auth/middleware";
import { authSecret } from "@/lib/auth/secret";

const gate = withAuth({
  secret: authSecret(),
  pages: { signIn: "/studio/sign-in" },
});

// Reached without a session: the sign-in page itself and the first-start setup link.
const OPEN = ["/studio/sign-in", "/studio/setup"];

export function proxy(request: NextRequest) {
  if (OPEN.some((p) => request.nextUrl.pathname === p || request.nextUrl.pathname.startsWith(`${p}/`))) return;
  return (gate as unknown as (r: NextRequest) => ReturnType<typeof gate>)(request);
}

export const config = { matcher: ["/studio", "/studio/:path*"] };
