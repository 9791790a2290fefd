// The withdrawal or republication of the status crash test (test/studio-status-crash.test.ts), in
// its own process as the server's would be: changes one issue's status and exits, unless
// JIANBAO_FAULT_AT kills it first. Arguments: the issue's id, the file's hash as read, the status
// to set, then the reviewer's id. Exits 0 when it changed the status, 4 when it was refused
// because someone else was changing (or had changed) the issue, else 3.
import { indexedIssueById } from "@/db/queries/studio/published";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { changeIssueStatus } from "@/lib/studio/status-change";

const [issueId, expectedHash, status, actorId] = process.argv.slice(2);
changeIssueStatus(
  indexedIssueById(db(), Number(issueId))!.path,
  { id: Number(actorId), email: "r@example.org" },
  {
    expectedHash: expectedHash!,
    status: status === "withdrawn" ? "withdrawn" : "published",
    reason: status === "withdrawn" ? "崩溃测试" : undefined,
  },
).then(
  () => process.exit(0),
  (error: unknown) => {
    if (isAppError(error) && (error.code === "studio:publishing" || error.code === "studio:file-changed")) process.exit(4);
    console.error(error);
    process.exit(3);
  },
);
