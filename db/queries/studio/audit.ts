// The audit log: who signed in, published, withdrew, or changed an account, kept for the admin.
// Append-only, except the counted rows of recordCounted: failed sign-ins are one row per account ×
// address per day with a count, so an attacker cannot grow the log by failing.
import "server-only";
import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import type { Conn, Db } from "@/db/index";
import { type AuditLogRow, auditLog } from "@/db/schema";

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
  { action: "issue.status-interrupted", label: "撤回或恢复发布中断（已恢复原状）" },
  { action: "draft.approve", label: "签发稿件" },
  { action: "draft.abandon", label: "放弃稿件" },
  { action: "unit.create", label: "新增单位" },
  { action: "unit.update", label: "修改单位" },
  { action: "unit.import", label: "导入单位库" },
  { action: "submission.submit", label: "报送信息" },
  { action: "submission.decide", label: "处理报送信息" },
  { action: "submission.adopt", label: "采用报送信息" },
  { action: "call.create", label: "发布约稿" },
  { action: "call.update", label: "修改约稿" },
  { action: "instruction.record", label: "登记批示" },
  { action: "instruction.delete", label: "删除批示" },
  { action: "points.update", label: "修改积分办法" },
  { action: "report.generate", label: "生成通报" },
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
export function recordAudit(d: Conn, e: AuditEntry): void {
  d.insert(auditLog)
    .values({
      at: new Date(),
      actorId: e.actorId,
      actorEmail: e.actorEmail,
      action: e.action,
      target: e.target ?? null,
      detail: e.detail ?? null,
      ip: e.ip ?? null,
    })
    .run();
}

/**
 * Adds one to the count (detail.failures) of the row with this action, actor e-mail and address
 * written since `since`, or writes that row; keeps up to `sampleMax` distinct values of
 * detail.samples (e.g. the unknown e-mails tried). With maxRowsSince, writes no new row once that
 * many rows of the action exist since `since` ("full": the caller counts it elsewhere).
 */
export function recordCounted(
  d: Db,
  e: AuditEntry & { at: Date; since: Date; sample?: string; sampleMax?: number; maxRowsSince?: number },
): "added" | "counted" | "full" {
  return d.transaction(
    (tx) => {
      const row = tx
        .select({ id: auditLog.id, detail: auditLog.detail })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, e.action),
            gte(auditLog.at, e.since),
            e.actorEmail === null ? isNull(auditLog.actorEmail) : eq(auditLog.actorEmail, e.actorEmail),
            e.ip ? eq(auditLog.ip, e.ip) : isNull(auditLog.ip),
          ),
        )
        .orderBy(desc(auditLog.id))
        .get();
      const samples = (prior: unknown) => {
        const list = Array.isArray(prior) ? prior.map(String) : [];
        return e.sample && !list.includes(e.sample) && list.length < (e.sampleMax ?? 5) ? [...list, e.sample] : list;
      };
      if (row) {
        const before = row.detail ?? {};
        const detail = {
          ...before,
          ...e.detail,
          failures: Number(before.failures ?? 1) + 1,
          lastAt: e.at.toISOString(),
          ...(e.sample ? { samples: samples(before.samples) } : {}),
        };
        tx.update(auditLog).set({ detail }).where(eq(auditLog.id, row.id)).run();
        return "counted";
      }
      if (e.maxRowsSince !== undefined && countAuditSince(tx as unknown as Db, e.action, e.since) >= e.maxRowsSince) return "full";
      const detail = { ...e.detail, failures: 1, lastAt: e.at.toISOString(), ...(e.sample ? { samples: samples([]) } : {}) };
      tx.insert(auditLog)
        .values({
          at: e.at,
          actorId: e.actorId,
          actorEmail: e.actorEmail,
          action: e.action,
          target: e.target ?? null,
          detail,
          ip: e.ip ?? null,
        })
        .run();
      return "added";
    },
    { behavior: "immediate" },
  );
}

/** Rows of one action written since `since`. */
export function countAuditSince(d: Db, action: string, since: Date): number {
  return (
    d
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(and(eq(auditLog.action, action), gte(auditLog.at, since)))
      .get()?.n ?? 0
  );
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the log, newest first, with the total for the pager. */
export function listAudit(
  d: Db,
  { page, pageSize = AUDIT_PAGE_SIZE, action }: { page: number; pageSize?: number; action?: string },
): { rows: AuditLogRow[]; total: number } {
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
