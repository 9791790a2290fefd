// The link submission ↔ draft ↔ published issue (adoptions), and the three moments that settle
// it, each inside the transaction of the change that causes it: a save of the draft (is the
// article still in the text?), abandoning the draft, and recording its publication. They run in
// the studio's own queries (revisions.ts, numbering.ts, publish-claims.ts), so no path that
// changes a draft can leave an adoption behind. The "still there" test is the literal check the
// adoption's heading and byline columns were stored for, and sits here for that reason.
import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Conn } from "@/db/index";
import {
  type AdoptionKind,
  type AdoptionRow,
  type AdoptionState,
  adoptions,
  type DraftStatus,
  draftMedia,
  drafts,
  type SubmissionStatus,
  submissions,
  units,
} from "@/db/schema";
import { setSubmissionStatus } from "./submissions";

export function insertAdoption(
  c: Conn,
  input: { submissionId: number; draftId: number; kind: AdoptionKind; heading: string; byline: string; actorId: number; at: Date },
): AdoptionRow {
  return c
    .insert(adoptions)
    .values({
      submissionId: input.submissionId,
      draftId: input.draftId,
      kind: input.kind,
      state: "pending",
      heading: input.heading,
      byline: input.byline,
      adoptedBy: input.actorId,
      adoptedAt: input.at,
    })
    .returning()
    .get();
}

export type DraftAdoptionView = {
  id: number;
  submissionId: number;
  title: string;
  unitName: string;
  kind: AdoptionKind;
  state: AdoptionState;
  submissionStatus: SubmissionStatus;
};

/** The adoptions of a draft, oldest first (the order the articles were put in), for its page. */
export function adoptionsOfDraft(c: Conn, draftId: number): DraftAdoptionView[] {
  return c
    .select({
      id: adoptions.id,
      submissionId: adoptions.submissionId,
      title: submissions.title,
      unitName: units.name,
      kind: adoptions.kind,
      state: adoptions.state,
      submissionStatus: submissions.status,
    })
    .from(adoptions)
    .innerJoin(submissions, eq(submissions.id, adoptions.submissionId))
    .innerJoin(units, eq(units.id, submissions.unitId))
    .where(eq(adoptions.draftId, draftId))
    .orderBy(asc(adoptions.id))
    .all();
}

export type SubmissionAdoptionView = AdoptionRow & {
  draftTitle: string;
  draftStatus: DraftStatus;
  draftYear: number;
  draftNumber: number;
  draftSupplement: boolean;
  draftSeriesId: string;
};

/** Where a submission was put, newest first. */
export function adoptionsOfSubmission(c: Conn, submissionId: number): SubmissionAdoptionView[] {
  return c
    .select({
      adoption: adoptions,
      draftTitle: drafts.title,
      draftStatus: drafts.status,
      draftYear: drafts.year,
      draftNumber: drafts.number,
      draftSupplement: drafts.supplement,
      draftSeriesId: drafts.seriesId,
    })
    .from(adoptions)
    .innerJoin(drafts, eq(drafts.id, adoptions.draftId))
    .where(eq(adoptions.submissionId, submissionId))
    .orderBy(desc(adoptions.id))
    .all()
    .map(({ adoption, ...d }) => ({ ...adoption, ...d }));
}

function pendingOf(c: Conn, draftId: number): AdoptionRow[] {
  return c
    .select()
    .from(adoptions)
    .where(and(eq(adoptions.draftId, draftId), eq(adoptions.state, "pending")))
    .orderBy(asc(adoptions.id))
    .all();
}

function occurrences(text: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * The pending adoptions whose article is gone from `source`. An article is there while its
 * heading line (`# 标题`) is, or else while its byline is: an editor may retitle an article
 * but keeps its 供稿 line. Bylines are counted, since several articles of one unit share one:
 * each occurrence vouches for one article, those found by heading first, then the oldest.
 */
export function goneFrom(source: string, pending: Pick<AdoptionRow, "id" | "heading" | "byline">[]): number[] {
  const headings = new Set(
    source
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.startsWith("# "))
      .map((l) => l.slice(2).trim()),
  );
  const left = new Map<string, number>();
  for (const a of pending) if (!left.has(a.byline)) left.set(a.byline, occurrences(source, a.byline));
  const byHeading = pending.filter((a) => headings.has(a.heading));
  for (const a of byHeading) left.set(a.byline, (left.get(a.byline) ?? 0) - 1);
  const gone: number[] = [];
  for (const a of pending) {
    if (byHeading.includes(a)) continue;
    const n = left.get(a.byline) ?? 0;
    if (n > 0) left.set(a.byline, n - 1);
    else gone.push(a.id);
  }
  return gone;
}

