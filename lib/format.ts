// Chinese official-document conventions for numbers, dates and names, and the studio's times.
export type IssueNumbering = { year: number; number: number; supplement: boolean; total?: number | null; showTotal?: boolean };

/** 〔2022〕第3期, 〔2023〕增刊第1期, optionally followed by （总第156期）. Brackets are 六角括号. */
export function issueLine(n: IssueNumbering): string {
  const main = `〔${n.year}〕${n.supplement ? "增刊" : ""}第${n.number}期`;
  return n.total && n.showTotal !== false ? `${main}（总第${n.total}期）` : main;
}

/** 2022-03-25 → 2022年3月25日 (Arabic numerals, no zero padding). */
export function dateZh(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** By typesetting custom a two-character name is spaced to the width of three: 赵坚 → 赵　坚. */
export function spacedName(name: string): string {
  const chars = [...name];
  return chars.length === 2 ? `${chars[0]}\u3000${chars[1]}` : name;
}

/** The page number as printed: — 3 — with em dashes. */
export const FOLIO_TEMPLATE = "— {n} —";

export function pageNumberLabel(n: number): string {
  return FOLIO_TEMPLATE.replace("{n}", String(n));
}

/** 2026-11-29 14:05 in Beijing time, whatever the server's zone. */
export function when(d: Date | null | undefined): string {
  if (!d) return "";
  const parts = new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}
