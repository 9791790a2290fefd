// Turns a plain-text bulletin (copied out of a PDF or saved from Word as .txt) into paragraphs:
// decodes it, drops page numbers and running headers, and joins sentences that the printed
// page broke at line and page ends.

import { parseIssueLine } from "./dates";
import { compact, normalizeText, plain, readStarBold, withoutMarks } from "./normalize";
import { BULLET, BYLINE, COPIES, LABEL, NUMBERED, PREFACE, TOC } from "./patterns";
import { endsWithAfterClosers } from "./scan-text";
import type { SourceBlock } from "./source";

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; message: string };

/** UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030 (GBK), which Chinese Windows still writes. */
export function decodeText(bytes: Uint8Array): Decoded {
  const tryDecode = (label: string) => {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return done(tryDecode("utf-16le"), "UTF-16LE");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return done(tryDecode("utf-16be"), "UTF-16BE");
  if (bytes.includes(0)) return { ok: false, message: "这不是文本文件（含有二进制内容）" };
  const utf8 = tryDecode("utf-8");
  if (utf8 !== null) return done(utf8, "UTF-8");
  return done(tryDecode("gb18030"), "GB18030");

  function done(text: string | null, encoding: string): Decoded {
    if (text === null) return { ok: false, message: `文件不是有效的 ${encoding} 文本，请另存为 UTF-8 编码` };
    return { ok: true, text: text.replace(/^\uFEFF/, ""), encoding };
  }
}

type Line = { text: string; raw: string; indented: boolean; line: number };

const PAGE_NUMBER = [
  /^[—–\-－一~～]\s*\d{1,4}\s*[—–\-－一~～]$/, // — 3 —
  // Each run of spaces is one \s* (two around an optional comma backtrack quadratically).
  /^第\s*\d{1,4}\s*页(\s*(?:[,，/]\s*)?共\s*\d{1,4}\s*页)?$/, // 第3页 / 第3页共5页
  /^\d{1,4}\s*\/\s*\d{1,4}$/, // 3/5
  /^\d{1,3}$/, // a bare page number
  // One digit, then anything: \d+.* would split a run of digits in every way before failing.
  /^[-—]{0,2}\s*[Pp]age\s*\d.*$/,
];

export const isPageNumber = (s: string) => PAGE_NUMBER.some((re) => re.test(s.trim()));

/** A rule drawn with characters (——————, ━━━, ＿＿＿): the red line under the masthead, the 版记 rules. */
export const isRuleLine = (s: string) => /^[\s—–\-－_＿━─═=*·.]{3,}$/.test(s) && !/^\s*$/.test(s);

/** Paragraph ends: 。！？… and closing quotes or brackets after them, as the spec of extracted text says. */
// As /[。！？!?…”」』][”’」』）)]*$/, scanned from the end: the expression backtracks
// quadratically over a long run of closing quotes that does not end the line.
export const endsSentence = (s: string) => endsWithAfterClosers(plain(s).trim(), "。！？!?…”」』", "”’」』）)");

/**
 * Running headers repeat at the top of every page of a PDF (晋团要讯 · 2022年第3期). A short line
 * that comes back verbatim three times or more, or twice when it names the series, is dropped
 * after its first appearance, which is where the masthead really stands. (Twice alone is not
 * enough: 本期要目 lists each article's title once before the article does.)
 */
function dropRepeats(lines: Line[], seriesNames: readonly string[]): Line[] {
  const seen = new Map<string, number>();
  for (const l of lines) {
    const key = compact(l.text);
    if (key && key.length <= 40 && !endsSentence(key)) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const kept = new Set<string>();
  let masthead = false;
  return lines.filter((l) => {
    const key = compact(l.text);
    // The series' name with the issue line after it (晋团要讯　2022年第3期) is the masthead the
    // first time and a running header every time after, however often the extract has it.
    const name = seriesNames.find((n) => key.startsWith(n));
    if (name && (key === name || parseIssueLine(key.slice(name.length).replace(/^[·•|｜:：]/, "")))) {
      if (masthead) return false;
      masthead = true;
    }
    const count = seen.get(key) ?? 0;
    if (count < 2 || (count === 2 && !seriesNames.some((n) => key.includes(n)))) return true;
    if (kept.has(key)) return false;
    kept.add(key);
    return true;
  });
}

export function textToBlocks(text: string, seriesNames: readonly string[] = []): SourceBlock[] {
  const lines: Line[] = [];
  text
    .replace(/\r\n?/g, "\n")
    .replace(/\f/g, "\n")
    .split("\n")
    .forEach((l, i) => {
      if (!l.trim()) {
        lines.push({ text: "", raw: "", indented: false, line: i + 1 });
        return;
      }
      if (isPageNumber(l) || isRuleLine(l)) return;
      const raw = readStarBold(withoutMarks(l));
      lines.push({ text: normalizeText(raw), raw, indented: /^([ \t]{2,}|\u3000|\t)/.test(l), line: i + 1 });
    });
  return joinParagraphs(dropRepeats(lines, seriesNames));
}

/**
 * A paragraph ends at a line that ends a sentence, before an indented line, or at a short line
 * (a title, a masthead line, a heading). Anything else continues on the
 * next non-empty line, across blank lines, which is what a page break leaves in extracted text.
 */
export function joinParagraphs(lines: Line[]): SourceBlock[] {
  const lengths = lines
    .filter((l) => l.text)
    .map((l) => plain(l.text).length)
    .sort((a, b) => a - b);
  const p90 = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const shortLimit = Math.max(12, Math.min(60, Math.floor(p90 * 0.7)));
  // Hard-wrapped text (pdftotext) has many lines at the full measure that end mid-sentence; text
  // saved from Word has one line per paragraph, broken only where a page ended.
  const full = lines.filter((l) => l.text && plain(l.text).length >= p90 * 0.85 && !endsSentence(l.text)).length;
  const hardWrapped = full >= Math.max(3, lengths.length * 0.3);
  const indented = lines.filter((l) => l.indented).length >= 3;
  const blocks: SourceBlock[] = [];
  // The next non-empty line after each line, found in one pass from the end.
  const nextText: (Line | undefined)[] = new Array(lines.length);
  for (let i = lines.length - 1, seen: Line | undefined; i >= 0; i--) {
    nextText[i] = seen;
    if (lines[i]!.text) seen = lines[i];
  }
  let current: { parts: string[]; raw: string; line: number } | null = null;
  const flush = () => {
    if (!current) return;
    const joined = current.parts.length > 1;
    blocks.push({
      kind: "text",
      // Normalised again whole: a bracket or a quote opened on one line may close on the next.
      text: joined ? normalizeText(current.parts.reduce(joinLine)) : current.parts[0]!,
      line: current.line,
      ...(joined ? { joined } : { raw: current.raw }),
    });
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.text) continue;
    if (current && (l.indented || startsNewBlock(l.text))) flush();
    if (!current) current = { parts: [], raw: l.raw, line: l.line };
    current.parts.push(l.text);
    const next = nextText[i];
    // A short line that does not end a sentence is a title, a masthead line or a heading: the
    // lines of a paragraph run to the full measure except its last, which ends a sentence.
    // (A line with a full stop inside is body text however short it is.)
    const text = plain(l.text);
    const short = text.length <= shortLimit && !/[。！？]/.test(text);
    // Unwrapped text: a line with no punctuation at all is a title or heading, not half a sentence.
    const bare = !hardWrapped && text.length <= 60 && !/[，。；、：！？,;:]/.test(text);
    // Where paragraphs are marked by indenting their first line (pdftotext -layout), a full line
    // that happens to end at a full stop does not end the paragraph when the next line goes on
    // unindented.
    const runsOn = indented && hardWrapped && text.length >= p90 * 0.85 && next !== undefined && !next.indented;
    if ((endsSentence(l.text) && !runsOn) || !next || short || bare) flush();
  }
  flush();
  return blocks;
}

const WHOLE_COPIES = new RegExp(`^${COPIES.source}$`);

/**
 * Lines that always begin a block of their own: the 版记 labels, the issue's fixed parts, 本期要目
 * entries and numbered headings of the first two levels (1. may be a decimal at a line's start).
 */
function startsNewBlock(text: string): boolean {
  const t = compact(text);
  return (
    LABEL.test(t) ||
    WHOLE_COPIES.test(t) ||
    PREFACE.test(t) ||
    TOC.test(t) ||
    BYLINE.test(t) ||
    BULLET.test(t) ||
    NUMBERED.some(([re, level]) => level < 3 && re.test(t))
  );
}

/** Joins two pieces of one sentence: no space in Chinese, one space between Latin words. */
function joinLine(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(plain(a)) && /^[A-Za-z]/.test(plain(b)) ? `${a} ${b}` : a + b;
}
