// Writes of the content sync: series and issue rows derived from files, and the file ledger
// that lets an unchanged file be skipped. The sync computes what is written (the search text
// included); these functions only store it.
import "server-only";
import type { Database } from "better-sqlite3";
import { eq, inArray } from "drizzle-orm";
import type { LoadedIssue, LoadedSeries } from "@/lib/content/load";
import type { ContentProblem } from "@/lib/content/problem";
import type { SearchDocument } from "@/lib/search/text";
import type { Db } from "../index";
import { type ContentFileRow, contentFiles, contentProblems, distributionKinds, issues, series } from "../schema";

/** Every file's ledger row, by path. */
export function readLedger(d: Db): Map<string, ContentFileRow> {
  return new Map(
    d
      .select()
      .from(contentFiles)
      .all()
      .map((f) => [f.path, f]),
  );
}

export function upsertSeries(d: Db, s: LoadedSeries, now: Date) {
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
  d.insert(series).values(row).onConflictDoUpdate({ target: series.id, set: row }).run();
}

export function deleteSeriesExcept(d: Db, keep: string[]) {
  const rows = d.select({ id: series.id }).from(series).all();
  const gone = rows.map((r) => r.id).filter((id) => !keep.includes(id));
  if (gone.length > 0) d.delete(series).where(inArray(series.id, gone)).run();
}

// The per-issue writes run 10,000 times in a cold sync of a large archive: they use statements
// prepared once per connection, because building each query through the ORM cost more than the
// write itself (≈3.7 ms of ≈11 ms per issue, measured with --cpu-prof).
type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<Database, Statements>();

/** The issues row as upsertIssue binds it: each value under its column's name. */
type IssueValues = {
  series_id: string;
  year: number;
  number: number;
  supplement: number;
  total: number | null;
  organization: string;
  date: string;
  title: string;
  title_lines: string;
  subtitle: string | null;
  preface: string | null;
  marking: string | null;
  editor: string;
  copies: number | null;
  visibility: string;
  status: string;
  articles: string;
  path: string;
  content_hash: string;
  synced_at: number;
};

