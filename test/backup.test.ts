// Backups and restore, as an operator runs them: `npm run backup` while an editor keeps saving in
// another process, `npm run restore` after data/ and content/ are gone, and everything back (and
// signing in). A backup with one changed byte anywhere is refused, naming the entry; a hostile
// archive (../, absolute paths, links) is refused before anything is written; a restore never
// runs under a live database nor replaces data without --force. The server's scheduled backups
// keep BACKUP_KEEP; a pending migration is preceded by a copy of the database.
import { fork, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import * as client from "@/db/index";
import { recordAudit } from "@/db/queries/studio/audit";
import { addDraftPicture } from "@/db/queries/studio/media";
import { createDraft } from "@/db/queries/studio/numbering";
import { savePreset } from "@/db/queries/studio/presets";
import { commentDraft, submitDraft } from "@/db/queries/studio/review";
import { saveRevision } from "@/db/queries/studio/revisions";
import { authorizeCredentials } from "@/lib/auth/authorize";
import * as archive from "@/lib/backup/archive";
import * as restore from "@/lib/backup/restore";
import * as schedule from "@/lib/backup/schedule";
import { endOfArchive, entryHeader, padding } from "@/lib/backup/tar";
import * as dbm from "@/lib/database";
import { env as appEnv } from "@/lib/env";
import { readPicture } from "@/lib/pictures/bytes";
import { composeSource } from "@/lib/studio/source";
import type { SaverInit, SaverReply } from "./lib/backup-saver-child";
import { pngOf } from "./lib/pictures";
import { draftFields, studioSite } from "./lib/studio-site";
import type { TempSite } from "./lib/temp-site";

const REPO = path.resolve(import.meta.dirname, "..");
const TSX = path.join(REPO, "node_modules/.bin/tsx");
const PASSWORD = "restore-drill-密码-2026";

/** Runs an npm script's file the way `npm run` does, with the site's environment. */
function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--conditions=react-server", path.join(REPO, "scripts", script), ...args], {
      cwd: REPO,
      env: { ...process.env, ...env, NODE_ENV: "production" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
    child.stdin.end(stdin ?? "");
  });
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** sha256 of every regular file under dir, by relative path; links listed as "link". */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (e.isSymbolicLink()) out[rel] = "link";
    else if (e.isFile()) out[rel] = sha256(await fsp.readFile(path.join(dir, rel)));
  }
  return out;
}

const rows = (file: string, sql: string) => {
  const d = new Database(file, { readonly: true });
  try {
    return d.prepare(sql).all();
  } finally {
    d.close();
  }
};

// ---- Helpers to damage an archive in a chosen place.

/** The uncompressed tar of a backup, and the overall checksum its header names. */
function unpackGzip(file: string): { tar: Buffer; sha: string } {
  const raw = fs.readFileSync(file);
  const tar = zlib.gunzipSync(raw);
  const comment = raw.toString("latin1", 10, raw.indexOf(0, 10));
  return { tar, sha: / sha256=([0-9a-f]{64})/.exec(comment)![1]! };
}

/** Offset of an entry's first data byte in a tar (names are short ASCII in these tests). */
function dataOffset(tar: Buffer, name: string): number {
  for (let at = 0; at < tar.length; at += 512) {
    if (tar.toString("latin1", at, at + 100).replace(/\0+$/, "") === name) return at + 512;
    const size = parseInt(tar.toString("latin1", at + 124, at + 135), 8) || 0;
    at += Math.ceil(size / 512) * 512;
  }
  throw new Error(`no entry ${name}`);
}

