// A backup archive: one .tar.gz holding a consistent copy of the SQLite database, every regular
// file of content/, a manifest and a SHA256SUMS file, so that a sysadmin can open it with tar
// and check it with sha256sum, and a restore can prove it intact before using it.
//
//   jianbao-backup/data/jianbao.sqlite    the database (SQLite's online backup API)
//   jianbao-backup/content/…              content/, regular files only (symlinks are not followed)
//   jianbao-backup/manifest.json          format, time, app version, schema, size and sha256 per file
//   jianbao-backup/SHA256SUMS             `sha256sum -c` input for all of the above
//
// The overall checksums (sha256 of the whole uncompressed tar, and of the compressed bytes after
// the header) sit in the gzip header's comment field (RFC 1952 FCOMMENT), the one place that can
// name the hash of everything after it. Every other header byte is fixed, the compressed stream
// is guarded by its CRC-32 and length, and the tar by header checksums and the per-file hashes:
// one changed byte anywhere is refused, and the entry it damaged is named.
import { createHash } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { copyDatabase, openForCopy, schemaVersion } from "@/db/snapshot";
import { syncDir } from "@/lib/files";
import { endOfArchive, entryHeader, padding, TarError, TarReader } from "./tar";

export const ROOT = "jianbao-backup";
export const FORMAT = "jianbao-backup";
export const FORMAT_VERSION = 1;
export const DATABASE_ENTRY = "data/jianbao.sqlite";
export const MANIFEST_ENTRY = "manifest.json";
export const SUMS_ENTRY = "SHA256SUMS";

export type ManifestFile = { path: string; size: number; sha256: string; mtime: number };
export type Manifest = {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  app: { name: string; version: string };
  database: { path: string; migration: string | null; migrationsApplied: number };
  files: ManifestFile[];
  skipped: { path: string; reason: string }[];
};

/** A backup that cannot be used, with every problem found, each naming its entry. */
export class BackupInvalid extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`backup:invalid — ${file}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "BackupInvalid";
  }
}

// ---- The gzip container: our own 10-byte header plus the comment, then zlib's deflate stream.

const GZIP_FLAG_COMMENT = 0x10;
const GZIP_OS_UNKNOWN = 0xff;
const COMMENT_PREFIX = `${FORMAT}/${FORMAT_VERSION} sha256=`;
const COMMENT_MIDDLE = " deflate-sha256=";
const HEADER_LENGTH = 10 + COMMENT_PREFIX.length + 64 + COMMENT_MIDDLE.length + 64 + 1;

/**
 * The gzip header of a backup: the sha256 of its uncompressed tar (what `gzip -dc | sha256sum`
 * prints) and of every byte after this header (the compressed stream and the gzip trailer).
 * The second is needed because deflate ignores some bits (the padding of stored blocks and of
 * the last byte): a flipped padding bit decompresses to the same tar. Byte for byte fixed otherwise.
 */
export function gzipHeader(tarSha256: string, payloadSha256: string): Buffer {
  const fixed = Buffer.from([0x1f, 0x8b, 0x08, GZIP_FLAG_COMMENT, 0, 0, 0, 0, 0, GZIP_OS_UNKNOWN]);
  return Buffer.concat([fixed, Buffer.from(`${COMMENT_PREFIX}${tarSha256}${COMMENT_MIDDLE}${payloadSha256}\0`, "latin1")]);
}

/** The checksums named in a backup's gzip header, or a description of what is wrong with it. */
export function parseGzipHeader(head: Buffer): { sha256: string; payloadSha256: string } | { problem: string } {
  if (head.length < HEADER_LENGTH) return { problem: "the file is too short to be a backup" };
  const expected = gzipHeader("0".repeat(64), "0".repeat(64));
  const text = head.toString("latin1", 10, HEADER_LENGTH);
  for (let i = 0; i < 10 + COMMENT_PREFIX.length; i++) {
    if (head[i] !== expected[i])
      return {
        problem: `the gzip header is not a backup's (byte ${i} is 0x${head[i]!.toString(16).padStart(2, "0")}, expected 0x${expected[i]!.toString(16).padStart(2, "0")})`,
      };
  }
  const m = /^[^ ]+ sha256=([0-9a-f]{64}) deflate-sha256=([0-9a-f]{64})\0$/.exec(text);
  if (!m) return { problem: "the checksums in the gzip header are damaged" };
  return { sha256: m[1]!, payloadSha256: m[2]! };
}

