// The statistics' query string, one reading for the page, the .xlsx route and 生成通报: series,
// period (parsePeriod), 含下级单位, sort column and direction. Unknown sorts fall back to the
// ranking; a bad period is reported with its field so the page can show it.

import { type Period, type PeriodQuery, parsePeriod, periodQuery } from "./period";
import { isStatsColumn, type StatsColumn } from "./stats";

export type StatsQuery = {
  seriesId: string | undefined;
  period: Period;
  rollUp: boolean;
  sort: StatsColumn;
  dir: "asc" | "desc";
  /** The period asked for could not be read: the current month is shown instead. */
  problem?: { field: string; message: string };
};

type Raw = Record<string, string | string[] | undefined>;
const first = (raw: Raw, key: string) => {
  const v = raw[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === "" ? undefined : s.slice(0, 40);
};

export function readStatsQuery(raw: Raw, today: string): StatsQuery {
  const asked: PeriodQuery = {};
  for (const k of ["kind", "month", "year", "quarter", "from", "to"] as const) asked[k] = first(raw, k);
  const parsed = parsePeriod(asked, today);
  const fallback = parsePeriod({}, today) as { period: Period };
  const sort = first(raw, "sort");
  const dir = first(raw, "dir");
  return {
    seriesId: first(raw, "series"),
    period: "period" in parsed ? parsed.period : fallback.period,
    rollUp: first(raw, "sub") === "1",
    sort: isStatsColumn(sort) ? sort : "rank",
    dir: dir === "asc" || dir === "desc" ? dir : sort && isStatsColumn(sort) && sort !== "rank" && sort !== "unit" ? "desc" : "asc",
    ...("error" in parsed ? { problem: { field: parsed.field, message: parsed.error } } : {}),
  };
}

/** The query string asking for the same statistics (with overrides, such as another sort). */
export function statsSearch(q: Omit<StatsQuery, "problem">, over: Partial<Pick<StatsQuery, "sort" | "dir">> = {}): string {
  const params = new URLSearchParams({ ...(q.seriesId ? { series: q.seriesId } : {}), ...periodQuery(q.period) });
  if (q.rollUp) params.set("sub", "1");
  const sort = over.sort ?? q.sort;
  const dir = over.dir ?? q.dir;
  if (sort !== "rank" || dir !== "asc") {
    params.set("sort", sort);
    params.set("dir", dir);
  }
  return params.toString();
}
