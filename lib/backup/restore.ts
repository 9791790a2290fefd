// Restoring a backup: prove the archive intact before anything changes, refuse while a server has
// the database open, unpack into staging folders beside the targets, check the unpacked database,
// then move the current database and content/ aside (kept, never deleted) and the restored ones
// into place, and finally migrate the restored database to this code's schema.
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { countRecords, integrityProblems, lockExclusive, openForCopy, schemaVersion } from "@/db/snapshot";
import { syncDir } from "@/lib/files";
import { BackupInvalid, DATABASE_ENTRY, type Manifest, readBackup, type Verified } from "./archive";
import { backupStamp } from "./names";

export type RestoreCode = "backup:invalid" | "backup:in-use" | "backup:exists" | "backup:failed";

/** A refusal or failure of a restore, with a code and a plain message for the operator. */
export class RestoreError extends Error {
  constructor(
    readonly code: RestoreCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RestoreError";
  }
}

export type RestoreOptions = {
  file: string;
  dataDir: string;
  contentDir: string;
  force?: boolean;
  /** Runs the app's migrations on the restored database (openDb); left out by `--verify`. */
  migrate?: (databaseFile: string) => void;
  now?: Date;
};

export type RestoreResult = {
  manifest: Manifest;
  databaseFile: string;
  contentDir: string;
  keptDatabase: string | null;
  keptContent: string | null;
  records: Record<string, number>;
  files: number;
  migration: string | null;
};

/** Checks a backup without changing anything: what `npm run restore -- FILE --verify` prints. */
export async function verifyBackup(file: string): Promise<Verified> {
  try {
    return await readBackup(file);
  } catch (error) {
    if (error instanceof BackupInvalid) throw invalid(error);
    throw error;
  }
}

const invalid = (error: BackupInvalid) =>
  new RestoreError(
    "backup:invalid",
    `备份文件 ${error.file} 未通过校验，没有做任何改动：\n${error.problems.map((p) => `  - ${p}`).join("\n")}`,
    { cause: error },
  );

async function exists(p: string): Promise<boolean> {
  return fsp.lstat(p).then(
    () => true,
    () => false,
  );
}

/** sha256 of every regular file under dir (no links followed), by path relative to it. */
async function hashTree(dir: string, rel = "", out = new Map<string, string>()): Promise<Map<string, string>> {
  for (const e of await fsp.readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) await hashTree(dir, child, out);
    else if (e.isFile()) {
      const hash = createHash("sha256");
      for await (const chunk of fs.createReadStream(path.join(dir, child))) hash.update(chunk as Buffer);
      out.set(child, hash.digest("hex"));
    } else out.set(child, "(not a regular file)");
  }
  return out;
}

