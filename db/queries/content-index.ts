// Writes of the content sync: series and issue rows derived from files, and the file ledger
// that lets an unchanged file be skipped.
import "server-only";
import type { Database } from "better-sqlite3";
import { eq, inArray } from "drizzle-orm";
import type { LoadedIssue, LoadedSeries } from "@/lib/content/load";
import type { ContentProblem } from "@/lib/content/problem";
import { searchDocument } from "@/lib/search/document";
import { type Db, db } from "../index";
import { type ContentFileRow, contentFiles, contentProblems, distributionKinds, issues, series } from "../schema";

export function fileLedger(db: Db): Map<string, ContentFileRow> {
  return new Map(
    db
      .select()
      .from(contentFiles)
      .all()
      .map((f) => [f.path, f]),
  );
}

export function upsertSeries(db: Db, s: LoadedSeries, now: Date) {
  const row = {
    id: s.definition.id,
    name: s.definition.name,
    organization: s.definition.organization,
    color: s.definition.color,
    showTotal: s.definition.numbering.showTotal,
    definition: s.definition,
    path: s.path,
    contentHash: s.hash,
    syncedAt: now,
  };
  db.insert(series).values(row).onConflictDoUpdate({ target: series.id, set: row }).run();
}

export function deleteSeriesExcept(db: Db, keep: string[]) {
  const rows = db.select({ id: series.id }).from(series).all();
  const gone = rows.map((r) => r.id).filter((id) => !keep.includes(id));
  if (gone.length > 0) db.delete(series).where(inArray(series.id, gone)).run();
}

// The per-issue writes run 10,000 times in a cold sync of a large archive: they use statements
// prepared once per connection, because building each query through the ORM cost more than the
// write itself (≈3.7 ms of ≈11 ms per issue, measured with --cpu-prof).
type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<Database, Statements>();

function prepare(client: Database) {
  const issueColumns = [
    "series_id",
    "year",
    "number",
    "supplement",
    "total",
    "organization",
    "date",
    "title",
    "title_lines",
    "subtitle",
    "preface",
    "marking",
    "editor",
    "copies",
    "visibility",
    "status",
    "articles",
    "path",
    "content_hash",
    "synced_at",
  ];
  return {
    conflict: client.prepare<[string, number, number, number, string], { path: string }>(
      "SELECT path FROM issues WHERE series_id = ? AND year = ? AND number = ? AND supplement = ? AND path <> ? LIMIT 1",
    ),
    upsertIssue: client.prepare<unknown[], { id: number }>(
      `INSERT INTO issues (${issueColumns.join(", ")}) VALUES (${issueColumns.map(() => "?").join(", ")})
       ON CONFLICT(path) DO UPDATE SET ${issueColumns.map((c) => `${c} = excluded.${c}`).join(", ")} RETURNING id`,
    ),
    upsertBody: client.prepare(
      "INSERT INTO issue_bodies (issue_id, tree, text) VALUES (?, ?, ?) ON CONFLICT(issue_id) DO UPDATE SET tree = excluded.tree, text = excluded.text",
    ),
    deleteDistributions: client.prepare("DELETE FROM distributions WHERE issue_id = ?"),
    insertDistribution: client.prepare("INSERT INTO distributions (issue_id, kind, position, body) VALUES (?, ?, ?, ?)"),
    deleteSearch: client.prepare("DELETE FROM issue_search WHERE rowid = ?"),
    insertSearch: client.prepare("INSERT INTO issue_search (rowid, title, body) VALUES (?, ?, ?)"),
    deleteChars: client.prepare("DELETE FROM issue_chars WHERE rowid = ?"),
    insertChars: client.prepare("INSERT INTO issue_chars (rowid, title, body) VALUES (?, ?, ?)"),
    upsertFile: client.prepare(
      `INSERT INTO content_files (path, kind, hash, stamp, ok, retry, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET kind = excluded.kind, hash = excluded.hash, stamp = excluded.stamp, ok = excluded.ok, retry = excluded.retry, synced_at = excluded.synced_at`,
    ),
    restamp: client.prepare("UPDATE content_files SET stamp = ? WHERE path = ?"),
    fileRow: client.prepare<[string], { hash: string; stamp: string | null; ok: number; retry: number; synced_at: number }>(
      "SELECT hash, stamp, ok, retry, synced_at FROM content_files WHERE path = ?",
    ),
    deleteProblems: client.prepare("DELETE FROM content_problems WHERE path = ?"),
    insertProblem: client.prepare('INSERT INTO content_problems (path, line, "column", field, code, message) VALUES (?, ?, ?, ?, ?, ?)'),
    removeIssue: client.prepare("DELETE FROM issues WHERE path = ?"),
  };
}

function statements(): Statements {
  const client = db().$client;
  let s = prepared.get(client);
  if (!s) prepared.set(client, (s = prepare(client)));
  return s;
}

