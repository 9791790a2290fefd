// How text becomes searchable. Chinese has no spaces and most words are two characters (FTS5's
// trigram tokenizer matches nothing under three), so text is indexed twice: as overlapping
// character pairs for queries of two or more characters (a phrase of pairs), and as single
// characters for one-character queries. 团, 长治, 2022年 and long phrases all match as substrings.
// The same functions prepare the index and the query, so both sides normalise full-width forms,
// case and punctuation the same way.

/** What the search index stores for one issue: character pairs and single characters of its titles and body. */
export type SearchDocument = { titlePairs: string; titleChars: string; bodyPairs: string; bodyChars: string };

/**
 * One character of normalised text for each character of input (same UTF-16 length), so that a
 * match found in normalised text marks the same range in the original: full-width ASCII becomes
 * half-width, the ideographic space a space, letters lower case.
 */
export function normalizeForSearch(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0).toLowerCase();
    else if (c === 0x3000) out += " ";
    else if (c >= 0x41 && c <= 0x5a) out += String.fromCharCode(c + 32);
    else out += text[i];
  }
  return out;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

type CharClass = "token" | "space" | "break";

function charClass(ch: string): CharClass {
  // Fast paths for what bulletins are made of: CJK ideographs, ASCII letters and digits, ASCII
  // space and newline. The Unicode classes decide the rest (indexing 10,000 issues classifies
  // tens of millions of characters).
  const c = ch.charCodeAt(0);
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return "token";
  if (c === 0x20 || c === 0x0a) return "space";
  if (LETTER_OR_DIGIT.test(ch)) return "token";
  if (SPACE.test(ch)) return "space";
  return "break";
}

/**
 * The runs of a text: letters and digits between punctuation (spaces do not break a run, so a
 * title's 团长治市委　多措并举 reads on), each as its normalised characters.
 */
export function runs(text: string): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  for (const ch of normalizeForSearch(text)) {
    const kind = charClass(ch);
    if (kind === "token") run.push(ch);
    else if (kind === "break" && run.length > 0) {
      out.push(run);
      run = [];
    }
  }
  if (run.length > 0) out.push(run);
  return out;
}

/**
 * Text for the two indexes, in one pass. `pairs` (the phrase index): overlapping character pairs
 * (bigrams) within each run; a query of n ≥ 2 characters is the phrase of its n − 1 pairs, which
 * matches exactly where the characters stand together, and pairs are far rarer than single
 * characters, so phrases are cheap to match. `chars` (the character index): each distinct
 * character once, for one-character queries.
 */
export function indexTexts(text: string): { pairs: string; chars: string } {
  const pairs: string[] = [];
  const chars = new Set<string>();
  let previous = "";
  for (const ch of normalizeForSearch(text)) {
    const kind = charClass(ch);
    if (kind === "token") {
      chars.add(ch);
      if (previous) pairs.push(previous + ch);
      previous = ch;
    } else if (kind === "break") previous = "";
  }
  return { pairs: pairs.join(" "), chars: [...chars].join(" ") };
}

/** Longest query kept, in characters; a longer one is cut and the reader told. */
export const MAX_QUERY_CHARS = 100;

export type ParsedQuery = {
  /** What the reader typed, trimmed and cut to MAX_QUERY_CHARS: shown back in the search box. */
  text: string;
  /**
   * What must match, each as its characters: the words the reader typed, split further at
   * punctuation (a phrase never spans a comma). Every one must match (AND).
   */
  terms: string[][];
  truncated: boolean;
};

export function parseQuery(raw: string | undefined | null): ParsedQuery {
  const trimmed = (raw ?? "").replace(/\s+/gu, " ").trim();
  const chars = [...trimmed];
  const truncated = chars.length > MAX_QUERY_CHARS;
  const text = truncated ? chars.slice(0, MAX_QUERY_CHARS).join("").trim() : trimmed;
  const terms: string[][] = [];
  const seen = new Set<string>();
  for (const word of normalizeForSearch(text).split(" ")) {
    for (const run of runs(word)) {
      const key = run.join("");
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push(run);
    }
  }
  return { text, terms, truncated };
}
