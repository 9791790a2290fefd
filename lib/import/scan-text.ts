// Hand-written scanners for the few text rules a regular expression can only say with
// backtracking. Every imported line passes through them, and a line can be 2 MB long: each
// function below walks its string once (or once from each end), so its work grows with the
// length of the line and never with its square, whatever the line holds. Each states the
// expression it replaces; test/import-redos.test.ts checks them against it on random text.

/** Han ideographs: CJK Unified Ideographs Extension A, CJK Unified Ideographs, Compatibility Ideographs. */
const HAN_RANGES = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
] as const;

/** The same ranges for a regular expression's character class: `[${HAN}]`. */
export const HAN = HAN_RANGES.map(([from, to]) => `\\u${from.toString(16).toUpperCase()}-\\u${to.toString(16).toUpperCase()}`).join("");

export function isHan(code: number): boolean {
  for (const [from, to] of HAN_RANGES) if (code >= from && code <= to) return true;
  return false;
}

function hasHan(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isHan(s.charCodeAt(i))) return true;
  return false;
}

/**
 * Replaces `open … close` spans holding at least one Han character and neither delimiter by
 * `left … right`, scanning left to right like a global replace of
 * `\(([^()]*[HAN][^()]*)\)` (parentheses) or `"([^"]*[HAN][^"]*)"` (quotes, open === close).
 * Each character is looked at a bounded number of times: a span that does not qualify is
 * skipped up to the delimiter that ended it, which is where the next candidate starts.
 */
export function replaceAroundHan(s: string, open: string, close: string, left: string, right: string): string {
  let out = "";
  let copied = 0;
  let i = s.indexOf(open);
  while (i >= 0) {
    // The next delimiter of either kind after the opening one.
    let j = i + 1;
    while (j < s.length && s[j] !== open && s[j] !== close) j++;
    if (j >= s.length) break;
    if (s[j] === close && hasHan(s, i + 1, j)) {
      out += s.slice(copied, i) + left + s.slice(i + 1, j) + right;
      copied = j + 1;
      i = s.indexOf(open, j + 1);
    } else {
      // Not a span: the delimiter that ended it may open the next one.
      i = s[j] === open ? j : s.indexOf(open, j + 1);
    }
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** The index where the run of trailing characters accepted by `accept` begins (s.length if none). */
export function trailingRunStart(s: string, accept: (c: string) => boolean, end = s.length): number {
  let k = end;
  while (k > 0 && accept(s[k - 1]!)) k--;
  return k;
}

/** `s.replace(/[set]+$/, "")`: the string without a trailing run of the given characters. */
export function trimEndChars(s: string, set: string): string {
  return s.slice(
    0,
    trailingRunStart(s, (c) => set.includes(c)),
  );
}

const isSpace = (c: string) => /^\s$/.test(c);
const isDigit = (c: string) => c >= "0" && c <= "9";

/** `s.replace(/[.…·\s]{2,}\d*$/, "")`: a 本期要目 entry without its leader dots and page number. */
export function trimLeaderAndPage(s: string): string {
  const digits = trailingRunStart(s, isDigit);
  const leader = trailingRunStart(s, (c) => c === "." || c === "…" || c === "·" || isSpace(c), digits);
  return digits - leader >= 2 ? s.slice(0, leader) : s;
}

/** `s.match(/\s*$/)[0]`: the trailing whitespace of a string. */
export function trailingSpace(s: string): string {
  return s.slice(trailingRunStart(s, isSpace));
}

/**
 * `/[ends](?:[closers]*)$/.test(s)`: the string ends with one of `ends`, followed only by
 * characters of `closers` (closing quotes and brackets after a full stop).
 */
export function endsWithAfterClosers(s: string, ends: string, closers: string): boolean {
  const k = trailingRunStart(s, (c) => closers.includes(c));
  if (k > 0 && ends.includes(s[k - 1]!)) return true;
  // A character in both sets (”) can itself be the end, with closers after it.
  for (let i = k; i < s.length; i++) if (ends.includes(s[i]!)) return true;
  return false;
}

const isMark = (c: string) => c === "\uE000" || c === "\uE001";

/**
 * Half-width , ; : ? ! after Chinese becomes full-width, and the space before it goes: what
 *   s.replace(/([CJK])[MARKS]?\s*([,;:?!])(?![0-9])/g, (m, _, p) => m.replace(/\s*[,;:?!]$/, full(p)))
 * did, found from each punctuation mark backwards. The expression backtracked quadratically over
 * a run of ideographic spaces (U+3000 is both a CJK symbol and a space). `isCjk` is its [CJK] class.
 */
export function fullWidthAfterCjk(s: string, isCjk: (code: number) => boolean, full: (p: string) => string): string {
  let out = "";
  let copied = 0;
  for (let j = 0; j < s.length; j++) {
    const p = s[j]!;
    if (p !== "," && p !== ";" && p !== ":" && p !== "?" && p !== "!") continue;
    const next = s.charCodeAt(j + 1);
    if (next >= 0x30 && next <= 0x39) continue;
    // The spaces before the mark, then an optional bold mark, then the Chinese character.
    let k = j;
    while (k > copied && isSpace(s[k - 1]!)) k--;
    let start = -1;
    if (k - 1 >= copied && isMark(s[k - 1]!)) {
      if (k - 2 >= copied && isCjk(s.charCodeAt(k - 2))) start = k - 2;
    } else if (k - 1 >= copied && isCjk(s.charCodeAt(k - 1))) start = k - 1;
    // Else the match can only start at an ideographic space inside the run itself.
    if (start < 0)
      for (let i = k; i < j; i++)
        if (isCjk(s.charCodeAt(i))) {
          start = i;
          break;
        }
    if (start < 0) continue;
    // The match loses its trailing spaces (all of it, when it is all spaces) and gains the mark.
    out += s.slice(copied, start) + (start < k ? s.slice(start, k) : "") + full(p);
    copied = j + 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}
