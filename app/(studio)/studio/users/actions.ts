"use server";
// Studio accounts, for admins: the web twin of scripts/user.ts, with the same audit actions.
// Generated passwords are returned once and never stored or logged in the clear.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { listSeries } from "@/db/queries/archive";
import { createUser, findUserByEmail, getUser, normalizeEmail, setPasswordHash, updateUser } from "@/db/queries/users";
import { getUnit } from "@/db/queries/xinxi/units";
import { type Role, roles } from "@/db/schema";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { unlockAccount } from "@/lib/auth/throttle";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { auditAs } from "@/lib/studio/audit-as";

const name = z.string({ error: "请填写姓名" }).trim().min(1, { error: "请填写姓名" }).max(40, { error: "姓名不能超过 40 个字" });
const role = z.enum(roles, { error: "请选择角色" });
const seriesIds = z.array(z.string().min(1).max(40)).max(100).default([]);
// Explicit: no series ticked and this unset means no series, never all of them.
const allSeries = z.boolean().default(false);
const userId = z.number().int().positive();
// A 报送员's unit (所属单位); ignored for the other roles, which belong to no unit.
const unitId = z.number().int().positive().nullable().default(null);

// The same test as the CLI, so an account one of them accepts the other accepts too.
const email = z
  .string({ error: "请填写邮箱" })
  .trim()
  .max(200, { error: "邮箱不能超过 200 个字符" })
  .regex(/^[^\s@]+@[^\s@]+$/, { error: "请填写有效的邮箱地址，例如 zhang@example.cn" })
  // Checked here (better-sqlite3 is synchronous) so the message lands at the field; createUser checks again.
  .refine((e) => !findUserByEmail(db(), e), { error: (issue) => `已有使用 ${normalizeEmail(String(issue.input))} 的账号` });

async function knownSeries(ids: string[]): Promise<string[]> {
  const known = new Set(listSeries(db()).map((s) => s.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError("studio:invalid-input", `没有刊物「${unknown.join("、")}」`);
  return [...new Set(ids)];
}

/** The unit a contributor is bound to: required, and an enabled one (or the one they already had). */
function unitFor(role: Role, id: number | null, current: number | null = null): number | null {
  if (role !== "contributor") return null;
  if (!id) throw new AppError("studio:invalid-input", "报送员必须属于一个单位", { fields: { unitId: "请选择报送员所属的单位" } });
  const unit = getUnit(db(), id);
  if (!unit || (unit.disabled && unit.id !== current))
    throw new AppError("studio:invalid-input", "找不到这个单位，或它已停用", { fields: { unitId: "请选择一个启用的单位" } });
  return unit.id;
}

function existing(id: number) {
  const user = getUser(db(), id);
  if (!user) throw new AppError("studio:not-found", "找不到这个账号");
  return user;
}

const done = () => revalidatePath("/studio/users");

export const createAccount = studioAction("admin", z.object({ email, name, role, seriesIds, allSeries, unitId }), async (actor, input) => {
  const unit = unitFor(input.role, input.unitId);
  const ids = input.allSeries ? [] : await knownSeries(input.seriesIds);
  const password = generatePassword();
  const user = createUser(db(), {
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(password),
    seriesIds: ids,
    allSeries: input.allSeries,
    unitId: unit,
  });
  await auditAs(actor, "user.create", user.email, {
    role: user.role,
    seriesIds: ids,
    allSeries: user.allSeries,
    ...(unit ? { unitId: unit } : {}),
  });
  done();
  return { email: user.email, password };
});

export const updateAccount = studioAction(
  "admin",
  z.object({ id: userId, name, role, seriesIds, allSeries, unitId }),
  async (actor, input) => {
    const before = existing(input.id);
    if (before.id === actor.id && input.role !== "admin") throw new AppError("auth:forbidden", "不能降低自己的角色：请让另一位管理员操作");
    const unit = unitFor(input.role, input.unitId, before.unitId);
    const ids = input.allSeries ? [] : await knownSeries(input.seriesIds);
    const after = updateUser(db(), before.id, {
      name: input.name,
      role: input.role,
      seriesIds: ids,
      allSeries: input.allSeries,
      unitId: unit,
    });
    if (before.role !== after.role) await auditAs(actor, "user.role", after.email, { from: before.role, to: after.role });
    const changed: Record<string, unknown> = {};
    if (before.name !== after.name) changed.name = after.name;
    if (before.seriesIds.join(",") !== after.seriesIds.join(",")) changed.seriesIds = after.seriesIds;
    if (before.allSeries !== after.allSeries) changed.allSeries = after.allSeries;
    if (before.unitId !== after.unitId) changed.unitId = after.unitId;
    if (Object.keys(changed).length) await auditAs(actor, "user.update", after.email, changed);
    done();
    return { id: after.id };
  },
);

export const setAccountDisabled = studioAction("admin", z.object({ id: userId, disabled: z.boolean() }), async (actor, input) => {
  const before = existing(input.id);
  if (before.id === actor.id && input.disabled) throw new AppError("auth:forbidden", "不能停用自己的账号：请让另一位管理员操作");
  if (before.disabled === input.disabled) return { id: before.id, disabled: before.disabled };
  updateUser(db(), before.id, { disabled: input.disabled });
  await auditAs(actor, input.disabled ? "user.disable" : "user.enable", before.email);
  done();
  return { id: before.id, disabled: input.disabled };
});

export const resetAccountPassword = studioAction("admin", z.object({ id: userId }), async (actor, input) => {
  const user = existing(input.id);
  // Resetting one's own would end this very session; 我的账号 asks for the current password instead.
  if (user.id === actor.id) throw new AppError("auth:forbidden", "请在「我的账号」中修改自己的密码");
  const password = generatePassword();
  const d = db();
  setPasswordHash(d, user.id, await hashPassword(password));
  unlockAccount(d, user.email);
  await auditAs(actor, "user.password", user.email);
  done();
  return { email: user.email, password };
});
