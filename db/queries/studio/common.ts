// What the studio's queries share: the transaction they run in, the statuses that count as open,
// and the checks every change of a draft starts with, so their Chinese messages read alike.
import "server-only";
import { type AnyColumn, eq, type SQL, sql } from "drizzle-orm";
import type { Conn, Db, Tx } from "@/db/index";
import { type DraftRow, type DraftStatus, drafts, type ReviewAction, reviewEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Statuses in which a draft can still change (and a new issue holds its number). */
export const OPEN_STATUSES = ["draft", "submitted", "approved"] as const satisfies readonly DraftStatus[];
export const isOpen = (status: DraftStatus) => (OPEN_STATUSES as readonly DraftStatus[]).includes(status);

/** How a refused change describes where the draft stands: "这份稿件已发布，不能提交审核". */
const STATE_PHRASE: Record<DraftStatus, string> = {
  draft: "还未提交审核",
  submitted: "已提交，正在等待审核",
  approved: "已签发，等待发布",
  published: "已发布",
  abandoned: "已放弃",
};

/**
 * Writers in other processes (other server instances, the import command) must queue on
 * SQLite's write lock before they read what they will decide on; a deferred transaction would
 * read first and fail with SQLITE_BUSY on its first write instead of waiting.
 */
export function immediate<T>(d: Db, fn: (tx: Tx) => T): T {
  return d.transaction(fn, { behavior: "immediate" });
}

export function loadDraft(c: Conn, draftId: number): DraftRow {
  const row = c.select().from(drafts).where(eq(drafts.id, draftId)).get();
  if (!row) throw new AppError("studio:not-found", "找不到这份稿件");
  return row;
}

/** Refuses the change unless the draft is in one of `allowed`; `doing` completes "不能…". */
export function expectStatus(draft: DraftRow, allowed: readonly DraftStatus[], doing: string): void {
  if (!allowed.includes(draft.status)) throw new AppError("studio:bad-transition", `这份稿件${STATE_PHRASE[draft.status]}，不能${doing}`);
}

export function addEvent(
  tx: Conn,
  e: { draftId: number; revisionId: number | null; actorId: number; action: ReviewAction; comment?: string | null; at: Date },
): void {
  tx.insert(reviewEvents)
    .values({
      draftId: e.draftId,
      revisionId: e.revisionId,
      actorId: e.actorId,
      action: e.action,
      comment: e.comment ?? null,
      createdAt: e.at,
    })
    .run();
}

/** A comment the user must give: trimmed, and refused when empty. */
export function requiredText(text: string | undefined, message: string): string {
  const t = text?.trim() ?? "";
  if (t === "") throw new AppError("studio:invalid-input", message);
  return t;
}

/** True for a UNIQUE violation from better-sqlite3, also when drizzle has wrapped it. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (typeof cur === "object" && "code" in cur && cur.code === "SQLITE_CONSTRAINT_UNIQUE") return true;
    cur = typeof cur === "object" && "cause" in cur ? cur.cause : undefined;
  }
  return false;
}

/** `column` contains `text` literally: LIKE, with %, _ and backslashes in the text escaped. */
export function contains(column: AnyColumn, text: string): SQL {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}
