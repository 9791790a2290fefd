// Runs once when the server starts: index content/ into SQLite so the archive is current
// without a separate step (a broken file is logged and skipped; it never stops the server), and
// unpack the shipped fonts that per-issue font subsets are cut from; start the publication and
// backup schedules and the 信息报送 mailer; queue the PDFs of the issues the sync found new or
// changed, and watch the index for issues another process's sync changes.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  // In the background (a worker thread): the first /print page or PDF then finds the fonts unpacked.
  const { warmFontSources } = await import("@/lib/fonts/subset-store");
  void warmFontSources().catch((error: unknown) => console.error("fonts:warm-failed", error));
  try {
    const { announceFirstAdminSetup } = await import("@/lib/auth/first-admin");
    announceFirstAdminSetup(env().authUrl);
  } catch (error) {
    console.error("auth:first-admin-failed", error);
  }
  const { startPublishScheduler } = await import("@/lib/studio/scheduler");
  startPublishScheduler();
  // 信息报送 notification e-mail, only when SMTP_URL is set.
  try {
    (await import("@/lib/xinxi/mailer")).startMailer();
  } catch (error) {
    console.error("mail:start-failed", error);
  }
  try {
    // Opened (and migrated, a copy taken first if a migration is pending) at start, not at the
    // first request: the server then holds the database's lock, which `npm run restore` checks.
    const { db } = await import("@/lib/database");
    db();
    const { startBackupScheduler } = await import("@/lib/backup/schedule");
    const e = env();
    startBackupScheduler({
      dir: e.backupDir,
      every: e.BACKUP_EVERY,
      keep: e.BACKUP_KEEP,
      databaseFile: e.databaseFile,
      contentDir: e.contentDir,
      connection: () => db().$client,
    });
  } catch (error) {
    console.error("backup:schedule-failed", error);
  }
  // Commits (and pushes) to content/'s git history that a previous run left queued.
  (await import("@/lib/content-history")).resumeContentHistory();
  // A content:sync or an import run beside the server (or instead of its own sync at start): the
  // PDFs of the issues they change are rendered ahead too.
  (await import("@/lib/pdf/prerender")).startIndexWatch();
  if (env().SYNC_ON_START === "0") return;
  const { syncContent } = await import("@/lib/content/sync");
  const { formatProblem } = await import("@/lib/content/problem");
  const { queuePdfPrerender } = await import("@/lib/pdf/prerender");
  try {
    // Issues added or changed while the server was down get their PDFs rendered in the background.
    const r = await syncContent({ root: env().contentDir, onIndexed: queuePdfPrerender });
    for (const p of r.problems) console.warn(`content:problem ${formatProblem(p)}`);
    console.log(
      `content:sync ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed, ${r.failed} with problems (${r.ms} ms)`,
    );
  } catch (error) {
    console.error("content:sync-failed", error);
  }
}
