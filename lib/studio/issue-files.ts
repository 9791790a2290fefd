// Published issues as the studio acts on them: start a correction from the file as it is on
// disk, or withdraw / restore it by its status line. Each write refuses a file changed meanwhile.
import "server-only";
import { createCorrection, openCorrectionFor } from "@/db/queries/studio/numbering";
import { indexedIssueById } from "@/db/queries/studio/published";
import { requireSeries, type StudioUser } from "@/lib/auth/session";
import { syncIssueFile } from "@/lib/content/sync-one";
import { recordContentChange } from "@/lib/content-history";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clearIssuePdfs } from "@/lib/pdf/cache";
import { auditAs } from "./audit-as";
import { readIssueFile, setIssueFileStatus } from "./file-status";
import { fileChangedError } from "./publish-file";
import { draftTitle, splitSource } from "./source";

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
) {
  const issue = issueFor(user, input.issueId);
  const root = env().contentDir;
  await setIssueFileStatus({ root, rel: issue.path, status: input.status, expectedHash: input.expectedHash });
  const indexed = await syncIssueFile({ root, rel: issue.path });
  if (!indexed.ok) console.error("studio:status-index-failed", issue.path, indexed.problems);
  await clearIssuePdfs({ series: issue.seriesId, year: issue.year, number: issue.number, supplement: issue.supplement }).catch(
    (e: unknown) => console.error("studio:pdf-clear-failed", e),
  );
  await auditAs(
    user,
    input.status === "withdrawn" ? "issue.withdraw" : "issue.restore",
    issue.path,
    input.reason ? { reason: input.reason } : undefined,
  );
  recordContentChange({
    op: input.status === "withdrawn" ? "withdraw" : "republish",
    rel: issue.path,
    personId: user.id,
    reason: input.reason,
  });
}
