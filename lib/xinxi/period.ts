// The periods the statistics are asked for (a month, a quarter, a year or any range of days),
// read from and written back to the query string, and named the way a 通报 names them. Days are
// Beijing days: a submission at 23:30 on 31 October (Asia/Shanghai) belongs to October.

export type PeriodKind = "month" | "quarter" | "year" | "range";

export type Period = {
  kind: PeriodKind;
  /** First and last day, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
};

export type PeriodQuery = { kind?: string; month?: string; year?: string; quarter?: string; from?: string; to?: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const CN_NUMERAL = ["一", "二", "三", "四"];
/** A range longer than this is refused: nobody needs it, and it keeps a query's cost bounded. */
const MAX_RANGE_DAYS = 3700;

const pad = (n: number) => String(n).padStart(2, "0");

function validDay(text: string | undefined): string | undefined {
  const m = text ? DAY.exec(text) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? text : undefined;
}

function lastDayOfMonth(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

export function monthPeriod(year: number, month: number): Period {
  return { kind: "month", from: `${year}-${pad(month)}-01`, to: lastDayOfMonth(year, month) };
}

export function quarterPeriod(year: number, quarter: number): Period {
  return { kind: "quarter", from: `${year}-${pad(quarter * 3 - 2)}-01`, to: lastDayOfMonth(year, quarter * 3) };
}

export function yearPeriod(year: number): Period {
  return { kind: "year", from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The next day, YYYY-MM-DD. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The first millisecond of a Beijing day (China keeps +08:00 all year). */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** The Beijing day an instant falls on. */
export function dayOf(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

const yearIn = (text: string | undefined) =>
  text && /^\d{4}$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100 ? Number(text) : undefined;

/**
 * The period a query string asks for, or an error naming the field. Nothing asked: the current
 * month (`today` is a Beijing day).
 */
export function parsePeriod(q: PeriodQuery, today: string): { period: Period } | { error: string; field: string } {
  const kind = q.kind ?? "month";
  if (kind === "month") {
    const m = MONTH.exec(q.month ?? today.slice(0, 7));
    if (!m || !yearIn(m[1]) || Number(m[2]) < 1 || Number(m[2]) > 12) return { error: "月份应写作 2026-11", field: "month" };
    return { period: monthPeriod(Number(m[1]), Number(m[2])) };
  }
  if (kind === "quarter") {
    const year = yearIn(q.year ?? today.slice(0, 4));
    const quarter = Number(q.quarter ?? Math.ceil(Number(today.slice(5, 7)) / 3));
    if (!year) return { error: "年份应为 2000 至 2100 之间的四位数", field: "year" };
    if (![1, 2, 3, 4].includes(quarter)) return { error: "季度应为 1 至 4", field: "quarter" };
    return { period: quarterPeriod(year, quarter) };
  }
  if (kind === "year") {
    const year = yearIn(q.year ?? today.slice(0, 4));
    if (!year) return { error: "年份应为 2000 至 2100 之间的四位数", field: "year" };
    return { period: yearPeriod(year) };
  }
  if (kind === "range") {
    const from = validDay(q.from);
    const to = validDay(q.to);
    if (!from) return { error: "起始日期应写作 2026-01-01", field: "from" };
    if (!to) return { error: "截止日期应写作 2026-03-31", field: "to" };
    if (to < from) return { error: "截止日期不能早于起始日期", field: "to" };
    if ((dayStart(to) - dayStart(from)) / 86_400_000 > MAX_RANGE_DAYS) return { error: "时间范围不能超过十年", field: "to" };
    return { period: { kind: "range", from, to } };
  }
  return { error: "统计周期只能是月、季、年或自定义范围", field: "kind" };
}

/** The query-string fields that ask for this period again (parsePeriod's inverse). */
export function periodQuery(p: Period): Record<string, string> {
  if (p.kind === "month") return { kind: "month", month: p.from.slice(0, 7) };
  if (p.kind === "quarter")
    return { kind: "quarter", year: p.from.slice(0, 4), quarter: String(Math.ceil(Number(p.from.slice(5, 7)) / 3)) };
  if (p.kind === "year") return { kind: "year", year: p.from.slice(0, 4) };
  return { kind: "range", from: p.from, to: p.to };
}

const dayZh = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** How the studio names the period: 2026年11月, 2026年第4季度, 2026年, 2026年1月1日至2026年3月31日. */
export function periodLabel(p: Period): string {
  const y = Number(p.from.slice(0, 4));
  if (p.kind === "month") return `${y}年${Number(p.from.slice(5, 7))}月`;
  if (p.kind === "quarter") return `${y}年第${Math.ceil(Number(p.from.slice(5, 7)) / 3)}季度`;
  if (p.kind === "year") return `${y}年`;
  return `${dayZh(p.from)}至${dayZh(p.to)}`;
}

/** How a 通报 names it: 2026年11月份, 2026年第四季度, 2026年度, 2026年1月1日至2026年3月31日. */
export function periodPhrase(p: Period): string {
  const y = Number(p.from.slice(0, 4));
  if (p.kind === "month") return `${y}年${Number(p.from.slice(5, 7))}月份`;
  if (p.kind === "quarter") return `${y}年第${CN_NUMERAL[Math.ceil(Number(p.from.slice(5, 7)) / 3) - 1]}季度`;
  if (p.kind === "year") return `${y}年度`;
  return `${dayZh(p.from)}至${dayZh(p.to)}`;
}

/** Whether the period is one whole calendar year (where "missed 约稿 void the year" applies). */
export function isCalendarYear(p: Period): boolean {
  return p.from.endsWith("-01-01") && p.to === `${p.from.slice(0, 4)}-12-31`;
}