const sumsLine = (sha256: string, rel: string) => `${sha256}  ${rel}\n`;

export function sumsText(manifest: Manifest, manifestSha256: string): string {
  return manifest.files.map((f) => sumsLine(f.sha256, f.path)).join("") + sumsLine(manifestSha256, MANIFEST_ENTRY);
}

// ---- Writing

type Sink = { put(bytes: Buffer): Promise<void> };

async function putFile(sink: Sink, rel: string, source: fsp.FileHandle, size: number, mtime: number): Promise<string> {
  await sink.put(entryHeader(`${ROOT}/${rel}`, size, mtime));
  const hash = createHash("sha256");
  const buffer = Buffer.alloc(1024 * 1024);
  let left = size;
  let position = 0;
  while (left > 0) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, left), position);
    if (bytesRead === 0) throw new Error(`backup:file-changed — ${rel} became shorter while it was being copied; run the backup again`);
    const chunk = Buffer.from(buffer.subarray(0, bytesRead));
    hash.update(chunk);
    await sink.put(chunk);
    left -= bytesRead;
    position += bytesRead;
  }
  await sink.put(padding(size));
  return hash.digest("hex");
}

async function putBytes(sink: Sink, rel: string, bytes: Buffer, mtime: number): Promise<void> {
  await sink.put(entryHeader(`${ROOT}/${rel}`, bytes.length, mtime));
  await sink.put(bytes);
  await sink.put(padding(bytes.length));
}

// Hidden temporary files a publication writes before renaming them into place.
const IN_FLIGHT = /^\..*\.tmp$/;

/**
 * Every regular file under `root`, sorted, found without following a symbolic link: a link in
 * content/ (to data/auth-secret, say) is listed as skipped, never read.
 */
async function* walk(root: string, rel = "", skipped: Manifest["skipped"]): AsyncGenerator<string> {
  const dir = path.join(root, rel);
  const stat = await fsp.lstat(dir);
  if (!stat.isDirectory()) {
    skipped.push({ path: `content/${rel}`, reason: "changed into a non-directory while being read" });
    return;
  }
  const entries = (await fsp.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(root, child, skipped);
    else if (e.isSymbolicLink()) skipped.push({ path: `content/${child}`, reason: "symbolic link (not followed)" });
    else if (!e.isFile()) skipped.push({ path: `content/${child}`, reason: "not a regular file" });
    else if (IN_FLIGHT.test(e.name)) skipped.push({ path: `content/${child}`, reason: "temporary file of a write in progress" });
    else yield child;
  }
}

export type CreateOptions = {
  out: string;
  databaseFile: string;
  contentDir: string;
  /** The server's own connection: paced copy steps kept current by SQLite. Otherwise one step from a new connection. */
  connection?: import("better-sqlite3").Database;
  app?: { name: string; version: string };
  now?: Date;
};

function appInfo(): { name: string; version: string } {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { name?: string; version?: string };
    return { name: pkg.name ?? "jianbao", version: pkg.version ?? "unknown" };
  } catch {
    return { name: "jianbao", version: "unknown" };
  }
}

/**
 * Writes a backup to `out` (through a temporary file and a rename: never half an archive under
 * its final name). The database is copied first and content/ after it, so the files are as new
 * as the database's view of them or newer, never older (a publication in between leaves its file
 * in the backup and its draft approved, which the studio shows, rather than a published record
 * whose file is missing).
 */
