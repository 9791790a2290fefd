// What the current reader may see beyond public issues: signed-in studio users from editor up also
// read internal issues; a unit's contributor (报送员) reads only what the public reads. Pages, search and PDFs ask here, so the rule lives in one place.
// Requests with a session cookie bypass the page cache (lib/page-cache.mjs), so this holds there too.
import "server-only";
import type { IssueDetail } from "@/db/queries/archive";
import { roleAtLeast } from "@/db/queries/users";
import { currentUser } from "@/lib/auth/session";
import { findIssue, type IssueParams } from "@/lib/route-params";

export async function viewerMayReadInternal(): Promise<boolean> {
  const user = await currentUser();
  return user !== null && roleAtLeast(user.role, "editor");
}

/** The issue an /<series>/<year>/<number> URL names, as far as this reader may see it: public
 * issues for everyone, internal ones for signed-in editors, reviewers and admins too. */
export async function findIssueForViewer(params: IssueParams): Promise<IssueDetail | undefined> {
  return findIssue(params, { includeInternal: await viewerMayReadInternal() });
}