/** The path of another file that already holds this issue's series/year/number, if any. */
export function conflictingIssuePath(_tx: Db, issue: LoadedIssue): string | undefined {
  const k = issue.key;
  return statements().conflict.get(k.series, k.year, k.number, k.supplement ? 1 : 0, issue.path)?.path;
}

/** Writes the issue's rows; returns its id. */
export function upsertIssue(_tx: Db, issue: LoadedIssue, combinedHash: string, now: Date): number {
  const fm = issue.frontmatter;
  const r = issue.resolved;
  const s = statements();
  const saved = s.upsertIssue.get(
    issue.key.series,
    issue.key.year,
    issue.key.number,
    issue.key.supplement ? 1 : 0,
    fm.total ?? null,
    r.organization,
    fm.date,
    r.title,
    JSON.stringify(r.titleLines),
    fm.subtitle ?? null,
    fm.preface ?? null,
    r.marking ?? null,
    r.editor,
    fm.copies ?? null,
    fm.visibility,
    fm.status,
    JSON.stringify(issue.body.articles),
    issue.path,
    combinedHash,
    now.getTime(),
  )!;
  s.upsertBody.run(saved.id, issue.body.treeJson ?? JSON.stringify(issue.body.tree), issue.body.text);
  s.deleteDistributions.run(saved.id);
  for (const kind of distributionKinds)
    r.distribution[kind].forEach((body, position) => {
      s.insertDistribution.run(saved.id, kind, position, body);
    });
  // The issue's text in the search index, replaced in the same transaction as its row.
  const doc = issue.search ?? searchDocument(issue);
  s.deleteSearch.run(saved.id);
  s.insertSearch.run(saved.id, doc.titlePairs, doc.bodyPairs);
  s.deleteChars.run(saved.id);
  s.insertChars.run(saved.id, doc.titleChars, doc.bodyChars);
  return saved.id;
}

export function recordFile(
  _tx: Db,
  path: string,
  kind: "series" | "issue",
  hash: string,
  problems: ContentProblem[],
  now: Date,
  retry = false,
  stamp: string | null = null,
) {
  const s = statements();
  s.upsertFile.run(path, kind, hash, stamp, problems.length === 0 ? 1 : 0, retry ? 1 : 0, now.getTime());
  s.deleteProblems.run(path);
  for (const p of problems) s.insertProblem.run(p.path, p.line, p.column ?? null, p.field, p.code, p.message);
}

/** A file found unchanged by its bytes but touched on disk: remember its new stamp. */
export function restampFile(_tx: Db, path: string, stamp: string) {
  statements().restamp.run(stamp, path);
}

/**
 * A file's ledger row as one comparable value: a sync that read `version` for a file may write
 * the file's rows only while the row still has it (another writer, such as the studio's
 * single-file sync, has otherwise indexed a newer state meanwhile). Null: no row.
 */
export function ledgerVersion(row: ContentFileRow | undefined): string | null {
  return row ? version(row.hash, row.stamp, row.ok, row.retry, row.syncedAt.getTime()) : null;
}

/** The file's ledger row as it is now, inside the caller's write transaction (see ledgerVersion). */
export function fileVersionNow(_tx: Db, path: string): string | null {
  const r = statements().fileRow.get(path);
  return r ? version(r.hash, r.stamp, Boolean(r.ok), Boolean(r.retry), r.synced_at) : null;
}

const version = (hash: string, stamp: string | null, ok: boolean, retry: boolean, syncedAt: number) =>
  JSON.stringify([hash, stamp, ok, retry, syncedAt]);

export function forgetFiles(db: Db, paths: string[]) {
  if (paths.length === 0) return;
  db.delete(issues).where(inArray(issues.path, paths)).run();
  db.delete(contentProblems).where(inArray(contentProblems.path, paths)).run();
  db.delete(contentFiles).where(inArray(contentFiles.path, paths)).run();
}

export function removeIssueAt(_tx: Db, path: string) {
  statements().removeIssue.run(path);
}

export type IndexTx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const generation = globalThis as unknown as { jianbaoIndexGeneration?: number };

/** Counts this process's index writes, so caches of the index (search) know to reload. */
export function indexGeneration(): number {
  return generation.jianbaoIndexGeneration ?? 0;
}

function indexChanged() {
  generation.jianbaoIndexGeneration = indexGeneration() + 1;
}

/**
 * Runs `fn` in one write transaction on the index database. IMMEDIATE: the write lock is taken
 * before `fn` reads, so what a sync checks inside (that a file's row is as it read it) cannot be
 * changed by another process before its write lands.
 */
export function writeIndex<T>(fn: (tx: Db) => T): T {
  const handle = db();
  try {
    return handle.transaction((tx) => fn(tx as unknown as Db), { behavior: "immediate" });
  } finally {
    indexChanged();
  }
}

export function readLedger(): Map<string, ContentFileRow> {
  return fileLedger(db());
}

export function readLedgerRow(path: string): ContentFileRow | undefined {
  return db().select().from(contentFiles).where(eq(contentFiles.path, path)).get();
}
