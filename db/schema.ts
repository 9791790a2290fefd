// Tables of the metadata index. Published issues live as MDX files in content/; these rows are
// derived from them by the content sync and can be rebuilt from the files at any time.
import { relations } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const series = sqliteTable("series", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  organization: text("organization").notNull(),
  color: text("color").notNull(),
  showTotal: integer("show_total", { mode: "boolean" }).notNull().default(false),
  // The whole validated definition, as JSON, so defaults (distribution lists, marking) travel with it.
  definition: text("definition", { mode: "json" }).notNull(),
  path: text("path").notNull(),
  contentHash: text("content_hash").notNull(),
  syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
});

export const issues = sqliteTable(
  "issues",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: text("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    supplement: integer("supplement", { mode: "boolean" }).notNull().default(false),
    total: integer("total"),
    organization: text("organization").notNull(),
    date: text("date").notNull(),
    title: text("title").notNull(),
    titleLines: text("title_lines", { mode: "json" }).$type<string[]>().notNull(),
    subtitle: text("subtitle"),
    preface: text("preface"),
    marking: text("marking"),
    editor: text("editor").notNull(),
    copies: integer("copies"),
    visibility: text("visibility", { enum: ["public", "internal"] }).notNull(),
    status: text("status", { enum: ["published", "draft"] }).notNull(),
    articles: text("articles", { mode: "json" }).$type<string[]>().notNull(),
    path: text("path").notNull(),
    contentHash: text("content_hash").notNull(),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("issues_path_unique").on(t.path),
    uniqueIndex("issues_number_unique").on(t.seriesId, t.year, t.supplement, t.number),
    index("issues_date_idx").on(t.date),
    // A series' issues in reading order: 上一期/下一期 and series lists without scanning the series.
    index("issues_series_order_idx").on(t.seriesId, t.date, t.year, t.supplement, t.number),
  ],
);

// The body of each issue, apart from its row in `issues`: a body is tens of kilobytes, and with it
// inline every scan of the issues (counts, lists, the search's metadata) read a page per issue.
export const issueBodies = sqliteTable("issue_bodies", {
  issueId: integer("issue_id")
    .primaryKey()
    .references(() => issues.id, { onDelete: "cascade" }),
  // Compiled body: a sanitised HTML syntax tree (hast) as JSON, rendered without evaluating code.
  tree: text("tree", { mode: "json" }).notNull(),
  // Plain text, paragraphs separated by newlines (search snippets, summaries).
  text: text("text").notNull(),
});

export const distributionKinds = ["report", "send", "issue"] as const;
export type DistributionKind = (typeof distributionKinds)[number];

export const distributions = sqliteTable(
  "distributions",
  {
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: distributionKinds }).notNull(),
    position: integer("position").notNull(),
    body: text("body").notNull(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.kind, t.position] }), index("distributions_body_idx").on(t.body)],
);

// Every file the sync has seen, with the hash it had then, so an unchanged file is skipped.
// `retry` marks files whose outcome depends on other files (a duplicate number), re-checked every sync.
// `stamp` (size, modification time, inode, series hash, compiler version) lets a re-sync skip an
// untouched file without reading it.
export const contentFiles = sqliteTable("content_files", {
  path: text("path").primaryKey(),
  kind: text("kind", { enum: ["series", "issue"] }).notNull(),
  hash: text("hash").notNull(),
  stamp: text("stamp"),
  ok: integer("ok", { mode: "boolean" }).notNull(),
  retry: integer("retry", { mode: "boolean" }).notNull().default(false),
  syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
});

// Problems found by the last sync, one row per file:line:field, so the site can tell editors
// which files it skipped and why.
export const contentProblems = sqliteTable(
  "content_problems",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    path: text("path").notNull(),
    line: integer("line").notNull(),
    column: integer("column"),
    field: text("field").notNull(),
    code: text("code").notNull(),
    message: text("message").notNull(),
  },
  (t) => [index("content_problems_path_idx").on(t.path)],
);

export const seriesRelations = relations(series, ({ many }) => ({ issues: many(issues) }));
export const issuesRelations = relations(issues, ({ one, many }) => ({
  series: one(series, { fields: [issues.seriesId], references: [series.id] }),
  body: one(issueBodies, { fields: [issues.id], references: [issueBodies.issueId] }),
  distributions: many(distributions),
}));
export const distributionsRelations = relations(distributions, ({ one }) => ({
  issue: one(issues, { fields: [distributions.issueId], references: [issues.id] }),
}));

export type SeriesRow = typeof series.$inferSelect;
export type IssueRow = typeof issues.$inferSelect;
export type NewIssueRow = typeof issues.$inferInsert;
export type IssueBodyRow = typeof issueBodies.$inferSelect;
export type DistributionRow = typeof distributions.$inferSelect;
export type ContentFileRow = typeof contentFiles.$inferSelect;
export type ContentProblemRow = typeof contentProblems.$inferSelect;