describe("backups and restore", () => {
  let site: TempSite;
  let editor: number;
  let reviewer: number;
  let work: string;
  let env: Record<string, string>;
  const m = { dbm, client, archive, restore, schedule };

  beforeAll(async () => {
    work = await fsp.mkdtemp(path.join(os.tmpdir(), "jianbao-backup-test-"));
    process.env.BACKUP_DIR = path.join(work, "backups");
    ({ site, editor, reviewer } = await studioSite(["jtyx/2022/003.mdx"]));
    env = { DATA_DIR: site.dataDir, CONTENT_DIR: site.contentDir, BACKUP_DIR: process.env.BACKUP_DIR, BACKUP_EVERY: "off" };
  }, 120_000);

  afterAll(async () => {
    m.dbm.closeDb();
    delete process.env.BACKUP_DIR;
    await fsp.rm(work, { recursive: true, force: true });
  });

  it("restore drill: back up while an editor saves, lose data/ and content/, restore, everything is there and signs in", async () => {
    // Accounts: one through the real command line (a real scrypt hash), two from the site.
    const add = await runScript(
      "user.ts",
      ["add", "--email", "admin@example.org", "--name", "张管理", "--role", "admin", "--password-stdin"],
      env,
      `${PASSWORD}\n`,
    );
    expect(add.code, add.err).toBe(0);
    const d = m.dbm.db();
    const key = (n: number) => ({ series: "jtyx", year: 2026, number: n, supplement: false });
    const newDraft = (title: string) =>
      createDraft(d, {
        seriesId: "jtyx",
        year: 2026,
        supplement: false,
        authorId: editor,
        compose: (n) => ({ source: composeSource(key(n), draftFields(title), `${title}的正文。`), title }),
        path: (n) => `jtyx/2026/${String(n).padStart(3, "0")}.mdx`,
      });
    // A draft with three revisions, two pictures, a submission and a comment.
    const a = newDraft("恢复演练甲");
    let head = a.revisionId;
    for (const i of [2, 3]) {
      const r = saveRevision(d, {
        draftId: a.draftId,
        baseRevisionId: head,
        source: composeSource(key(a.number), draftFields("恢复演练甲"), `第${i}版正文。`),
        title: "恢复演练甲",
        authorId: editor,
        kind: "save",
      });
      if (!r.ok) throw new Error("save refused");
      head = r.revision.id;
    }
    for (const [name, bytes] of [
      ["一.png", pngOf(40, 30)],
      ["二.png", pngOf(50, 20, [200, 40, 40], 8)],
    ] as const) {
      addDraftPicture(d, { draftId: a.draftId, picture: readPicture(bytes, name), originalName: name, bytes, actorId: editor });
    }
    submitDraft(d, { draftId: a.draftId, revisionId: head, actorId: editor });
    commentDraft(d, { draftId: a.draftId, actorId: reviewer, comment: "第二段请再核对" });
    savePreset(d, { seriesId: "jtyx", name: "常用", report: ["省委办公厅"], send: [], issue: ["市级团委"], actorId: reviewer });
    recordAudit(d, { actorId: editor, actorEmail: "e@example.org", action: "auth.sign-in", ip: "127.0.0.1" });
    // The draft the child process saves in a loop.
    const b = newDraft("循环保存");
    // content/: a published picture (binary), and a link to a secret that must not be followed.
    await site.write("jtyx/2022/003.media/0a1b2c3d4e5f.png", "");
    await fsp.writeFile(path.join(site.contentDir, "jtyx/2022/003.media/0a1b2c3d4e5f.png"), pngOf(300, 200, [10, 90, 160], 20));
    // A name tar's ustar fields cannot hold (Chinese, over 100 bytes): written as a pax record.
    await site.write(`jtyx/资料/${"很长的文件名".repeat(8)}.txt`, "附件说明\n");
    await fsp.writeFile(path.join(work, "secret"), "do-not-copy");
    await fsp.symlink(path.join(work, "secret"), path.join(site.contentDir, "jtyx/2022/003.media/leak.png"));
    const contentBefore = await tree(site.contentDir);

    const file = m.dbm.db().$client.name;
    const child = fork(path.resolve(import.meta.dirname, "lib/backup-saver-child.ts"), [], {
      execArgv: ["--import", "tsx", "--conditions=react-server"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const ask = (message: "count" | "stop" | { init: SaverInit }) =>
      new Promise<SaverReply>((resolve, reject) => {
        const exited = (code: number | null) => reject(new Error(`saver exited with ${code}`));
        child.once("exit", exited);
        child.once("message", (r: SaverReply) => {
          child.off("exit", exited);
          resolve(r);
        });
        child.send(message);
      });
    const out = path.join(work, "drill.tar.gz");
    let before = 0;
    let after = 0;
    try {
      expect(
        await ask({
          init: { file, draftId: b.draftId, authorId: editor, header: composeSource(key(b.number), draftFields("循环保存"), "") },
        }),
      ).toEqual({ ready: true });
      while (before < 20) {
        const r = await ask("count");
        if ("error" in r) throw new Error(r.error);
        if ("saved" in r) before = r.saved;
      }
      const backup = await runScript("backup.ts", ["--out", out], env);
      expect(backup.code, backup.err).toBe(0);
      // It holds password hashes: readable by its owner only.
      expect(fs.statSync(out).mode & 0o777).toBe(0o600);
      const verify = await runScript("restore.ts", [out, "--verify"], env);
      expect(verify.code, verify.err).toBe(0);
      const journal = JSON.parse(fs.readFileSync(path.join(REPO, "db/migrations/meta/_journal.json"), "utf8")) as {
        entries: { tag: string }[];
      };
      expect(verify.out).toContain(`数据库结构版本 ${journal.entries.at(-1)!.tag}`);
      expect(backup.out).toContain("跳过 content/jtyx/2022/003.media/leak.png");
      // With the editor's process holding the database, a restore is refused even with --force.
      const live = await runScript("restore.ts", [out, "--force"], env);
      expect(live.code).toBe(4);
      expect(live.err).toContain("backup:in-use");
      const r = await ask("stop");
      if ("error" in r) throw new Error(r.error);
      if ("saved" in r) after = r.saved;
    } finally {
      if (child.exitCode === null) child.kill();
    }
    // The editor went on saving while the backup ran.
    console.log(`restore drill: ${before} saves before the backup started, ${after} when it had finished`);
    expect(after).toBeGreaterThan(before);

    // What the restore must bring back: everything but the loop's later saves.
    const tables = ["users", "user_series", "drafts", "draft_media", "review_events", "distribution_presets", "audit_log"];
    const dump = (f: string) => Object.fromEntries(tables.map((t) => [t, rows(f, `SELECT * FROM ${t} ORDER BY rowid`)]));
    const expected = dump(file);
    const expectedRevisions = rows(file, `SELECT * FROM revisions ORDER BY id`) as { id: number; draft_id: number; seq: number }[];
    m.dbm.closeDb();

    await fsp.rm(site.dataDir, { recursive: true, force: true });
    await fsp.rm(site.contentDir, { recursive: true, force: true });
    const restore = await runScript("restore.ts", [out], env);
    expect(restore.code, restore.err + restore.out).toBe(0);

    // The database: every account, draft, picture, review event, preset and audit row as it was.
    const restored = dump(file);
    const drafts = (restored.drafts as { id: number; head_revision_id: number }[]).map((r) => ({ ...r }));
    const loop = drafts.find((r) => r.id === b.draftId)!;
    const expectedDrafts = (expected.drafts as { id: number }[]).filter((r) => r.id !== b.draftId);
    expect({ ...restored, drafts: drafts.filter((r) => r.id !== b.draftId) }).toEqual({ ...expected, drafts: expectedDrafts });
    // The loop's draft as one consistent moment: its head is its newest revision, saves 1..k all
    // there, identical to the originals, k between the saves before and after the backup.
    const revisions = rows(file, `SELECT * FROM revisions ORDER BY id`) as { id: number; draft_id: number; seq: number }[];
    const loopRevisions = revisions.filter((r) => r.draft_id === b.draftId);
    expect(loop.head_revision_id).toBe(loopRevisions.at(-1)!.id);
    expect(loopRevisions.map((r) => r.seq)).toEqual(loopRevisions.map((_, i) => i + 1));
    expect(loopRevisions.length - 1).toBeGreaterThanOrEqual(before);
    expect(loopRevisions.length - 1).toBeLessThanOrEqual(after);
    expect(revisions).toEqual(expectedRevisions.slice(0, revisions.length));
    expect(rows(file, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(rows(file, "SELECT count(*) AS n FROM __drizzle_migrations")).toEqual([
      { n: JSON.parse(fs.readFileSync(path.join(REPO, "db/migrations/meta/_journal.json"), "utf8")).entries.length },
    ]);

    // content/: byte for byte, without the link (and nothing of what it pointed to).
    const { "jtyx/2022/003.media/leak.png": link, ...regular } = contentBefore;
    expect(link).toBe("link");
    expect(await tree(site.contentDir)).toEqual(regular);

    // Signing in: the real sign-in check against the restored database.
    const signedIn = await authorizeCredentials(
      { email: "admin@example.org", password: PASSWORD },
      "127.0.0.1",
      m.client.openDb(file, { backupDir: env.BACKUP_DIR! }),
    );
    expect(signedIn).toMatchObject({ email: "admin@example.org", role: "admin" });
    expect(
      await authorizeCredentials(
        { email: "admin@example.org", password: "wrong-password-1" },
        "127.0.0.1",
        m.client.openDb(file, { backupDir: env.BACKUP_DIR! }),
      ),
    ).toBeNull();
  }, 240_000);

  describe("a damaged or hostile archive is refused", () => {
    let good: string;
    beforeAll(async () => {
      good = path.join(work, "small.tar.gz");
      await m.archive.createBackup({ out: good, databaseFile: m.dbm.db().$client.name, contentDir: site.contentDir });
    });

    const refusal = async (file: string) => {
      const error = await m.restore.verifyBackup(file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `${file} was accepted`).toBeInstanceOf(m.restore.RestoreError);
      expect((error as InstanceType<typeof m.restore.RestoreError>).code).toBe("backup:invalid");
      return (error as Error).message;
    };

    /** A tar compressed under a backup's header naming `tarSha` (right or wrong) and the true hash of the compressed bytes. */
    const wrap = (tar: Buffer, tarSha: string) => {
      const payload = zlib.gzipSync(tar).subarray(10);
      return Buffer.concat([m.archive.gzipHeader(tarSha, sha256(payload)), payload]);
    };

    /** The archive with one byte of its uncompressed tar changed, recompressed under the original header. */
    function flippedInTar(entry: string, delta = 0): string {
      const { tar, sha } = unpackGzip(good);
      const at = dataOffset(tar, `jianbao-backup/${entry}`) + delta;
      tar[at] = tar[at]! ^ 0x01;
      const file = path.join(work, `flip-${entry.replace(/\W/g, "_")}.tar.gz`);
      fs.writeFileSync(file, wrap(tar, sha));
      return file;
    }

    it("the intact archive passes", async () => {
      const v = await m.restore.verifyBackup(good);
      expect(v.manifest.files.map((f) => f.path)).toContain("data/jianbao.sqlite");
    });

    it("one flipped byte in the manifest, a content file or the database names that entry", async () => {
      expect(await refusal(flippedInTar("manifest.json", 30))).toMatch(/manifest\.json: sha256 does not match SHA256SUMS/);
      expect(await refusal(flippedInTar("content/jtyx/2022/003.mdx", 100))).toMatch(
        /content\/jtyx\/2022\/003\.mdx: sha256 does not match the manifest/,
      );
      expect(await refusal(flippedInTar("data/jianbao.sqlite", 5000))).toMatch(/data\/jianbao\.sqlite: sha256 does not match the manifest/);
      expect(await refusal(flippedInTar("SHA256SUMS", 3))).toMatch(/SHA256SUMS/);
    });

    it("one flipped bit anywhere in the file (gzip header, compressed stream, trailer) is refused", async () => {
      const raw = fs.readFileSync(good);
      const positions = new Set<number>();
      for (let i = 0; i < 180; i++) positions.add(i); // the gzip header and its checksum comment
      for (let i = raw.length - 40; i < raw.length - 8; i++) positions.add(i); // the end of the deflate stream (its padding bits)
      for (let i = raw.length - 8; i < raw.length; i++) positions.add(i); // CRC-32 and length
      for (let i = 0; i < 300; i++) positions.add(180 + Math.floor(((raw.length - 188) * i) / 300));
      const accepted: number[] = [];
      const file = path.join(work, "flip-raw.tar.gz");
      for (const at of positions) {
        const copy = Buffer.from(raw);
        copy[at] = copy[at]! ^ 0x01;
        fs.writeFileSync(file, copy);
        const ok = await m.restore.verifyBackup(file).then(
          () => true,
          () => false,
        );
        if (ok) accepted.push(at);
      }
      expect(accepted).toEqual([]);
      // A flip in the middle of the compressed stream still names the entry it damaged.
      const mid = Buffer.from(raw);
      mid[Math.floor(mid.length / 2)] = mid[Math.floor(mid.length / 2)]! ^ 0x01;
      fs.writeFileSync(file, mid);
      expect(await refusal(file)).toMatch(
        /(data\/jianbao\.sqlite|content\/\S+|manifest\.json|SHA256SUMS): sha256 does not match|in or after the entry \S+/,
      );
      // And bytes added at the end.
      fs.writeFileSync(file, Buffer.concat([raw, Buffer.from("x")]));
      expect(await refusal(file)).toMatch(/does not end where the compressed stream ends|compressed data/);
    }, 120_000);

    /** A tar built by hand, with a correct overall checksum: only the entry itself is wrong. */
    async function hostile(name: string, opts: { typeflag?: string; linkname?: string } = {}): Promise<string> {
      const body = Buffer.from("pwned\n");
      const tar = Buffer.concat([
        entryHeader(name, opts.typeflag && opts.typeflag !== "0" ? 0 : body.length, 0, opts),
        ...(opts.typeflag && opts.typeflag !== "0" ? [] : [body, padding(body.length)]),
        endOfArchive(),
      ]);
      const file = path.join(work, `hostile-${sha256(Buffer.from(name + JSON.stringify(opts))).slice(0, 8)}.tar.gz`);
      fs.writeFileSync(file, wrap(tar, sha256(tar)));
      return file;
    }

    it("refuses ../, absolute paths, links, devices and directories in the archive, writing nothing", async () => {
      const target = await fsp.mkdtemp(path.join(work, "target-"));
      const cases: [string, string, { typeflag?: string; linkname?: string }][] = [
        ["jianbao-backup/../../escaped.txt", "..", {}],
        ["jianbao-backup/content/../../escaped.txt", "..", {}],
        ["/tmp/escaped.txt", "absolute path", {}],
        ["escaped.txt", "not under jianbao-backup/", {}],
        ["jianbao-backup/content/jtyx/link.png", "symbolic link", { typeflag: "2", linkname: "/etc/passwd" }],
        ["jianbao-backup/content/jtyx/hard.png", "hard link", { typeflag: "1", linkname: "jianbao-backup/data/jianbao.sqlite" }],
        ["jianbao-backup/content/jtyx", "a directory", { typeflag: "5" }],
        ["jianbao-backup/content/dev", "a device", { typeflag: "3" }],
      ];
      for (const [name, why, opts] of cases) {
        const file = await hostile(name, opts);
        expect(await refusal(file)).toContain(why);
        const error = await m.restore
          .restoreBackup({ file, dataDir: path.join(target, "data"), contentDir: path.join(target, "content"), force: true })
          .catch((e: unknown) => e);
        expect((error as { code?: string }).code).toBe("backup:invalid");
      }
      expect(await fsp.readdir(target)).toEqual([]);
      expect(fs.existsSync(path.join(work, "escaped.txt")) || fs.existsSync("/tmp/escaped.txt")).toBe(false);
    });
  });

  it("refuses to replace an existing database without --force, and keeps the old one with it", async () => {
    const out = path.join(work, "force.tar.gz");
    const dbFile = m.dbm.db().$client.name;
    await m.archive.createBackup({ out, databaseFile: dbFile, contentDir: site.contentDir });
    m.dbm.closeDb();
    const before = sha256(fs.readFileSync(dbFile));
    const refused = await runScript("restore.ts", [out], env);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain("backup:exists");
    expect(refused.err).toContain("已有数据库");
    expect(sha256(fs.readFileSync(dbFile))).toBe(before);
    const forced = await runScript("restore.ts", [out, "--force"], env);
    expect(forced.code, forced.err).toBe(0);
    const kept = fs.readdirSync(site.dataDir).filter((n) => /^jianbao\.sqlite\.pre-restore-\d{8}T\d{6}Z$/.test(n));
    expect(kept).toHaveLength(1);
    expect(sha256(fs.readFileSync(path.join(site.dataDir, kept[0]!)))).toBe(before);
  }, 60_000);

  it("moves a left-over WAL aside instead of letting SQLite replay it into the restored database", async () => {
    const out = path.join(work, "stale-wal.tar.gz");
    await m.archive.createBackup({ out, databaseFile: m.dbm.db().$client.name, contentDir: site.contentDir });
    const target = await fsp.mkdtemp(path.join(work, "stale-"));
    const dataDir = path.join(target, "data");
    await fsp.mkdir(dataDir);
    // Another database's WAL, full of frames, left behind by a crash after its database was deleted.
    const other = new Database(path.join(target, "other.sqlite"));
    other.pragma("journal_mode = WAL");
    other.pragma("wal_autocheckpoint = 0");
    other.exec("CREATE TABLE users (x); CREATE TABLE drafts (y);");
    const insert = other.prepare("INSERT INTO users VALUES (?)");
    for (let i = 0; i < 2000; i++) insert.run("x".repeat(200));
    await fsp.copyFile(path.join(target, "other.sqlite-wal"), path.join(dataDir, "jianbao.sqlite-wal"));
    other.close();
    const r = await m.restore.restoreBackup({ file: out, dataDir, contentDir: path.join(target, "content") });
    expect(rows(r.databaseFile, "SELECT email FROM users WHERE email = 'e@example.org'")).toHaveLength(1);
    expect(rows(r.databaseFile, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(fs.existsSync(`${r.keptDatabase}-wal`)).toBe(true);
  });

  it("a scheduled backup through the server's connection finishes while another process keeps writing", async () => {
    // Big enough for many paced steps: each write by the other process restarts a paced copy.
    const d = m.dbm.db();
    d.$client.exec("CREATE TABLE IF NOT EXISTS test_filler (b BLOB)");
    const fill = d.$client.prepare("INSERT INTO test_filler VALUES (randomblob(4000))");
    d.$client.transaction(() => {
      for (let i = 0; i < 5000; i++) fill.run();
    })();
    const key = { series: "jtyx", year: 2027, number: 1, supplement: false };
    const draft = createDraft(d, {
      seriesId: "jtyx",
      year: 2027,
      supplement: false,
      authorId: editor,
      compose: (n) => ({ source: composeSource({ ...key, number: n }, draftFields("写个不停"), "正文"), title: "写个不停" }),
      path: (n) => `jtyx/2027/${String(n).padStart(3, "0")}.mdx`,
    });
    const child = fork(path.resolve(import.meta.dirname, "lib/backup-saver-child.ts"), [], {
      execArgv: ["--import", "tsx", "--conditions=react-server"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const reply = () => new Promise<SaverReply>((resolve) => child.once("message", resolve));
    try {
      child.send({
        init: { file: d.$client.name, draftId: draft.draftId, authorId: editor, header: composeSource(key, draftFields("写个不停"), "") },
      });
      expect(await reply()).toEqual({ ready: true });
      let saved = 0;
      while (saved < 20) {
        child.send("count");
        const r = await reply();
        saved = "saved" in r ? r.saved : 0;
      }
      const dir = path.join(work, "paced");
      const r = await m.schedule.runScheduledBackup({
        dir,
        keep: 1,
        databaseFile: d.$client.name,
        contentDir: site.contentDir,
        connection: d.$client,
      });
      expect(r).not.toBe("locked");
      child.send("count");
      const during = await reply();
      expect("saved" in during && during.saved).toBeGreaterThan(saved);
      const v = await m.restore.verifyBackup((r as { file: string }).file);
      expect(v.manifest.files.find((f) => f.path === "data/jianbao.sqlite")!.size).toBeGreaterThan(20_000_000);
    } finally {
      child.kill();
      d.$client.exec("DROP TABLE test_filler");
    }
  }, 120_000);

  it("never writes a backup inside content/ (it holds password hashes and internal issues)", async () => {
    const out = path.join(site.contentDir, "jtyx", "backup.tar.gz");
    await expect(m.archive.createBackup({ out, databaseFile: m.dbm.db().$client.name, contentDir: site.contentDir })).rejects.toThrow(
      /backup:inside-content/,
    );
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes("backup"))).toEqual([]);
  });

  it("scheduled backups keep the newest BACKUP_KEEP, leave manual ones alone, and /api/health reports the newest", async () => {
    const dir = path.join(work, "scheduled");
    const dbFile = m.dbm.db().$client.name;
    const t0 = Date.UTC(2026, 0, 1, 0, 0, 0);
    await m.archive.createBackup({
      out: path.join(dir, "jianbao-backup-20251231T000000Z.tar.gz"),
      databaseFile: dbFile,
      contentDir: site.contentDir,
    });
    for (let i = 0; i < 5; i++) {
      const r = await m.schedule.runScheduledBackup({
        dir,
        keep: 3,
        databaseFile: dbFile,
        contentDir: site.contentDir,
        connection: m.dbm.db().$client,
        now: new Date(t0 + i * 3_600_000),
      });
      expect(r).not.toBe("locked");
    }
    expect(fs.readdirSync(dir).sort()).toEqual([
      "jianbao-backup-20251231T000000Z.tar.gz",
      "jianbao-backup-20260101T020000Z-auto.tar.gz",
      "jianbao-backup-20260101T030000Z-auto.tar.gz",
      "jianbao-backup-20260101T040000Z-auto.tar.gz",
    ]);
    // Each kept archive is a whole, valid backup.
    for (const name of fs.readdirSync(dir)) await m.restore.verifyBackup(path.join(dir, name));
    expect(m.schedule.parseEvery("30m")).toBe(1_800_000);
    expect(m.schedule.parseEvery("off")).toBeNull();
    expect(() => m.schedule.parseEvery("1 day")).toThrow(/BACKUP_EVERY/);
    const started = new Date(t0);
    expect(m.schedule.nextDue(new Date(t0), 86_400_000, new Date(t0 + 1000), started).getTime()).toBe(t0 + 86_400_000);
    expect(m.schedule.nextDue(null, 86_400_000, new Date(t0 + 120_000), started).getTime()).toBe(t0 + 120_000);

    // /api/health: null before any backup in BACKUP_DIR, then the newest archive's time.
    const empty = (await (await GET()).json()) as { lastBackup: unknown; status: string; issues: number };
    expect(empty).toMatchObject({ status: "ok", lastBackup: null });
    expect(typeof empty.issues).toBe("number");
    const now = new Date();
    await m.schedule.runScheduledBackup({ dir: appEnv().backupDir, keep: 3, databaseFile: dbFile, contentDir: site.contentDir, now });
    const health = (await (await GET()).json()) as { lastBackup: { at: string; ageSeconds: number } };
    expect(health.lastBackup.at).toBe(new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString());
    expect(health.lastBackup.ageSeconds).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it("copies the database to BACKUP_DIR before a pending migration changes it, and not otherwise", async () => {
    const folder = path.join(work, "old-migrations");
    await fsp.cp(path.join(REPO, "db/migrations"), folder, { recursive: true });
    const journalFile = path.join(folder, "meta/_journal.json");
    const journal = JSON.parse(await fsp.readFile(journalFile, "utf8")) as { entries: { tag: string }[] };
    const old = journal.entries.slice(0, 6); // up to 0005_studio: users exist, 0006 and later pending
    await fsp.writeFile(journalFile, JSON.stringify({ ...journal, entries: old }));
    const dbFile = path.join(work, "old", "jianbao.sqlite");
    await fsp.mkdir(path.dirname(dbFile));
    {
      const sqlite = new Database(dbFile);
      sqlite.pragma("journal_mode = WAL");
      migrate(drizzle(sqlite), { migrationsFolder: folder });
      sqlite
        .prepare(
          "INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES ('old@example.org', '旧账号', 'admin', 'scrypt$x', 0, 0)",
        )
        .run();
      sqlite.close();
    }
    const dir = appEnv().backupDir;
    const copies = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith("pre-migration-")) : []);
    expect(copies()).toEqual([]);
    m.client.openDb(dbFile, { backupDir: dir });
    m.client.closeDb(dbFile);
    const made = copies();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(new RegExp(`^pre-migration-${journal.entries[6]!.tag}-\\d{8}T\\d{6}Z\\.sqlite$`));
    const copy = path.join(dir, made[0]!);
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
    expect(rows(copy, "SELECT count(*) AS n FROM __drizzle_migrations")).toEqual([{ n: 6 }]);
    expect(rows(copy, "SELECT email FROM users")).toEqual([{ email: "old@example.org" }]);
    expect(rows(dbFile, "SELECT count(*) AS n FROM __drizzle_migrations")).toEqual([{ n: journal.entries.length }]);
    // Up to date now: opening again copies nothing; nor does creating a brand-new database.
    m.client.openDb(dbFile, { backupDir: dir });
    m.client.closeDb(dbFile);
    const fresh = path.join(work, "fresh", "jianbao.sqlite");
    m.client.openDb(fresh, { backupDir: dir });
    m.client.closeDb(fresh);
    expect(copies()).toEqual(made);
  });
});