/** How content/ differs from the backup's copy; empty when restoring it would change nothing. */
async function contentDifferences(contentDir: string, manifest: Manifest): Promise<string[]> {
  if (!(await exists(contentDir))) return [];
  const current = await hashTree(contentDir);
  const backup = new Map(
    manifest.files.filter((f) => f.path.startsWith("content/")).map((f) => [f.path.slice("content/".length), f.sha256]),
  );
  const differences: string[] = [];
  for (const [rel, sha] of current)
    if (backup.get(rel) !== sha) differences.push(backup.has(rel) ? `content/${rel}（内容不同）` : `content/${rel}（备份中没有）`);
  for (const rel of backup.keys()) if (!current.has(rel)) differences.push(`content/${rel}（现有目录中没有）`);
  return differences.sort();
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const file = path.resolve(opts.file);
  const dataDir = path.resolve(opts.dataDir);
  const databaseFile = path.join(dataDir, "jianbao.sqlite");
  // A content folder that is a symbolic link (to another disk, say) is restored where it points.
  const contentDir = await fsp.realpath(opts.contentDir).catch(() => path.resolve(opts.contentDir));
  const stamp = backupStamp(opts.now ?? new Date());

  // 1. The whole archive, checked before anything is touched.
  const { manifest } = await verifyBackup(file);

  // 2. Never under a running server: it would go on writing to the file moved aside.
  const lock = (await exists(databaseFile)) ? lockExclusive(databaseFile) : null;
  if ((await exists(databaseFile)) && !lock) {
    throw new RestoreError(
      "backup:in-use",
      `数据库 ${databaseFile} 正被另一个进程使用（服务器还在运行？）。请先停止服务器再恢复；即使加 --force 也不会在服务器运行时恢复。`,
    );
  }
  const staging: string[] = [];
  try {
    // 3. Nothing existing is replaced without --force. A content/ identical to the backup's is left as it is.
    const differences = await contentDifferences(contentDir, manifest);
    const contentSame = differences.length === 0 && (await exists(contentDir));
    if (!opts.force) {
      const reasons: string[] = [];
      if (lock) {
        const counts = countRecords(lock.connection);
        reasons.push(
          `已有数据库 ${databaseFile}（${counts.users ?? 0} 个账号、${counts.drafts ?? 0} 份稿件、${counts.audit_log ?? 0} 条操作记录）`,
        );
      }
      if (differences.length > 0)
        reasons.push(`content 目录 ${contentDir} 与备份不同（${differences.length} 个文件，例如 ${differences.slice(0, 3).join("、")}）`);
      if (reasons.length > 0) {
        throw new RestoreError(
          "backup:exists",
          `恢复会替换现有数据，没有做任何改动：\n${reasons.map((r) => `  - ${r}`).join("\n")}\n确认要替换时加 --force；现有的数据库和 content 目录会改名保留（*.pre-restore-${stamp}），不会删除。`,
        );
      }
    }

    // 4. Unpacked beside the targets (same file system, so the final renames are atomic), checked again on the way.
    await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
    await fsp.mkdir(path.dirname(contentDir), { recursive: true });
    const dataStage = await fsp.mkdtemp(path.join(dataDir, ".restore-"));
    staging.push(dataStage);
    const contentStage = await fsp.mkdtemp(path.join(path.dirname(contentDir), `.${path.basename(contentDir)}.restore-`));
    staging.push(contentStage);
    const written: string[] = [];
    try {
      await readBackup(file, {
        async open(rel, _size, mtime) {
          // Paths were checked by the tar reader (relative, no "..", under the root); the stage
          // folders are new and hold nothing this code did not create, so no link can redirect a write.
          const target =
            rel === DATABASE_ENTRY
              ? path.join(dataStage, "jianbao.sqlite")
              : rel.startsWith("content/")
                ? path.join(contentStage, rel.slice("content/".length))
                : null;
          if (!target) return null;
          await fsp.mkdir(path.dirname(target), { recursive: true });
          const handle = await fsp.open(target, "wx", rel === DATABASE_ENTRY ? 0o600 : 0o644);
          written.push(target);
          return {
            write: async (chunk) => void (await handle.write(chunk)),
            close: async () => {
              await handle.sync();
              await handle.close();
              await fsp.utimes(target, mtime, mtime).catch(() => undefined);
            },
          };
        },
      });
    } catch (error) {
      if (error instanceof BackupInvalid) throw invalid(error);
      throw error;
    }
    const stagedDb = path.join(dataStage, "jianbao.sqlite");
    const problems = integrityProblems(stagedDb);
    if (problems.length > 0)
      throw new RestoreError(
        "backup:invalid",
        `备份中的数据库未通过 SQLite 完整性检查，没有做任何改动：\n${problems
          .slice(0, 10)
          .map((p) => `  - ${p}`)
          .join("\n")}`,
      );
    // Already on disk: each unpacked entry was fsynced as it was closed.

    // 5. The swap: current files aside (kept), restored ones in. Undone in reverse if a step fails.
    const undo: (() => Promise<void>)[] = [];
    let keptDatabase: string | null = null;
    let keptContent: string | null = null;
    try {
      if (!contentSame) {
        if (await exists(contentDir)) {
          keptContent = `${contentDir}.pre-restore-${stamp}`;
          await fsp.rename(contentDir, keptContent);
          undo.push(() => fsp.rename(keptContent!, contentDir));
        }
        await fsp.rename(contentStage, contentDir);
        undo.push(() => fsp.rename(contentDir, contentStage));
      }
      // The journal files go too, even without a database beside them: SQLite would replay a
      // left-over WAL or journal into the restored file and corrupt it.
      const present: string[] = [];
      for (const suffix of ["", "-wal", "-shm", "-journal"]) if (await exists(databaseFile + suffix)) present.push(suffix);
      if (present.length > 0) {
        keptDatabase = `${databaseFile}.pre-restore-${stamp}`;
        for (const suffix of present) {
          await fsp.rename(databaseFile + suffix, keptDatabase + suffix);
          undo.push(() => fsp.rename(keptDatabase! + suffix, databaseFile + suffix));
        }
      }
      await fsp.rename(stagedDb, databaseFile);
    } catch (error) {
      for (const step of undo.reverse()) await step().catch((e: unknown) => console.error("backup:restore-undo-failed", e));
      throw new RestoreError("backup:failed", `恢复时移动文件失败，已复原到恢复前的状态：${(error as Error).message}`, { cause: error });
    }
    await syncDir(dataDir);

    // 6. Migrated to this code's schema (openDb: a copy is taken first if a migration is pending).
    lock?.release();
    opts.migrate?.(databaseFile);
    const restored = openForCopy(databaseFile);
    try {
      return {
        manifest,
        databaseFile,
        contentDir,
        keptDatabase,
        keptContent,
        records: countRecords(restored),
        files: written.length - 1,
        migration: schemaVersion(restored).migration,
      };
    } finally {
      restored.close();
    }
  } finally {
    try {
      lock?.release();
    } catch {
      // already released
    }
    for (const dir of staging) await fsp.rm(dir, { recursive: true, force: true });
  }
}
