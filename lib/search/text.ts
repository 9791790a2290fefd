// How text becomes searchable. Chinese has no spaces and most words are two characters, so every
// letter and digit is its own token and a query is a phrase of them: 团, 长治 and 2022年 all match
// as substrings, at any length. The same functions prepare the index and the query, so both sides
// normalise full-width forms, case and punctuation the same way.

/** Stands for a run of punctuation, so a phrase does not match across a comma (长治，大同 ≠ 治大). */
export const BREAK_TOKEN = "brk";

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

export type CharClass = "token" | "space" | "break";

export function charClass(ch: string): CharClass {
  if (LETTER_OR_DIGIT.test(ch)) return "token";
  if (SPACE.test(ch)) return "space";
  return "break";
}

/** The tokens of a text: one per letter or digit, one BREAK_TOKEN per run of punctuation. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const ch of normalizeForSearch(text)) {
    const kind = charClass(ch);
    if (kind === "token") tokens.push(ch);
    else if (kind === "break" && tokens.length > 0 && tokens[tokens.length - 1] !== BREAK_TOKEN) tokens.push(BREAK_TOKEN);
  }
  return tokens;
}

/** A text as the FTS5 table stores it: tokens separated by spaces (read by `unicode61`). */
export function indexText(text: string): string {
  return tokenize(text).join(" ");
}

/** Longest query kept, in characters; a longer one is cut and the reader told. */
export const MAX_QUERY_CHARS = 100;

export type ParsedQuery = {
  /** What the reader typed, trimmed and cut to MAX_QUERY_CHARS: shown back in the search box. */
  text: string;
  /** Each whitespace-separated term as its tokens; every term must match (AND). */
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
    const tokens = tokenize(word);
    while (tokens[0] === BREAK_TOKEN) tokens.shift();
    while (tokens[tokens.length - 1] === BREAK_TOKEN) tokens.pop();
    const key = tokens.join(" ");
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    terms.push(tokens);
  }
  return { text, terms, truncated };
}

/**
 * The FTS5 MATCH expression for parsed terms: each term a quoted phrase, all required. Tokens are
 * single letters or digits (or BREAK_TOKEN), so nothing the reader types can be FTS syntax.
 */
export function matchExpression(terms: string[][], column?: "title"): string {
  const phrases = terms.map((t) => `"${t.join(" ")}"`).join(" AND ");
  return column ? `{${column}} : (${phrases})` : phrases;
}
