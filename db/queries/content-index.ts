// Writes of the content sync: series and issue rows derived from files, and the file ledger
// that lets an unchanged file be skipped.
import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { LoadedIssue, LoadedSeries } from "@/lib/content/load";
import type { ContentProblem } from "@/lib/content/problem";
import { indexText } from "@/lib/search/text";
import { db, type Db } from "../index";
import { contentFiles, contentProblems, distributions, distributionKinds, issues, series, type ContentFileRow } from "../schema";

export function fileLedger(db: Db): Map<string, ContentFileRow> {
  return new Map(db.select().from(contentFiles).all().map((f) => [f.path, f]));
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

/** The path of another file that already holds this issue's series/year/number, if any. */
export function conflictingIssuePath(db: Db, issue: LoadedIssue): string | undefined {
  const k = issue.key;
  return db
    .select({ path: issues.path })
    .from(issues)
    .where(and(eq(issues.seriesId, k.series), eq(issues.year, k.year), eq(issues.supplement, k.supplement), eq(issues.number, k.number), ne(issues.path, issue.path)))
    .get()?.path;
}

export function upsertIssue(db: Db, issue: LoadedIssue, combinedHash: string, now: Date) {
  const fm = issue.frontmatter;
  const r = issue.resolved;
  const row = {
    seriesId: issue.key.series,
    year: issue.key.year,
    number: issue.key.number,
    supplement: issue.key.supplement,
    total: fm.total ?? null,
    organization: r.organization,
    date: fm.date,
    title: r.title,
    titleLines: r.titleLines,
    subtitle: fm.subtitle ?? null,
    preface: fm.preface ?? null,
    marking: r.marking ?? null,
    editor: r.editor,
    copies: fm.copies ?? null,
    visibility: fm.visibility,
    status: fm.status,
    bodyTree: issue.body.tree,
    bodyText: issue.body.text,
    articles: issue.body.articles,
    path: issue.path,
    contentHash: combinedHash,
    syncedAt: now,
  };
  const saved = db.insert(issues).values(row).onConflictDoUpdate({ target: issues.path, set: row }).returning({ id: issues.id }).get();
  db.delete(distributions).where(eq(distributions.issueId, saved.id)).run();
  const entries = distributionKinds.flatMap((kind) => r.distribution[kind].map((body, position) => ({ issueId: saved.id, kind, position, body })));
  if (entries.length > 0) db.insert(distributions).values(entries).run();
  indexSearchText(db, saved.id, issue);
}

/** The issue's text in the search index, replaced in the same transaction as its row. */
function indexSearchText(db: Db, id: number, issue: LoadedIssue) {
  const fm = issue.frontmatter;
  const title = [issue.resolved.title, fm.subtitle, ...issue.body.articles].filter(Boolean).join("\n");
  const body = [fm.preface, issue.body.text].filter(Boolean).join("\n");
  db.run(sql`DELETE FROM issue_search WHERE rowid = ${id}`);
  db.run(sql`INSERT INTO issue_search (rowid, title, body) VALUES (${id}, ${indexText(title)}, ${indexText(body)})`);
}

export function recordFile(db: Db, path: string, kind: "series" | "issue", hash: string, problems: ContentProblem[], now: Date, retry = false) {
  const row = { path, kind, hash, ok: problems.length === 0, retry, syncedAt: now };
  db.insert(contentFiles).values(row).onConflictDoUpdate({ target: contentFiles.path, set: row }).run();
  db.delete(contentProblems).where(eq(contentProblems.path, path)).run();
  if (problems.length > 0) {
    db.insert(contentProblems)
      .values(problems.map((p) => ({ path: p.path, line: p.line, column: p.column ?? null, field: p.field, code: p.code, message: p.message })))
      .run();
  }
}

export function forgetFiles(db: Db, paths: string[]) {
  if (paths.length === 0) return;
  db.delete(issues).where(inArray(issues.path, paths)).run();
  db.delete(contentProblems).where(inArray(contentProblems.path, paths)).run();
  db.delete(contentFiles).where(inArray(contentFiles.path, paths)).run();
}

export function removeIssueAt(db: Db, path: string) {
  db.delete(issues).where(eq(issues.path, path)).run();
}

export type IndexTx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Runs `fn` in one write transaction on the index database. */
export function writeIndex<T>(fn: (tx: Db) => T): T {
  const handle = db();
  return handle.transaction((tx) => fn(tx as unknown as Db));
}

export function readLedger(): Map<string, ContentFileRow> {
  return fileLedger(db());
}