function prepare(client: Database) {
  const issueColumns: (keyof IssueValues)[] = [
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
    upsertIssue: client.prepare<[IssueValues], { id: number }>(
      `INSERT INTO issues (${issueColumns.join(", ")}) VALUES (${issueColumns.map((c) => `@${c}`).join(", ")})
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
    upsertFile: client.prepare<
      [{ path: string; kind: string; hash: string; stamp: string | null; ok: number; retry: number; synced_at: number }]
    >(
      `INSERT INTO content_files (path, kind, hash, stamp, ok, retry, synced_at) VALUES (@path, @kind, @hash, @stamp, @ok, @retry, @synced_at)
       ON CONFLICT(path) DO UPDATE SET kind = excluded.kind, hash = excluded.hash, stamp = excluded.stamp, ok = excluded.ok, retry = excluded.retry, synced_at = excluded.synced_at`,
    ),
    restamp: client.prepare("UPDATE content_files SET stamp = ? WHERE path = ?"),
    fileRow: client.prepare<[string], { hash: string; stamp: string | null; ok: number; retry: number; synced_at: number }>(
      "SELECT hash, stamp, ok, retry, synced_at FROM content_files WHERE path = ?",
    ),
    deleteProblems: client.prepare("DELETE FROM content_problems WHERE path = ?"),
    insertProblem: client.prepare<[{ path: string; line: number; column: number | null; field: string; code: string; message: string }]>(
      'INSERT INTO content_problems (path, line, "column", field, code, message) VALUES (@path, @line, @column, @field, @code, @message)',
    ),
    removeIssue: client.prepare("DELETE FROM issues WHERE path = ?"),
  };
}

function statements(d: Db): Statements {
  const client = d.$client;
  let s = prepared.get(client);
  if (!s) prepared.set(client, (s = prepare(client)));
  return s;
}

/** The path of another file that already holds this issue's series/year/number, if any. */
export function conflictingIssuePath(d: Db, issue: LoadedIssue): string | undefined {
  const k = issue.key;
  return statements(d).conflict.get(k.series, k.year, k.number, k.supplement ? 1 : 0, issue.path)?.path;
}

/** Writes the issue's rows, and `search` (its text for the search index); returns its id. */
export function upsertIssue(
  d: Db,
  { issue, hash, search, now }: { issue: LoadedIssue; hash: string; search: SearchDocument; now: Date },
): number {
  const fm = issue.frontmatter;
  const r = issue.resolved;
  const s = statements(d);
  const saved = s.upsertIssue.get({
    series_id: issue.key.series,
    year: issue.key.year,
    number: issue.key.number,
    supplement: issue.key.supplement ? 1 : 0,
    total: fm.total ?? null,
    organization: r.organization,
    date: fm.date,
    title: r.title,
    title_lines: JSON.stringify(r.titleLines),
    subtitle: fm.subtitle ?? null,
    preface: fm.preface ?? null,
    marking: r.marking ?? null,
    editor: r.editor,
    copies: fm.copies ?? null,
    visibility: fm.visibility,
    status: fm.status,
    articles: JSON.stringify(issue.body.articles),
    path: issue.path,
    content_hash: hash,
    synced_at: now.getTime(),
  })!;
  s.upsertBody.run(saved.id, issue.body.treeJson ?? JSON.stringify(issue.body.tree), issue.body.text);
  s.deleteDistributions.run(saved.id);
  for (const kind of distributionKinds)
    r.distribution[kind].forEach((body, position) => {
      s.insertDistribution.run(saved.id, kind, position, body);
    });
  // The issue's text in the search index, replaced in the same transaction as its row.
  s.deleteSearch.run(saved.id);
  s.insertSearch.run(saved.id, search.titlePairs, search.bodyPairs);
  s.deleteChars.run(saved.id);
  s.insertChars.run(saved.id, search.titleChars, search.bodyChars);
  return saved.id;
}

/**
 * A file's ledger row and its problems. `retry`: look at the file again even if its bytes stay
 * the same (it lost to a duplicate); `stamp`: its size and times, when they can be trusted.
 */
export function recordFile(
  d: Db,
  {
    path,
    kind,
    hash,
    problems,
    now,
    retry = false,
    stamp = null,
  }: {
    path: string;
    kind: "series" | "issue";
    hash: string;
    problems: ContentProblem[];
    now: Date;
    retry?: boolean;
    stamp?: string | null;
  },
) {
  const s = statements(d);
  s.upsertFile.run({ path, kind, hash, stamp, ok: problems.length === 0 ? 1 : 0, retry: retry ? 1 : 0, synced_at: now.getTime() });
  s.deleteProblems.run(path);
  for (const p of problems)
    s.insertProblem.run({ path: p.path, line: p.line, column: p.column ?? null, field: p.field, code: p.code, message: p.message });
}

/** A file found unchanged by its bytes but touched on disk: remember its new stamp. */
export function restampFile(d: Db, { path, stamp }: { path: string; stamp: string }) {
  statements(d).restamp.run(stamp, path);
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
export function fileVersionNow(d: Db, path: string): string | null {
  const r = statements(d).fileRow.get(path);
  return r ? version(r.hash, r.stamp, Boolean(r.ok), Boolean(r.retry), r.synced_at) : null;
}

const version = (hash: string, stamp: string | null, ok: boolean, retry: boolean, syncedAt: number) =>
  JSON.stringify([hash, stamp, ok, retry, syncedAt]);

export function forgetFiles(d: Db, paths: string[]) {
  if (paths.length === 0) return;
  d.delete(issues).where(inArray(issues.path, paths)).run();
  d.delete(contentProblems).where(inArray(contentProblems.path, paths)).run();
  d.delete(contentFiles).where(inArray(contentFiles.path, paths)).run();
}

export function removeIssueAt(d: Db, path: string) {
  statements(d).removeIssue.run(path);
}

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
 * changed by another process before its write lands. `fn` gets the client itself: SQLite's
 * transaction is the connection's, and the writes above prepare their statements on the client.
 */
export function writeIndex<T>(d: Db, fn: (tx: Db) => T): T {
  try {
    return d.transaction(() => fn(d), { behavior: "immediate" });
  } finally {
    indexChanged();
  }
}

export function readLedgerRow(d: Db, path: string): ContentFileRow | undefined {
  return d.select().from(contentFiles).where(eq(contentFiles.path, path)).get();
}
