// Finds a query's matches in the original text (by the same tokens the index uses, so what FTS
// matched is what gets marked) and cuts a snippet around them.
import { BREAK_TOKEN, charClass, normalizeForSearch } from "./text";

export type Segment = { text: string; hit: boolean };
type Token = { token: string; start: number; end: number };

function tokensWithOffsets(text: string): Token[] {
  const norm = normalizeForSearch(text);
  const out: Token[] = [];
  let i = 0;
  for (const ch of norm) {
    const start = i;
    i += ch.length;
    const kind = charClass(ch);
    if (kind === "token") out.push({ token: ch, start, end: i });
    else if (kind === "break") {
      const last = out[out.length - 1];
      if (last?.token === BREAK_TOKEN) last.end = i;
      else if (last) out.push({ token: BREAK_TOKEN, start, end: i });
    }
  }
  return out;
}

/** Ranges [start, end) of the original text that match any term, merged and in order. */
export function matchRanges(text: string, terms: string[][]): [number, number][] {
  const stream = tokensWithOffsets(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (term.length === 0) continue;
    for (let i = 0; i + term.length <= stream.length; i++) {
      let ok = true;
      for (let k = 0; k < term.length && ok; k++) ok = stream[i + k]!.token === term[k];
      if (ok) ranges.push([stream[i]!.start, stream[i + term.length - 1]!.end]);
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
  const ranges = matchRanges(text, terms);
  const lead = Math.floor(length / 4);
  let from = ranges.length > 0 ? Math.max(0, ranges[0]![0] - lead) : 0;
  // Start at a sentence or paragraph boundary when one is close before the match.
  const boundary = Math.max(text.lastIndexOf("。", ranges[0]?.[0] ?? 0), text.lastIndexOf("\n", ranges[0]?.[0] ?? 0));
  if (ranges.length > 0 && boundary >= from && boundary < ranges[0]![0]) from = boundary + 1;
  let to = Math.min(text.length, from + length);
  // Never cut a surrogate pair in half.
  if (to < text.length && /[\uD800-\uDBFF]/.test(text[to - 1] ?? "")) to++;
  const segments = segmentsOf(text, ranges, from, to).map((s) => ({ ...s, text: s.text.replace(/\s*\n\s*/g, " ") }));
  return { segments, before: from > 0, after: to < text.length };
}
