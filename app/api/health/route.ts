// Liveness and readiness for probes and the e2e web server: the database answers and the index
// holds the archive. `lastBackup` lets monitoring alert when backups stop (null: none yet);
// `prerender` shows the background PDF renders (lib/pdf/prerender.ts).
import { countContentProblems, countPublicIssues } from "@/db/queries/archive";
import { lastBackup, lastBackupError } from "@/lib/backup/schedule";
import { contentHistoryStatus } from "@/lib/content-history";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { prerenderStatus } from "@/lib/pdf/prerender";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const issues = countPublicIssues(db());
    const brokenFiles = countContentProblems(db());
    const backup = await lastBackup(env().backupDir).catch((error: unknown) => {
      // An unreadable BACKUP_DIR is reported as no backup, not as a site that is down.
      console.error("health:backup-dir-unreadable", error);
      return null;
    });
    const now = Date.now();
    const failed = lastBackupError();
    return Response.json({
      status: "ok",
      issues,
      brokenFiles,
      lastBackup: backup ? { at: backup.at.toISOString(), ageSeconds: Math.max(0, Math.floor((now - backup.at.getTime()) / 1000)) } : null,
      // Only the time: the message may name paths, and this answer is public.
      ...(failed ? { backupFailedAt: failed.at.toISOString() } : {}),
      contentHistory: contentHistoryStatus(),
      // Counts and a public issue's path only: nothing here is private.
      prerender: prerenderStatus(),
    });
  } catch (error) {
    console.error("health:failed", error);
    return Response.json({ status: "error" }, { status: 503 });
  }
}
