// Finds a query's matches in the original text, as the index matches them (the same
// normalisation; spaces may stand between characters, punctuation may not), and cuts a snippet
// around them. Regular expressions over the normalised text, which has the original's length,
// so a match's offsets mark the original: the page shows 20 hits of thousands of characters each.
import { normalizeForSearch } from "./text";

export type Segment = { text: string; hit: boolean };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A term's characters with any spaces between them (the index ignores spaces, not punctuation). */
const patterns = (terms: string[][]) => terms.filter((t) => t.length > 0).map((t) => new RegExp(t.map(escapeRegExp).join("\\s*"), "gu"));

/** Ranges [start, end) of `text` within [from, to) that match any term, merged and in order. */
function rangesIn(norm: string, regexes: RegExp[], from: number, to: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (const re of regexes) {
    re.lastIndex = from;
    for (let m = re.exec(norm); m && m.index < to; m = re.exec(norm)) {
      ranges.push([m.index, m.index + m[0].length]);
      // Let the next match start inside this one (少先 in 少先先锋), as the index would find it.
      re.lastIndex = m.index + (m[0].codePointAt(0)! > 0xffff ? 2 : 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Ranges [start, end) of the original text that match any term, merged and in order. */
export function matchRanges(text: string, terms: string[][]): [number, number][] {
  return rangesIn(normalizeForSearch(text), patterns(terms), 0, text.length);
}

function segmentsOf(text: string, ranges: [number, number][], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < to) out.push({ text: text.slice(at, to), hit: false });
  return out;
}

/** The whole text with its matches marked (titles). */
export function highlight(text: string, terms: string[][]): Segment[] {
  return segmentsOf(text, matchRanges(text, terms), 0, text.length);
}

export type Snippet = { segments: Segment[]; before: boolean; after: boolean };

/**
 * About `length` characters of the text around its first match (or its beginning when only the
 * title matched), with the matches marked and paragraph breaks shown as spaces.
 */
export function snippet(text: string, terms: string[][], length = 120): Snippet {
  const norm = normalizeForSearch(text);
  const regexes = patterns(terms);
  // The earliest match of any term; only the window around it is searched for the rest.
  let first = -1;
  for (const re of regexes) {
    re.lastIndex = 0;
    const m = re.exec(norm);
    if (m && (first < 0 || m.index < first)) first = m.index;
  }
  let from = first >= 0 ? Math.max(0, first - Math.floor(length / 4)) : 0;
  // Start at a sentence or paragraph boundary when one is close before the match.
  if (first >= 0) {
    const boundary = Math.max(text.lastIndexOf("。", first), text.lastIndexOf("\n", first));
    if (boundary >= from && boundary < first) from = boundary + 1;
  }
  let to = Math.min(text.length, from + length);
  // Never cut a surrogate pair in half.
  if (to < text.length && /[\uD800-\uDBFF]/.test(text[to - 1] ?? "")) to++;
  const ranges = first >= 0 ? rangesIn(norm, regexes, Math.max(0, from - 20), to) : [];
  const segments = segmentsOf(text, ranges, from, to).map((s) => ({ ...s, text: s.text.replace(/\s*\n\s*/g, " ") }));
  return { segments, before: from > 0, after: to < text.length };
}
