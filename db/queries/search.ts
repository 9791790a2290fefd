// Full-text search over published issues (FTS5, one token per character: see lib/search/text.ts).
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { matchExpression } from "@/lib/search/text";
import { db } from "../index";
import type { ListedRow } from "./archive";

export type SearchFilters = { series?: string; yearFrom?: number; yearTo?: number; organization?: string };

export type SearchRequest = SearchFilters & {
  /** Parsed query terms (parseQuery); at least one. */
  terms: string[][];
  page: number;
  perPage: number;
  sort: "relevance" | "date";
  /** Signed-in readers also find internal issues. */
  includeInternal: boolean;
};

export type SearchHit = ListedRow & { bodyText: string; preface: string | null; titleHit: boolean };

export type SearchResult = {
  total: number;
  hits: SearchHit[];
  /** Matches per series with every other filter applied, for the series filter's counts. */
  bySeries: { seriesId: string; count: number }[];
};

type Raw = Omit<SearchHit, "supplement" | "showTotal" | "titleHit"> & { supplement: number; showTotal: number; titleHit: number };

function conditions(r: SearchRequest, { withSeries }: { withSeries: boolean }): SQL {
  const parts: SQL[] = [sql`i.status = 'published'`];
  if (!r.includeInternal) parts.push(sql`i.visibility = 'public'`);
  if (withSeries && r.series) parts.push(sql`i.series_id = ${r.series}`);
  if (r.yearFrom !== undefined) parts.push(sql`i.year >= ${r.yearFrom}`);
  if (r.yearTo !== undefined) parts.push(sql`i.year <= ${r.yearTo}`);
  if (r.organization) parts.push(sql`i.organization = ${r.organization}`);
  return sql.join(parts, sql` AND `);
}

export async function searchIssues(r: SearchRequest): Promise<SearchResult> {
  if (r.terms.length === 0) return { total: 0, hits: [], bySeries: [] };
  const match = matchExpression(r.terms);
  const bySeries = db().all<{ seriesId: string; count: number }>(sql`
    SELECT i.series_id AS seriesId, count(*) AS count
    FROM issue_search JOIN issues i ON i.id = issue_search.rowid
    WHERE issue_search MATCH ${match} AND ${conditions(r, { withSeries: false })}
    GROUP BY i.series_id ORDER BY count DESC`);
  const total = r.series ? (bySeries.find((s) => s.seriesId === r.series)?.count ?? 0) : bySeries.reduce((n, s) => n + s.count, 0);
  if (total === 0 || (r.page - 1) * r.perPage >= total) return { total, hits: [], bySeries };

  // Titles first (every term in the title or an article title), then BM25 with titles weighted
  // ten times the body, coarsened so that near-equal relevance falls back to the newer issue.
  const order =
    r.sort === "date"
      ? sql`i.date DESC, i.id DESC`
      : sql`titleHit DESC, round(m.score, 1) ASC, i.date DESC, i.id DESC`;
  const rows = db().all<Raw>(sql`
    WITH m AS (SELECT rowid AS id, bm25(issue_search, 10.0, 1.0) AS score FROM issue_search WHERE issue_search MATCH ${match})
    SELECT i.id, i.series_id AS seriesId, i.year, i.number, i.supplement, i.total, i.date, i.title, i.organization,
           i.visibility, i.body_text AS bodyText, i.preface, s.name AS seriesName, s.show_total AS showTotal,
           i.id IN (SELECT rowid FROM issue_search WHERE issue_search MATCH ${matchExpression(r.terms, "title")}) AS titleHit
    FROM m JOIN issues i ON i.id = m.id JOIN series s ON s.id = i.series_id
    WHERE ${conditions(r, { withSeries: true })}
    ORDER BY ${order}
    LIMIT ${r.perPage} OFFSET ${(r.page - 1) * r.perPage}`);
  return {
    total,
    bySeries,
    hits: rows.map((row) => ({ ...row, supplement: row.supplement === 1, showTotal: row.showTotal === 1, titleHit: row.titleHit === 1 })),
  };
}

/** Issuing bodies of published issues, most issues first, for the organisation filter. */
export async function searchableOrganizations(includeInternal: boolean): Promise<{ name: string; count: number }[]> {
  return db().all<{ name: string; count: number }>(sql`
    SELECT organization AS name, count(*) AS count FROM issues
    WHERE status = 'published' ${includeInternal ? sql`` : sql`AND visibility = 'public'`}
    GROUP BY organization ORDER BY count DESC, organization`);
}

/** The range of years with published issues, for the year filters. */
export async function searchableYears(includeInternal: boolean): Promise<{ min: number; max: number } | undefined> {
  const row = db().get<{ min: number | null; max: number | null }>(sql`
    SELECT min(year) AS min, max(year) AS max FROM issues
    WHERE status = 'published' ${includeInternal ? sql`` : sql`AND visibility = 'public'`}`);
  return row?.min != null && row.max != null ? { min: row.min, max: row.max } : undefined;
}
