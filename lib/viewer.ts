// What the current reader may see beyond public issues. Internal issues are for signed-in
// readers; sign-in arrives with the studio (issue 4), so until then every reader is anonymous.
// Pages, search and PDFs ask here, so sign-in changes one place.
import "server-only";

export async function viewerMayReadInternal(): Promise<boolean> {
  return false;
}
