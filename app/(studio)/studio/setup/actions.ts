"use server";
// Creating the first admin with the one-time link printed on the first start. The only studio
// action open to the anonymous: the token is the credential, and it works only while no user exists.
import { z } from "zod";
import { consumeSetupToken } from "@/db/queries/setup-tokens";
import { recordAudit } from "@/db/queries/studio/audit";
import { createUser } from "@/db/queries/users";
import { clientIp } from "@/lib/auth/client-ip";
import { hashSetupToken, setupTokenMatches } from "@/lib/auth/first-admin";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { db } from "@/lib/database";
import { type ActionResult, fail } from "@/lib/studio/action";

const schema = z.object({
  token: z.string().min(10).max(200),
  email: z.email({ error: "请填写有效的邮箱地址" }).max(254),
  name: z.string().trim().min(1, { error: "请填写姓名" }).max(40),
  password: z.string().max(200),
  confirm: z.string().max(200),
});

const EXPIRED = "这个设置链接已失效（已用过、已过期，或已有账号）。请重启服务以获得新链接，或用 npm run user:add 创建账号。";

export async function createFirstAdmin(input: z.input<typeof schema>): Promise<ActionResult<{ email: string }>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return fail("auth:invalid-input", parsed.error.issues[0]?.message ?? "填写的内容有误");
  const { token, email, name, password, confirm } = parsed.data;
  // The token first: a wrong one must not cost the server a password hash.
  if (!setupTokenMatches(token)) return fail("auth:invalid-input", EXPIRED);
  const problem = passwordProblem(password);
  if (problem) return fail("auth:invalid-input", problem, { password: problem });
  if (password !== confirm) return fail("auth:invalid-input", "两次输入的密码不一致", { confirm: "两次输入的密码不一致" });
  const passwordHash = await hashPassword(password);
  const d = db();
  const user = consumeSetupToken(d, hashSetupToken(token), new Date(), () => createUser(d, { email, name, role: "admin", passwordHash }));
  // Checked again, with the claim, in one transaction: two tabs cannot both create an admin.
  if (!user) return fail("auth:invalid-input", EXPIRED);
  recordAudit(d, {
    actorId: user.id,
    actorEmail: user.email,
    action: "user.create",
    target: user.email,
    detail: { role: "admin", via: "setup-link" },
    ip: await clientIp(),
  });
  return { ok: true, data: { email: user.email } };
}
