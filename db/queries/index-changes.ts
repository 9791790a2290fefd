// What changed in the index since a moment, whichever process wrote it: the server notices a
// `content:sync` or an import run beside it (another process) and renders the PDFs they changed.
import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Conn } from "../index";
import { issues } from "../schema";

/** The index's change counter: SQLite triggers move it on every write to an issue or series row (migration 0006). */
export function indexVersion(d: Conn): number {
  return d.get<{ version: number }>(sql`SELECT version FROM index_version WHERE id = 1`)?.version ?? 0;
}

/**
 * Published public issues whose rows were written at or after `since` (a sync stamps the rows it
 * writes with the time it started). A scan of the issues table: run when `indexVersion` moved.
 */
export function publicIssuesSyncedSince(d: Conn, since: Date): { path: string; contentHash: string }[] {
  return d
    .select({ path: issues.path, contentHash: issues.contentHash })
    .from(issues)
    .where(and(eq(issues.status, "published"), eq(issues.visibility, "public"), gte(issues.syncedAt, since)))
    .all();
}
