// Published issues as the studio acts on them: start a correction from the file as it is on
// disk, or withdraw / restore it by its status line (status-change.ts). Each write refuses a file
// changed meanwhile.
import "server-only";
import { createCorrection, openCorrectionFor } from "@/db/queries/studio/numbering";
import { indexedIssueById } from "@/db/queries/studio/published";
import { requireSeries, type StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readIssueFile } from "./file-status";
import { fileChangedError } from "./publish-file";
import { draftTitle, splitSource } from "./source";
import { changeIssueStatus } from "./status-change";

export function issueFor(user: StudioUser, issueId: number) {
  const issue = indexedIssueById(db(), issueId);
  if (!issue) throw new AppError("studio:not-found", "找不到这一期");
  requireSeries(user, issue.seriesId);
  return issue;
}

export async function startCorrection(user: StudioUser, issueId: number): Promise<number> {
  const issue = issueFor(user, issueId);
  const d = db();
  const open = openCorrectionFor(d, issue.path);
  if (open) return open;
  const file = await readIssueFile(env().contentDir, issue.path);
  if (!file) throw fileChangedError(issue.path, "gone");
  const created = createCorrection(d, {
    path: issue.path,
    seriesId: issue.seriesId,
    year: issue.year,
    number: issue.number,
    supplement: issue.supplement,
    baseHash: file.hash,
    source: file.text,
    title: draftTitle(splitSource(file.text).fields),
    authorId: user.id,
  });
  return created.draftId;
}

export async function changePublication(
  user: StudioUser,
  input: { issueId: number; expectedHash: string; status: "published" | "withdrawn"; reason?: string },
  /** The request's address, for the audit row (the action passes it; a script has none). */
  ip: string | null = null,
) {
  const issue = issueFor(user, input.issueId);
  await changeIssueStatus(issue.path, user, input, ip);
}
