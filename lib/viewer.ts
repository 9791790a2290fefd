// What the current reader may see beyond public issues: signed-in studio users (any role) also
// read internal issues. Pages, search and PDFs ask here, so the rule lives in one place.
// Requests with a session cookie bypass the page cache (lib/page-cache.mjs), so this holds there too.
import "server-only";
import { currentUser } from "@/lib/auth/session";

export async function viewerMayReadInternal(): Promise<boolean> {
  return (await currentUser()) !== null;
}
