// 批示: the leaders' instructions recorded on a published issue, and the adoptions that say which
// unit's submission an article of that issue came from (what a 批示 on the article is credited to).
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Conn } from "@/db/index";
import { adoptions, drafts, type InstructionLevel, type InstructionRow, instructions, submissionEvents, submissions } from "@/db/schema";

export type NewInstruction = {
  seriesId: string;
  issuePath: string;
  issueLabel: string;
  article: string | null;
  submissionId: number | null;
  unitId: number | null;
  level: InstructionLevel;
  leader: string;
  date: string;
  gist: string;
  recordedBy: number;
  recordedAt: Date;
};

export function insertInstruction(c: Conn, input: NewInstruction): InstructionRow {
  return c.insert(instructions).values(input).returning().get();
}

export function getInstruction(c: Conn, id: number): InstructionRow | undefined {
  return c.select().from(instructions).where(eq(instructions.id, id)).get();
}

/** The 批示 on an issue, latest first. */
export function instructionsOnIssue(c: Conn, issuePath: string): InstructionRow[] {
  return c
    .select()
    .from(instructions)
    .where(eq(instructions.issuePath, issuePath))
    .orderBy(desc(instructions.date), desc(instructions.id))
    .all();
}

/** Deletes a 批示 and the timeline event it wrote (detail.instructionId). Run it in a transaction. */
export function deleteInstruction(c: Conn, id: number): void {
  c.delete(submissionEvents)
    .where(and(eq(submissionEvents.kind, "instruction"), sql`json_extract(${submissionEvents.detail}, '$.instructionId') = ${id}`))
    .run();
  c.delete(instructions).where(eq(instructions.id, id)).run();
}

export type PublishedAdoption = { adoptionId: number; submissionId: number; unitId: number; heading: string; title: string };

/** The adoptions whose draft was published to this content path: the articles of that issue that came from submissions. */
export function publishedAdoptionsOn(c: Conn, issuePath: string): PublishedAdoption[] {
  return c
    .select({
      adoptionId: adoptions.id,
      submissionId: submissions.id,
      unitId: submissions.unitId,
      heading: adoptions.heading,
      title: submissions.title,
    })
    .from(adoptions)
    .innerJoin(drafts, eq(drafts.id, adoptions.draftId))
    .innerJoin(submissions, eq(submissions.id, adoptions.submissionId))
    .where(and(eq(adoptions.state, "published"), eq(drafts.path, issuePath)))
    .orderBy(asc(adoptions.id))
    .all();
}
