// Reads of drafts for the studio: one draft with its text and conversation, the lists and counts
// of the dashboard, and the approved drafts whose scheduled time has come.
import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import { type DraftRow, type DraftStatus, drafts, type ReviewAction, reviewEvents, revisions, users } from "@/db/schema";
import { contains } from "./common";

export type ReviewEventView = {
  id: number;
  action: ReviewAction;
  comment: string | null;
  revisionId: number | null;
  actorId: number;
  actorName: string;
  createdAt: Date;
};

export type DraftView = DraftRow & {
  /** The head revision's text and its 第N版 number. */
  source: string;
  headSeq: number;
  createdByName: string;
  submittedByName: string | null;
  /** The 签发人. */
  approvedByName: string | null;
  publishedByName: string | null;
  events: ReviewEventView[];
};

export type DraftListItem = Pick<
  DraftRow,
  | "id"
  | "kind"
  | "seriesId"
  | "year"
  | "number"
  | "supplement"
  | "path"
  | "status"
  | "title"
  | "createdBy"
  | "createdAt"
  | "updatedAt"
  | "scheduledAt"
> & {
  createdByName: string;
  headSeq: number | null;
};

export function getDraft(d: Conn, draftId: number): DraftView | undefined {
  const draft = d.select().from(drafts).where(eq(drafts.id, draftId)).get();
  if (!draft || draft.headRevisionId === null) return undefined;
  const head = d
    .select({ source: revisions.source, seq: revisions.seq })
    .from(revisions)
    .where(eq(revisions.id, draft.headRevisionId))
    .get();
  if (!head) return undefined;
  const people = [draft.createdBy, draft.submittedBy, draft.approvedBy, draft.publishedBy].filter((id): id is number => id !== null);
  const names = new Map(
    d
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, people))
      .all()
      .map((u) => [u.id, u.name]),
  );
  const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  const events = d
    .select({
      id: reviewEvents.id,
      action: reviewEvents.action,
      comment: reviewEvents.comment,
      revisionId: reviewEvents.revisionId,
      actorId: reviewEvents.actorId,
      actorName: users.name,
      createdAt: reviewEvents.createdAt,
    })
    .from(reviewEvents)
    .innerJoin(users, eq(users.id, reviewEvents.actorId))
    .where(eq(reviewEvents.draftId, draftId))
    // In the order recorded: a clock step back must not put a comment before the submission.
    .orderBy(asc(reviewEvents.id))
    .all();
  return {
    ...draft,
    source: head.source,
    headSeq: head.seq,
    createdByName: nameOf(draft.createdBy) ?? "",
    submittedByName: nameOf(draft.submittedBy),
    approvedByName: nameOf(draft.approvedBy),
    publishedByName: nameOf(draft.publishedBy),
    events,
  };
}

export type DraftFilter = {
  /** The series the viewer works on; null for all of them. */
  seriesIds: string[] | null;
  statuses?: DraftStatus[];
  q?: string;
  limit?: number;
};

/** The title contains q; or q names an issue number: "3", "第3期", "2022", "〔2022〕第3期", "2022-3". */
function matching(q: string): SQL | undefined {
  const text = q.trim();
  if (text === "") return undefined;
  const byTitle = contains(drafts.title, text);
  const full = /^[〔[(（]?(\d{4})[〕\])）-]\s*(增刊)?第?(\d{1,4})期?$/.exec(text);
  if (full) {
    const supplement = full[2] ? eq(drafts.supplement, true) : undefined;
    return or(byTitle, and(eq(drafts.year, Number(full[1])), eq(drafts.number, Number(full[3])), supplement));
  }
  const bare = /^(增刊)?第?(\d{1,4})期?$/.exec(text);
  if (!bare) return byTitle;
  const n = Number(bare[2]);
  if (bare[1]) return or(byTitle, and(eq(drafts.supplement, true), eq(drafts.number, n)));
  // Four digits could be a year as well as a number: match both.
  return bare[2]!.length === 4 ? or(byTitle, eq(drafts.number, n), eq(drafts.year, n)) : or(byTitle, eq(drafts.number, n));
}

function inSeries(seriesIds: string[] | null): SQL | undefined {
  return seriesIds === null ? undefined : inArray(drafts.seriesId, seriesIds);
}

export function listDrafts(d: Conn, filter: DraftFilter): DraftListItem[] {
  if (filter.seriesIds?.length === 0 || filter.statuses?.length === 0) return [];
  const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? 100)), 500);
  return d
    .select({
      id: drafts.id,
      kind: drafts.kind,
      seriesId: drafts.seriesId,
      year: drafts.year,
      number: drafts.number,
      supplement: drafts.supplement,
      path: drafts.path,
      status: drafts.status,
      title: drafts.title,
      createdBy: drafts.createdBy,
      createdAt: drafts.createdAt,
      updatedAt: drafts.updatedAt,
      scheduledAt: drafts.scheduledAt,
      createdByName: users.name,
      headSeq: revisions.seq,
    })
    .from(drafts)
    .innerJoin(users, eq(users.id, drafts.createdBy))
    .leftJoin(revisions, eq(revisions.id, drafts.headRevisionId))
    .where(
      and(
        inSeries(filter.seriesIds),
        filter.statuses ? inArray(drafts.status, filter.statuses) : undefined,
        filter.q ? matching(filter.q) : undefined,
      ),
    )
    .orderBy(desc(drafts.changeSeq))
    .limit(limit)
    .all();
}

export function countByStatus(d: Conn, { seriesIds }: { seriesIds: string[] | null }): Record<DraftStatus, number> {
  const counts: Record<DraftStatus, number> = { draft: 0, submitted: 0, approved: 0, published: 0, abandoned: 0 };
  if (seriesIds?.length === 0) return counts;
  const rows = d
    .select({ status: drafts.status, n: sql<number>`count(*)` })
    .from(drafts)
    .where(inSeries(seriesIds))
    .groupBy(drafts.status)
    .all();
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** Approved drafts whose scheduled time has come, the longest-waiting first. */
export function dueScheduled(d: Conn, now: Date): { draftId: number; scheduledAt: Date }[] {
  return d
    .select({ draftId: drafts.id, scheduledAt: sql<Date>`${drafts.scheduledAt}`.mapWith(drafts.scheduledAt) })
    .from(drafts)
    .where(and(eq(drafts.status, "approved"), isNotNull(drafts.scheduledAt), lte(drafts.scheduledAt, now)))
    .orderBy(asc(drafts.scheduledAt), asc(drafts.id))
    .all();
}
