// The statistics as an .xlsx (导出Excel): a header naming the series, the period and the points
// tables that scored it, then the same rows and columns as the page, from the same unitStats().
import "server-only";
import writeXlsxFile, { type SheetData } from "write-excel-file/node";
import { periodLabel } from "./period";
import { rulesLine } from "./points";
import { percent, STATS_COLUMNS, type UnitStats } from "./stats";

/** "2026-01-01 起执行" or "默认办法" with the days it covered. */
export function rulesHeading(span: UnitStats["rules"][number]): string {
  const source = span.validFrom ? `${span.validFrom}起执行的积分办法` : "默认积分办法";
  return `${span.from}至${span.to}：${source}`;
}

/** The cells of the sheet: header lines, a blank line, the column titles and one row per unit. */
export function statsSheet(stats: UnitStats, seriesName: string): SheetData {
  const head: SheetData = [
    [{ value: `${seriesName} 信息报送统计`, fontWeight: "bold" }],
    [`统计周期：${periodLabel(stats.period)}（${stats.period.from}至${stats.period.to}）${stats.rollUp ? "，含下级单位" : ""}`],
    ...stats.rules.map((span) => [`${rulesHeading(span)}：${rulesLine(span.rules)}`]),
    [],
  ];
  const titles = STATS_COLUMNS.map((c) => ({ value: c.label, fontWeight: "bold" as const }));
  const body = stats.rows.map((r) => [
    r.rank,
    r.unit,
    r.submitted,
    r.adopted,
    percent(r.rate),
    r.published,
    r.instructions,
    r.callsOnTime,
    r.callsMissed,
    r.points,
  ]);
  return [...head, titles, ...body];
}

/** The row (0-based) where the column titles are, for readers of the file. */
export const titleRowOf = (stats: UnitStats) => 3 + stats.rules.length;

export async function statsXlsx(stats: UnitStats, seriesName: string): Promise<Buffer> {
  return writeXlsxFile(statsSheet(stats, seriesName), {
    sheet: "统计",
    columns: [{ width: 6 }, { width: 30 }, ...STATS_COLUMNS.slice(2).map(() => ({ width: 11 }))],
  }).toBuffer();
}