export async function createBackup(opts: CreateOptions): Promise<{ file: string; manifest: Manifest; sha256: string; bytes: number }> {
  const now = opts.now ?? new Date();
  const out = path.resolve(opts.out);
  await fsp.mkdir(path.dirname(out), { recursive: true, mode: 0o700 });
  // A backup holds password hashes and internal issues: never inside the published folder (nor
  // would the next backup then contain the last one).
  const contentReal = await fsp.realpath(opts.contentDir).catch(() => null);
  const outDir = await fsp.realpath(path.dirname(out));
  if (contentReal && (outDir === contentReal || outDir.startsWith(contentReal + path.sep))) {
    throw new Error(`backup:inside-content — ${out} is inside CONTENT_DIR (${contentReal}); put backups elsewhere (BACKUP_DIR, --out)`);
  }
  const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  const dbCopy = `${tmp}.sqlite`;
  try {
    // 1. The database, as one consistent snapshot, to a private file beside the archive.
    const own = !opts.connection;
    const source = opts.connection ?? openForCopy(opts.databaseFile);
    try {
      await copyDatabase(source, dbCopy, { oneStep: own });
    } finally {
      if (own) source.close();
    }
    const copy = openForCopy(dbCopy);
    const schema = (() => {
      try {
        return schemaVersion(copy);
      } finally {
        copy.close();
      }
    })();

    // 2. The archive: our gzip header (checksum filled in at the end), then zlib's deflate stream.
    const output = fs.createWriteStream(tmp, { flags: "wx", mode: 0o600 });
    output.write(gzipHeader("0".repeat(64), "0".repeat(64)));
    const payload = createHash("sha256");
    const gzip = zlib.createGzip({ level: 6 });
    let skip = 10; // zlib's own 10-byte header: ours replaces it
    const stripHeader = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (skip > 0) {
          const n = Math.min(skip, chunk.length);
          skip -= n;
          chunk = chunk.subarray(n);
        }
        payload.update(chunk);
        done(null, chunk);
      },
    });
    const written = pipeline(gzip, stripHeader, output);
    const overall = createHash("sha256");
    const sink: Sink = {
      async put(bytes) {
        if (bytes.length === 0) return;
        overall.update(bytes);
        if (!gzip.write(bytes)) await Promise.race([once(gzip, "drain"), written]);
      },
    };
    const produce = async (): Promise<Manifest> => {
      const files: ManifestFile[] = [];
      const skipped: Manifest["skipped"] = [];
      const add = async (rel: string, file: string) => {
        const handle = await fsp.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
        try {
          const st = await handle.stat();
          if (!st.isFile()) return skipped.push({ path: rel, reason: "not a regular file" });
          const mtime = Math.floor(st.mtimeMs / 1000);
          const sha256 = await putFile(sink, rel, handle, st.size, mtime);
          files.push({ path: rel, size: st.size, sha256, mtime });
        } finally {
          await handle.close();
        }
      };
      await add(DATABASE_ENTRY, dbCopy);
      const contentRoot = contentReal;
      if (contentRoot) {
        for await (const rel of walk(contentRoot, "", skipped)) {
          try {
            await add(`content/${rel}`, path.join(contentRoot, rel));
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            // Replaced by a link, or removed, between listing and opening: as the walk would have.
            if (code === "ELOOP") skipped.push({ path: `content/${rel}`, reason: "symbolic link (not followed)" });
            else if (code === "ENOENT") skipped.push({ path: `content/${rel}`, reason: "removed while the backup ran" });
            else throw error;
          }
        }
      }
      const manifest: Manifest = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        createdAt: now.toISOString(),
        app: opts.app ?? appInfo(),
        database: { path: DATABASE_ENTRY, migration: schema.migration, migrationsApplied: schema.applied },
        files,
        skipped,
      };
      const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
      const mtime = Math.floor(now.getTime() / 1000);
      await putBytes(sink, MANIFEST_ENTRY, manifestBytes, mtime);
      const manifestSha = createHash("sha256").update(manifestBytes).digest("hex");
      await putBytes(sink, SUMS_ENTRY, Buffer.from(sumsText(manifest, manifestSha), "utf8"), mtime);
      await sink.put(endOfArchive());
      gzip.end();
      return manifest;
    };
    const [manifest] = await Promise.all([
      produce().catch((error: unknown) => {
        gzip.destroy(error as Error);
        throw error;
      }),
      written,
    ]);
    const sha256 = overall.digest("hex");

    // 3. The real checksum into the header, to disk, then under its name.
    const handle = await fsp.open(tmp, "r+");
    try {
      await handle.write(gzipHeader(sha256, payload.digest("hex")), 0, HEADER_LENGTH, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, out);
    await syncDir(path.dirname(out));
    const { size } = await fsp.stat(out);
    return { file: out, manifest, sha256, bytes: size };
  } finally {
    await fsp.rm(tmp, { force: true });
    await fsp.rm(dbCopy, { force: true });
  }
}

