// The core of 信息稿件: a submission, its versions and pictures, its timeline, and its text in the
// inbox's search index. Pages and actions build on these; the callers compute what is written
// (the search pairs, the checked body), as db/ holds no domain logic.
import "server-only";
import { and, asc, desc, eq, max, sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import {
  type AdoptionKind,
  type SubmissionEventKind,
  type SubmissionMediaRow,
  type SubmissionRow,
  type SubmissionStatus,
  type SubmissionVersionRow,
  submissionEvents,
  submissionMedia,
  submissions,
  submissionVersions,
} from "@/db/schema";
import { AppError } from "@/lib/errors";

/** A submission's title and body as character pairs (lib/search/text.ts indexTexts().pairs). */
export type SubmissionSearchText = { titlePairs: string; bodyPairs: string };

export type NewVersion = {
  title: string;
  body: string;
  originalName?: string | null;
  originalBytes?: Buffer | null;
  note?: string | null;
};

export type NewPicture = Omit<SubmissionMediaRow, "submissionId" | "uploadedBy" | "uploadedAt">;

function writeSearch(c: Conn, id: number, search: SubmissionSearchText): void {
  c.run(sql`DELETE FROM submission_search WHERE rowid = ${id}`);
  c.run(sql`INSERT INTO submission_search (rowid, title, body) VALUES (${id}, ${search.titlePairs}, ${search.bodyPairs})`);
}

export function addSubmissionEvent(
  c: Conn,
  e: {
    submissionId: number;
    unitId: number;
    kind: SubmissionEventKind;
    actorId: number | null;
    detail?: Record<string, unknown>;
    at: Date;
  },
): void {
  c.insert(submissionEvents)
    .values({ ...e, detail: e.detail ?? null })
    .run();
}

function addPictures(c: Conn, submissionId: number, pictures: NewPicture[], actorId: number, at: Date): void {
  for (const p of pictures)
    c.insert(submissionMedia)
      .values({ ...p, submissionId, uploadedBy: actorId, uploadedAt: at })
      .onConflictDoNothing()
      .run();
}

/** A new submission with its first version, pictures, search text and 已报送 event. Run it in a transaction. */
export function insertSubmission(
  c: Conn,
  input: {
    unitId: number;
    seriesId: string;
    callId: number | null;
    urgent: boolean;
    contactName: string;
    contactPhone: string;
    version: NewVersion;
    pictures: NewPicture[];
    search: SubmissionSearchText;
    actorId: number;
    at: Date;
  },
): SubmissionRow {
  const row = c
    .insert(submissions)
    .values({
      unitId: input.unitId,
      seriesId: input.seriesId,
      callId: input.callId,
      title: input.version.title,
      status: "submitted",
      urgent: input.urgent,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      submittedBy: input.actorId,
      submittedAt: input.at,
      updatedAt: input.at,
    })
    .returning()
    .get();
  const version = c
    .insert(submissionVersions)
    .values({ ...input.version, submissionId: row.id, seq: 1, authorId: input.actorId, createdAt: input.at })
    .returning()
    .get();
  addPictures(c, row.id, input.pictures, input.actorId, input.at);
  writeSearch(c, row.id, input.search);
  addSubmissionEvent(c, { submissionId: row.id, unitId: row.unitId, kind: "submitted", actorId: input.actorId, at: input.at });
  return c.update(submissions).set({ headVersionId: version.id }).where(eq(submissions.id, row.id)).returning().get();
}

/** A resubmission after 退回修改: a new version (the earlier ones stay), back to 已报送. */
export function insertResubmission(
  c: Conn,
  input: {
    submissionId: number;
    version: NewVersion;
    pictures: NewPicture[];
    search: SubmissionSearchText;
    contactName: string;
    contactPhone: string;
    urgent: boolean;
    actorId: number;
    at: Date;
  },
): SubmissionRow {
  const current = loadSubmission(c, input.submissionId);
  if (current.status !== "returned") throw new AppError("xinxi:bad-transition", "只有退回修改的稿件才能重新报送");
  const seq =
    (c
      .select({ n: max(submissionVersions.seq) })
      .from(submissionVersions)
      .where(eq(submissionVersions.submissionId, current.id))
      .get()?.n ?? 0) + 1;
  const version = c
    .insert(submissionVersions)
    .values({ ...input.version, submissionId: current.id, seq, authorId: input.actorId, createdAt: input.at })
    .returning()
    .get();
  addPictures(c, current.id, input.pictures, input.actorId, input.at);
  writeSearch(c, current.id, input.search);
  addSubmissionEvent(c, {
    submissionId: current.id,
    unitId: current.unitId,
    kind: "resubmitted",
    actorId: input.actorId,
    detail: { seq },
    at: input.at,
  });
  return c
    .update(submissions)
    .set({
      title: input.version.title,
      status: "submitted",
      headVersionId: version.id,
      urgent: input.urgent,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      decisionNote: null,
      resubmittedAt: input.at,
      updatedAt: input.at,
    })
    .where(eq(submissions.id, current.id))
    .returning()
    .get();
}

export function getSubmission(c: Conn, id: number): SubmissionRow | undefined {
  return c.select().from(submissions).where(eq(submissions.id, id)).get();
}

export function loadSubmission(c: Conn, id: number): SubmissionRow {
  const row = getSubmission(c, id);
  if (!row) throw new AppError("studio:not-found", "找不到这篇信息稿件");
  return row;
}

export function submissionVersionsOf(c: Conn, submissionId: number): SubmissionVersionRow[] {
  return c
    .select()
    .from(submissionVersions)
    .where(eq(submissionVersions.submissionId, submissionId))
    .orderBy(desc(submissionVersions.seq))
    .all();
}

export function headVersion(c: Conn, submission: SubmissionRow): SubmissionVersionRow {
  const v = submission.headVersionId
    ? c.select().from(submissionVersions).where(eq(submissionVersions.id, submission.headVersionId)).get()
    : undefined;
  if (!v) throw new AppError("studio:not-found", "找不到这篇信息稿件的正文");
  return v;
}

export function submissionPictures(c: Conn, submissionId: number): SubmissionMediaRow[] {
  return c
    .select()
    .from(submissionMedia)
    .where(eq(submissionMedia.submissionId, submissionId))
    .orderBy(asc(submissionMedia.uploadedAt))
    .all();
}

export function submissionPicture(c: Conn, submissionId: number, name: string): SubmissionMediaRow | undefined {
  return c
    .select()
    .from(submissionMedia)
    .where(and(eq(submissionMedia.submissionId, submissionId), eq(submissionMedia.name, name)))
    .get();
}

/** Moves a submission to a new status with its event; what may follow what is the caller's rule (lib/xinxi). */
export function setSubmissionStatus(
  c: Conn,
  input: {
    submissionId: number;
    status: SubmissionStatus;
    event: SubmissionEventKind;
    actorId: number | null;
    at: Date;
    adoptionKind?: AdoptionKind | null;
    decisionNote?: string | null;
    decided?: boolean;
    published?: { path: string; label: string } | null;
    detail?: Record<string, unknown>;
  },
): SubmissionRow {
  const current = loadSubmission(c, input.submissionId);
  const set: Partial<SubmissionRow> = { status: input.status, updatedAt: input.at };
  if (input.adoptionKind !== undefined) set.adoptionKind = input.adoptionKind;
  if (input.decisionNote !== undefined) set.decisionNote = input.decisionNote;
  if (input.decided) {
    set.decidedBy = input.actorId;
    set.decidedAt = input.at;
  }
  if (input.published !== undefined) {
    set.publishedPath = input.published?.path ?? null;
    set.publishedLabel = input.published?.label ?? null;
    set.publishedAt = input.published ? input.at : null;
  }
  addSubmissionEvent(c, {
    submissionId: current.id,
    unitId: current.unitId,
    kind: input.event,
    actorId: input.actorId,
    detail: { from: current.status, to: input.status, ...(input.detail ?? {}) },
    at: input.at,
  });
  return c.update(submissions).set(set).where(eq(submissions.id, current.id)).returning().get();
}
