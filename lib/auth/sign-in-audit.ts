// What a failed sign-in leaves in the audit log: one counted row per account × address per day
// (Beijing time), one per address for e-mails that are no account, and past a daily ceiling one
// row for everything else. The admin still sees who was tried, from where and how often; an
// attacker can no longer grow the log by failing.
import "server-only";
import type { Db } from "@/db/index";
import { recordCounted } from "@/db/queries/studio/audit";

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** New rows of failed sign-ins per day before the rest are folded into one. */
export const FAILED_SIGN_IN_ROWS_PER_DAY = 1000;

export const beijingDayStart = (now: Date) =>
  new Date(Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS);

export function auditSignInFailure(
  d: Db,
  f: { user: { id: number; email: string } | undefined; email: string; ip: string | null; now: Date; locked: boolean },
): void {
  const since = beijingDayStart(f.now);
  const base = { at: f.now, since, maxRowsSince: FAILED_SIGN_IN_ROWS_PER_DAY } as const;
  const entry = f.user
    ? { ...base, action: "auth.sign-in-failed", actorId: f.user.id, actorEmail: f.user.email, ip: f.ip }
    : {
        ...base,
        action: "auth.sign-in-failed",
        actorId: null,
        actorEmail: null,
        ip: f.ip,
        target: "（不存在的账号）",
        sample: f.email.trim().toLowerCase().slice(0, 100),
      };
  if (recordCounted(d, entry) === "full") {
    recordCounted(d, {
      at: f.now,
      since,
      action: "auth.sign-in-failed",
      actorId: null,
      actorEmail: null,
      ip: null,
      target: "（当日其余失败登录，合并计数）",
    });
  }
  if (f.locked && f.user) {
    recordCounted(d, {
      at: f.now,
      since,
      action: "auth.locked",
      actorId: f.user.id,
      actorEmail: f.user.email,
      ip: f.ip,
      maxRowsSince: FAILED_SIGN_IN_ROWS_PER_DAY,
    });
  }
}
