// Dates and issue numbers as bulletins print them: 2022年3月25日, 二〇二二年三月二十五日,
// 2022.3.25; 〔2022〕第3期, 2022年第3期, 第十二期, （总第156期）, 增刊, 〔2023〕增刊第1期.

const DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  Ｏ: 0,
  O: 0,
  o: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 3, 十二, 二十五, 一百零八 → numbers; null when it is not a number. */
export function parseNumeral(raw: string): number | null {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit = 0;
  let seenUnit = false;
  for (const ch of s) {
    if (ch === "百") {
      total += (digit || 1) * 100;
      digit = 0;
      seenUnit = true;
    } else if (ch === "十") {
      total += (digit || 1) * 10;
      digit = 0;
      seenUnit = true;
    } else digit = DIGIT[ch]!;
  }
  return seenUnit || s.length === 1 ? total + digit : null;
}

/** 二〇二二 → 2022 (years are written digit by digit). */
function parseYearDigits(raw: string): number | null {
  if (/^\d{4}$/.test(raw)) return Number(raw);
  if (!/^[〇零一二三四五六七八九ＯOo]{4}$/.test(raw)) return null;
  return Number([...raw].map((c) => DIGIT[c]).join(""));
}

const CN_NUM = "[〇零一二两三四五六七八九十百]";

export type FoundDate = { iso: string; start: number; end: number };

const pad = (n: number) => String(n).padStart(2, "0");

/** Finds a date in a line; `iso` is YYYY-MM-DD even when the day does not exist (the schema says so later). */
export function findDate(text: string): FoundDate | null {
  const patterns: RegExp[] = [
    /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/,
    new RegExp(`([〇零一二三四五六七八九ＯOo]{4})\\s*年\\s*(${CN_NUM}{1,3})\\s*月\\s*(${CN_NUM}{1,3})\\s*日`),
    /(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?!\d)/,
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const y = parseYearDigits(m[1]!);
    const mo = parseNumeral(m[2]!);
    const d = parseNumeral(m[3]!);
    if (y === null || mo === null || d === null) continue;
    return { iso: `${y}-${pad(mo)}-${pad(d)}`, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

export type IssueLine = { year?: number; number?: number; total?: number; supplement: boolean };

/**
 * Reads the issue line. Returns null when the text is not one: it must consist of the issue
 * number parts only (brackets, year, 第N期, 总第N期, 增刊), so a sentence that mentions
 * "第3期" is never taken for the masthead.
 */
export function parseIssueLine(raw: string): IssueLine | null {
  const s = raw.replace(/[\s\u3000]+/g, "");
  const m = new RegExp(
    `^(?:[〔［\\[【（(]?(\\d{4}|[〇零一二三四五六七八九]{4})[〕］\\]】）)]?年?)?(增刊)?(?:第(\\d{1,3}|${CN_NUM}{1,4})期)?(?:[（(]?总第(\\d{1,5}|${CN_NUM}{1,6})期[）)]?)?$`,
  ).exec(s);
  if (!m || !s) return null;
  const [, year, supplement, number, total] = m;
  if (!number && !supplement && !total) return null;
  const out: IssueLine = { supplement: Boolean(supplement) };
  if (year) out.year = parseYearDigits(year) ?? undefined;
  if (number) out.number = parseNumeral(number) ?? undefined;
  if (total) out.total = parseNumeral(total) ?? undefined;
  return out;
}
