// Checks an e-mail and password against the users table, with throttling, and records the
// outcome in the audit log. Kept apart from next-auth's options so tests can call it directly.
import "server-only";
import { z } from "zod";
import type { Db } from "@/db/index";
import { recordAudit } from "@/db/queries/studio/audit";
import { findUserByEmail, touchSignIn } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { db } from "@/lib/database";
import { dummyHash, verifyPassword } from "./password";
import { auditSignInFailure } from "./sign-in-audit";
import { reserveAttempt, settleFailure, settleSuccess } from "./throttle";

export type SignedIn = { id: string; email: string; name: string; role: Role; epoch: number };

/** Thrown for refusals the person signing in should read as they are (lock, disabled account). */
export class SignInRefused extends Error {}

export const WRONG_CREDENTIALS = "邮箱或密码不正确";

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

export async function authorizeCredentials(raw: unknown, ip: string | null, d: Db = db(), now = new Date()): Promise<SignedIn | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempt = { email, ip, now };
  // Counted before the (slow) check, so that simultaneous attempts cannot all pass the limit.
  const refusal = reserveAttempt(d, attempt);
  if (refusal) throw new SignInRefused(refusal.message);
  const user = findUserByEmail(d, email);
  let ok: boolean;
  try {
    // Unknown accounts cost the same scrypt as known ones.
    ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  } catch (error) {
    settleFailure(d, attempt); // the reservation stays counted: a crashing check is no free try
    throw error;
  }
  if (!user || !ok) {
    const { lock } = settleFailure(d, attempt);
    auditSignInFailure(d, { user, email, ip, now, locked: lock !== null });
    if (lock) throw new SignInRefused(lock.message);
    return null;
  }
  if (user.disabled) {
    settleSuccess(d, attempt, { remember: false });
    recordAudit(d, { actorId: user.id, actorEmail: user.email, action: "auth.sign-in-failed", detail: { reason: "disabled" }, ip });
    throw new SignInRefused("该账号已停用，请联系管理员");
  }
  settleSuccess(d, attempt);
  touchSignIn(d, user.id, now);
  recordAudit(d, { actorId: user.id, actorEmail: user.email, action: "auth.sign-in", ip });
  return { id: String(user.id), email: user.email, name: user.name, role: user.role, epoch: user.sessionEpoch };
}
