// Who may open a 约稿: kept apart from the reckoning in calls.ts, which the statistics, the
// notices and the mailer run outside any request and so must not depend on the session.
import "server-only";
import type { Conn } from "@/db/index";
import { callAddresses, loadCall } from "@/db/queries/xinxi/calls";
import type { CallRow } from "@/db/schema";
import { requireSeries, type StudioUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

/**
 * The call as this user may see it: an editor (and up) for a series they work on (else
 * auth:forbidden); a contributor only a call addressed to their unit, any other is not found.
 */
export function callFor(c: Conn, user: StudioUser, id: number): CallRow {
  const call = loadCall(c, id);
  if (user.role === "contributor") {
    if (user.unitId === null || !callAddresses(c, call, user.unitId)) throw new AppError("studio:not-found", "找不到这个约稿");
    return call;
  }
  requireSeries(user, call.seriesId);
  return call;
}
