// The audit log: who signed in, published, withdrew, or changed an account, kept for the admin.
// Append-only; nothing here updates or deletes a row.
import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/index";
import { auditLog, type AuditLogRow } from "@/db/schema";
import type { Tx } from "./common";

/** Every action the app records, with the label the admin's filter shows. */
export const AUDIT_ACTIONS = [
  { action: "auth.sign-in", label: "登录" },
  { action: "auth.sign-in-failed", label: "登录失败" },
  { action: "auth.locked", label: "账号被锁定" },
  { action: "auth.sign-out-everywhere", label: "退出所有设备" },
  { action: "user.create", label: "新建用户" },
  { action: "user.update", label: "修改用户信息" },
  { action: "user.role", label: "更改角色" },
  { action: "user.disable", label: "停用账号" },
  { action: "user.enable", label: "启用账号" },
  { action: "user.password", label: "设置密码" },
  { action: "issue.publish", label: "发布简报" },
  { action: "issue.schedule", label: "定时发布" },
  { action: "issue.publish-interrupted", label: "发布中断（已恢复原状）" },
  { action: "issue.withdraw", label: "撤回简报" },
  { action: "issue.restore", label: "恢复发布" },
  { action: "draft.approve", label: "签发稿件" },
  { action: "draft.abandon", label: "放弃稿件" },
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number]["action"];

/** The label of an action, or the action itself for one this build does not know. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS.find((a) => a.action === action)?.label ?? action;
}

export type AuditEntry = {
  actorId: number | null;
  actorEmail: string | null;
  // Known actions autocomplete; any string is accepted so a new action never breaks a write path.
  action: AuditAction | (string & {});
  target?: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
};

/** Takes a transaction too, so a state change and its audit row commit together. */
export function recordAudit(d: Db | Tx, e: AuditEntry): void {
  d.insert(auditLog)
    .values({ at: new Date(), actorId: e.actorId, actorEmail: e.actorEmail, action: e.action, target: e.target ?? null, detail: e.detail ?? null, ip: e.ip ?? null })
    .run();
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the log, newest first, with the total for the pager. */
export function listAudit(d: Db, { page, pageSize = AUDIT_PAGE_SIZE, action }: { page: number; pageSize?: number; action?: string }): { rows: AuditLogRow[]; total: number } {
  const size = Math.min(Math.max(1, Math.trunc(pageSize) || AUDIT_PAGE_SIZE), 200);
  const current = Math.max(1, Math.trunc(page) || 1);
  const where = action ? eq(auditLog.action, action) : undefined;
  const total = d.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = d
    .select()
    .from(auditLog)
    .where(where)
    // By insertion, not by `at`: the log is append-only, and the wall clock can step back.
    .orderBy(desc(auditLog.id))
    .limit(size)
    .offset((current - 1) * size)
    .all();
  return { rows, total };
}
