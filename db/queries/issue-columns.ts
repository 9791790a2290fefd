// The columns the archive's lists select, and the row types they give: shared by the archive's
// and the search's queries (search hits are listed rows too).
import { asc, desc } from "drizzle-orm";
import { type IssueRow, issues, series } from "../schema";

export type IssueSummary = Pick<
  IssueRow,
  "id" | "seriesId" | "year" | "number" | "supplement" | "total" | "date" | "title" | "organization" | "visibility"
>;

export const summaryColumns = {
  id: issues.id,
  seriesId: issues.seriesId,
  year: issues.year,
  number: issues.number,
  supplement: issues.supplement,
  total: issues.total,
  date: issues.date,
  title: issues.title,
  organization: issues.organization,
  visibility: issues.visibility,
};

/** Summary columns plus what lists that mix series show (needs a join on series). */
export const listedColumns = { ...summaryColumns, seriesName: series.name, showTotal: series.showTotal };

export type ListedRow = IssueSummary & { seriesName: string; showTotal: boolean };

/**
 * "Newest first" as a total order: by date, then the year's number (a 增刊 after the regular issue
 * of the same number), then series. Every list that mixes issues uses it, so two issues of one
 * date never swap places between requests.
 */
export const newestFirst = [
  desc(issues.date),
  desc(issues.year),
  desc(issues.number),
  desc(issues.supplement),
  asc(issues.seriesId),
] as const;