// ---- Reading and checking

export type EntrySink = {
  /** Called for each entry before its bytes; returns where they go (nothing: only hashed). */
  open(rel: string, size: number, mtime: number): Promise<{ write(chunk: Buffer): Promise<void>; close(): Promise<void> } | null>;
};

export type Verified = { manifest: Manifest; sha256: string; entries: Map<string, { size: number; sha256: string }> };

const MANIFEST_MAX = 64 * 1024 * 1024;

/**
 * Reads a backup from end to end and checks everything: the gzip header, the compressed stream's
 * CRC and length, each tar header, each entry's sha256 and size against the manifest and
 * SHA256SUMS, the manifest against SHA256SUMS, and the sha256 of the whole tar against the
 * header. Hands each entry to `sink` on the way (a restore writes them to a staging folder and
 * uses them only if this returns). Throws BackupInvalid listing every problem, by entry.
 */
export async function readBackup(file: string, sink?: EntrySink): Promise<Verified> {
  const problems: string[] = [];
  const fail = (): never => {
    throw new BackupInvalid(file, problems);
  };
  let stat: fs.Stats;
  try {
    stat = await fsp.stat(file);
  } catch (error) {
    problems.push(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return fail();
  }
  if (!stat.isFile()) {
    problems.push("not a regular file");
    return fail();
  }
  const head = Buffer.alloc(HEADER_LENGTH);
  const trailer = Buffer.alloc(8);
  const fh = await fsp.open(file, "r");
  try {
    await fh.read(head, 0, HEADER_LENGTH, 0);
    if (stat.size >= HEADER_LENGTH + 8) await fh.read(trailer, 0, 8, stat.size - 8);
  } finally {
    await fh.close();
  }
  const header = parseGzipHeader(head);
  if ("problem" in header) {
    problems.push(header.problem);
    return fail();
  }
  if (stat.size < HEADER_LENGTH + 8) {
    problems.push("the file is too short to be a backup");
    return fail();
  }

  const reader = new TarReader(ROOT);
  const overall = createHash("sha256");
  let tarBytes = 0;
  const entries = new Map<string, { size: number; sha256: string }>();
  const small = new Map<string, Buffer[]>();
  type Current = {
    rel: string;
    size: number;
    hash: ReturnType<typeof createHash>;
    out: Awaited<ReturnType<EntrySink["open"]>>;
    keep: Buffer[] | null;
  };
  let current = null as Current | null;
  let streamProblem: string | null = null;
  let crc = 0;
  const payload = createHash("sha256");
  try {
    // The deflate stream between our header and the 8-byte trailer, inflated without zlib's own
    // CRC check: that check fails only at the very end and throws away the last output with it
    // (the manifest), and then no damaged entry could be named. CRC-32 and length are checked below.
    const inflate = zlib.createInflateRaw();
    // A read error destroys the inflate stream too, which ends the loop below with it.
    const deflateEnd = stat.size - 8;
    let position = HEADER_LENGTH;
    const splitter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        payload.update(chunk);
        const keep = Math.max(0, Math.min(chunk.length, deflateEnd - position));
        position += chunk.length;
        done(null, chunk.subarray(0, keep));
      },
    });
    pipeline(fs.createReadStream(file, { start: HEADER_LENGTH }), splitter, inflate).catch(() => undefined);
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      overall.update(chunk);
      crc = zlib.crc32(chunk, crc);
      tarBytes += chunk.length;
      for (const event of reader.push(chunk)) {
        if (event.type === "entry") {
          const rel = event.path.slice(ROOT.length + 1);
          if (entries.has(rel) || current?.rel === rel) throw new TarError(rel, "appears twice in the archive");
          const keep: Buffer[] | null = rel === MANIFEST_ENTRY || rel === SUMS_ENTRY ? [] : null;
          if (keep && event.size > MANIFEST_MAX) throw new TarError(rel, "is too large");
          current = {
            rel,
            size: event.size,
            hash: createHash("sha256"),
            out: keep ? null : ((await sink?.open(rel, event.size, event.mtime)) ?? null),
            keep,
          };
        } else if (event.type === "data") {
          current!.hash.update(event.chunk);
          if (current!.keep) current!.keep.push(Buffer.from(event.chunk));
          await current!.out?.write(event.chunk);
        } else {
          await current!.out?.close();
          entries.set(current!.rel, { size: current!.size, sha256: current!.hash.digest("hex") });
          if (current!.keep) small.set(current!.rel, current!.keep);
          current = null;
        }
      }
    }
    reader.end();
  } catch (error) {
    if (error instanceof TarError)
      streamProblem = `${error.where.startsWith(`${ROOT}/`) ? error.where.slice(ROOT.length + 1) : error.where}: ${error.message.slice(error.where.length + 2)}`;
    else if ((error as { code?: string }).code?.startsWith("Z_"))
      streamProblem = `the compressed data is damaged (${(error as Error).message})${reader.lastEntry ? ` in or after the entry ${reader.lastEntry.slice(ROOT.length + 1)}` : " before the first entry"}`;
    else throw error;
  }
  if (current) await current.out?.close().catch(() => undefined);
  // The gzip trailer: CRC-32 and length of the uncompressed data. Bytes added or cut at the end
  // move it, so they are caught here too.
  if (!streamProblem) {
    if (trailer.readUInt32LE(0) !== crc >>> 0)
      streamProblem = "the compressed data's CRC-32 does not match the gzip trailer (damaged, or bytes were added or cut at the end)";
    else if (trailer.readUInt32LE(4) !== tarBytes % 2 ** 32)
      streamProblem = "the uncompressed length does not match the gzip trailer (damaged, or bytes were added or cut at the end)";
  }

  // The per-entry checks run whatever happened to the stream, so the entry a damaged byte landed in is named.
  const manifestBytes = small.get(MANIFEST_ENTRY) ? Buffer.concat(small.get(MANIFEST_ENTRY)!) : null;
  const sumsBytes = small.get(SUMS_ENTRY) ? Buffer.concat(small.get(SUMS_ENTRY)!) : null;
  const sums = new Map<string, string>();
  if (sumsBytes) {
    const text = sumsBytes.toString("utf8");
    const lines = text.split("\n");
    if (lines.pop() !== "") problems.push(`${SUMS_ENTRY}: damaged (does not end with a newline)`);
    for (const [i, line] of lines.entries()) {
      const m = /^([0-9a-f]{64}) {2}(\S(?:.*\S)?)$/.exec(line);
      if (!m || sums.has(m[2]!)) problems.push(`${SUMS_ENTRY}: line ${i + 1} is damaged`);
      else sums.set(m[2]!, m[1]!);
    }
  } else if (!streamProblem) problems.push(`${SUMS_ENTRY}: missing`);
  let manifest: Manifest | null = null;
  if (manifestBytes) {
    const actual = entries.get(MANIFEST_ENTRY)!.sha256;
    if (sums.size > 0 && sums.get(MANIFEST_ENTRY) !== actual)
      problems.push(
        `${MANIFEST_ENTRY}: sha256 does not match ${SUMS_ENTRY} (${actual.slice(0, 12)}… instead of ${(sums.get(MANIFEST_ENTRY) ?? "none").slice(0, 12)}…)`,
      );
    try {
      manifest = parseManifest(manifestBytes);
    } catch (error) {
      problems.push(`${MANIFEST_ENTRY}: ${(error as Error).message}`);
    }
  } else if (!streamProblem) problems.push(`${MANIFEST_ENTRY}: missing`);
  if (manifest) {
    const listed = new Set<string>();
    for (const f of manifest.files) {
      listed.add(f.path);
      const got = entries.get(f.path);
      if (!got) {
        if (!streamProblem) problems.push(`${f.path}: listed in the manifest but not in the archive`);
        continue;
      }
      if (got.size !== f.size) problems.push(`${f.path}: ${got.size} bytes, the manifest says ${f.size}`);
      if (got.sha256 !== f.sha256)
        problems.push(`${f.path}: sha256 does not match the manifest (${got.sha256.slice(0, 12)}… instead of ${f.sha256.slice(0, 12)}…)`);
      if (sums.size > 0 && sums.get(f.path) !== f.sha256) problems.push(`${f.path}: the manifest and ${SUMS_ENTRY} disagree`);
    }
    for (const rel of entries.keys())
      if (!listed.has(rel) && rel !== MANIFEST_ENTRY && rel !== SUMS_ENTRY) problems.push(`${rel}: in the archive but not in the manifest`);
    if (sumsBytes && manifestBytes && sumsBytes.toString("utf8") !== sumsText(manifest, entries.get(MANIFEST_ENTRY)!.sha256)) {
      if (!problems.some((p) => p.includes(SUMS_ENTRY))) problems.push(`${SUMS_ENTRY}: does not list exactly the manifest's files`);
    }
    if (!manifest.files.some((f) => f.path === DATABASE_ENTRY)) problems.push(`${DATABASE_ENTRY}: missing from the manifest`);
  }
  if (streamProblem) problems.push(streamProblem);
  const sha256 = overall.digest("hex");
  if (sha256 !== header.sha256)
    problems.push(
      `the archive's overall sha256 does not match its header (${sha256.slice(0, 12)}… instead of ${header.sha256.slice(0, 12)}…)`,
    );
  // Read to the end only when the stream was whole; otherwise the loop stopped early.
  if (!streamProblem) {
    const got = payload.digest("hex");
    if (got !== header.payloadSha256)
      problems.push(
        `the compressed bytes' sha256 does not match the header (${got.slice(0, 12)}… instead of ${header.payloadSha256.slice(0, 12)}…)`,
      );
  }
  if (problems.length > 0 || !manifest) return fail();
  return { manifest, sha256, entries };
}

const manifestFile = (v: unknown): v is ManifestFile =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as ManifestFile).path === "string" &&
  Number.isSafeInteger((v as ManifestFile).size) &&
  /^[0-9a-f]{64}$/.test(String((v as ManifestFile).sha256));

function parseManifest(bytes: Buffer): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new Error("is not valid JSON (damaged)");
  }
  const m = value as Manifest;
  if (m?.format !== FORMAT) throw new Error(`is not a ${FORMAT} manifest`);
  if (m.formatVersion !== FORMAT_VERSION)
    throw new Error(`has format version ${String(m.formatVersion)}; this program reads version ${FORMAT_VERSION}`);
  if (!Array.isArray(m.files) || !m.files.every(manifestFile)) throw new Error("has a damaged file list");
  if (typeof m.createdAt !== "string" || Number.isNaN(Date.parse(m.createdAt))) throw new Error("has a damaged creation time");
  return m;
}