/** Takes adoptions back: each becomes withdrawn, and its submission 处理中 again unless it is adopted elsewhere. */
function withdraw(c: Conn, rows: AdoptionRow[], { actorId, at, reason }: { actorId: number | null; at: Date; reason: string }): void {
  if (rows.length === 0) return;
  c.update(adoptions)
    .set({ state: "withdrawn", settledAt: at })
    .where(
      inArray(
        adoptions.id,
        rows.map((r) => r.id),
      ),
    )
    .run();
  for (const r of rows) {
    const sub = c.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, r.submissionId)).get();
    if (sub?.status !== "adopted") continue;
    const elsewhere = c
      .select({ id: adoptions.id })
      .from(adoptions)
      .where(and(eq(adoptions.submissionId, r.submissionId), eq(adoptions.state, "pending")))
      .get();
    if (elsewhere) continue;
    setSubmissionStatus(c, {
      submissionId: r.submissionId,
      status: "processing",
      event: "unadopted",
      actorId,
      at,
      adoptionKind: null,
      detail: { draftId: r.draftId, reason },
    });
  }
}

/** After a save of a draft: the pending adoptions whose article the new text no longer holds are withdrawn. */
export function reconcileAdoptions(c: Conn, input: { draftId: number; source: string; actorId: number; at: Date }): number[] {
  const pending = pendingOf(c, input.draftId);
  if (pending.length === 0) return [];
  const gone = new Set(goneFrom(input.source, pending));
  withdraw(
    c,
    pending.filter((a) => gone.has(a.id)),
    { actorId: input.actorId, at: input.at, reason: "removed" },
  );
  return [...gone];
}

/** A draft abandoned: every pending adoption of it is withdrawn. */
export function withdrawDraftAdoptions(c: Conn, input: { draftId: number; actorId: number; at: Date }): void {
  withdraw(c, pendingOf(c, input.draftId), { actorId: input.actorId, at: input.at, reason: "abandoned" });
}

/**
 * A draft published: its pending adoptions become published and their submissions 已刊用 in
 * `label` (晋团要讯〔2026〕第5期) at `path`. A submission already 已刊用 keeps the issue that
 * printed it first.
 */
export function publishDraftAdoptions(
  c: Conn,
  input: { draftId: number; path: string; label: string; actorId: number | null; at: Date },
): void {
  const pending = pendingOf(c, input.draftId);
  if (pending.length === 0) return;
  c.update(adoptions)
    .set({ state: "published", settledAt: input.at })
    .where(
      inArray(
        adoptions.id,
        pending.map((a) => a.id),
      ),
    )
    .run();
  for (const a of pending) {
    const sub = c.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, a.submissionId)).get();
    if (!sub || sub.status === "published") continue;
    setSubmissionStatus(c, {
      submissionId: a.submissionId,
      status: "published",
      event: "published",
      actorId: input.actorId,
      at: input.at,
      published: { path: input.path, label: input.label },
      detail: { draftId: input.draftId, label: input.label },
    });
  }
}

export type CopiedPicture = {
  name: string;
  originalName: string;
  type: string;
  size: number;
  width: number;
  height: number;
  bytes: Buffer;
};

/** Copies a submission's pictures into a draft; a name already there is the same picture (names come from bytes). */
export function copyPicturesToDraft(c: Conn, input: { draftId: number; pictures: CopiedPicture[]; actorId: number; at: Date }): void {
  for (const p of input.pictures)
    c.insert(draftMedia)
      .values({ ...p, draftId: input.draftId, uploadedBy: input.actorId, uploadedAt: input.at })
      .onConflictDoNothing()
      .run();
}

export type CombinableSubmission = {
  id: number;
  title: string;
  status: SubmissionStatus;
  unitName: string;
  submittedAt: Date;
  urgent: boolean;
};

/** What 综合 may take from a series: submissions in `statuses`, newest first, at most `limit`. */
export function combinableSubmissions(
  c: Conn,
  { seriesId, statuses, limit }: { seriesId: string; statuses: readonly SubmissionStatus[]; limit: number },
): CombinableSubmission[] {
  return c
    .select({
      id: submissions.id,
      title: submissions.title,
      status: submissions.status,
      unitName: units.name,
      submittedAt: submissions.submittedAt,
      urgent: submissions.urgent,
    })
    .from(submissions)
    .innerJoin(units, eq(units.id, submissions.unitId))
    .where(and(eq(submissions.seriesId, seriesId), inArray(submissions.status, [...statuses])))
    .orderBy(desc(submissions.submittedAt), desc(submissions.id))
    .limit(limit)
    .all();
}
