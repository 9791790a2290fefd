"use server";
// The signed-in user's own account: a new password, and signing out on every device.
import { z } from "zod";
import { bumpSessionEpoch, findUserByEmail, setPasswordHash } from "@/db/queries/users";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { auditAs } from "@/lib/studio/audit-as";

export const changeOwnPassword = studioAction(
  "contributor",
  z.object({ current: z.string().max(200), password: z.string().max(200), confirm: z.string().max(200) }),
  async (user, { current, password, confirm }) => {
    const d = db();
    const row = findUserByEmail(d, user.email);
    if (!row || !(await verifyPassword(current, row.passwordHash))) throw new AppError("auth:invalid-input", "当前密码不正确");
    const problem = passwordProblem(password);
    if (problem) throw new AppError("auth:invalid-input", problem);
    if (password !== confirm) throw new AppError("auth:invalid-input", "两次输入的新密码不一致");
    setPasswordHash(d, user.id, await hashPassword(password));
    await auditAs(user, "user.password", user.email);
    return { signedOut: true };
  },
);

export const signOutEverywhere = studioAction("contributor", z.object({}), async (user) => {
  const d = db();
  bumpSessionEpoch(d, user.id);
  await auditAs(user, "auth.sign-out-everywhere", user.email);
  return { signedOut: true };
});
