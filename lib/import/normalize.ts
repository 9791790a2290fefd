// Undoes what printing, Word and PDF extraction do to Chinese text: stray spaces between Chinese
// and digits (684 所 → 684所), full-width letters and digits, half-width punctuation inside
// Chinese sentences. Bold is carried through the importer as a pair of private-use marks, so
// text can be measured and matched with them stripped and written back as **…** at the end.

import { INVISIBLE_CHARACTERS } from "@/lib/content/allowed-elements";
import { fullWidthAfterCjk, HAN, replaceAroundHan } from "./scan-text";

export const BOLD_OPEN = "\uE000";
export const BOLD_CLOSE = "\uE001";

/** Han ideographs, the CJK symbols block (〇、。〔〕…) and full-width forms (，：（）…). */
const CJK = `\\u2E80-\\u2FFF\\u3000-\\u303F${HAN}\\uFF00-\\uFFEF\\u201C\\u201D\\u2018\\u2019\\u2014\\u2026\\u00B7`;
const MARKS = `${BOLD_OPEN}${BOLD_CLOSE}`;

/** A footnote reference in the text: FOOTNOTE_OPEN, its id, FOOTNOTE_CLOSE (written back as [^id]). */
export const FOOTNOTE_OPEN = "\uE002";
export const FOOTNOTE_CLOSE = "\uE003";

/** The text without bold marks or footnote references. (A reference holds neither mark: linear.) */
export const plain = (s: string) => s.replace(/\uE002[^\uE002\uE003]*\uE003/g, "").replace(/[\uE000-\uE003]/g, "");

/** The marks this importer writes, taken out of what a file holds: a file cannot forge them. */
export const withoutMarks = (s: string) => s.replace(/[\uE000-\uE003]/g, "");

/** The text without bold marks or any whitespace: what two spellings of one heading share. */
export const compact = (s: string) => plain(s).replace(/[\s\u3000]+/g, "");

/** Full-width letters and digits → half-width; "．" and "％" too where they belong to a number. */
function halfWidthAlnum(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/([0-9])\uFF0E(?=[0-9])/g, "$1.")
    .replace(/([0-9])\uFF05/g, "$1%");
}

const TO_FULL: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！" };

// Built once: normalizeText runs on every line of every imported file.
const CJK_CHAR = new RegExp(`^[${CJK}]$`);
const isCjk = (code: number) => !Number.isNaN(code) && CJK_CHAR.test(String.fromCharCode(code));
const PUNCT_BEFORE_HAN = new RegExp(`([,;:?!])\\s*(?=[${HAN}])`, "g");
const STOP_AFTER_HAN = new RegExp(`([${HAN}”’）》])\\.(?![0-9A-Za-z])`, "g");

/** Half-width punctuation touching Chinese becomes full-width; ASCII-only runs are left alone. */
function fullWidthPunctuation(s: string): string {
  // Scanned by hand: as /([CJK])[MARKS]?\s*([,;:?!])(?![0-9])/ it backtracked quadratically over
  // a run of ideographic spaces (U+3000 is in both classes).
  let out = fullWidthAfterCjk(s, isCjk, (p) => TO_FULL[p]!);
  out = out.replace(PUNCT_BEFORE_HAN, (_m, p: string) => TO_FULL[p]!);
  // (…) around Chinese → （…）, and straight double quotes around Chinese → “…”. Scanned by
  // hand: as regular expressions (\(([^()]*[HAN][^()]*)\)) these backtrack quadratically on a
  // long line that opens a bracket and never closes it.
  out = replaceAroundHan(out, "(", ")", "（", "）");
  out = replaceAroundHan(out, '"', '"', "“", "”");
  // A full stop after Chinese (not a decimal point, which has a digit on both sides).
  out = out.replace(STOP_AFTER_HAN, "$1。");
  return out;
}

/**
 * Removes spaces that Chinese typesetting never has: between two Chinese characters, between
 * Chinese and a digit or Latin letter, and around full-width punctuation. Spaces between two
 * Latin words stay.
 */
const SPACE = `[ \\t\\u00A0\\u3000]+`;
const SPACE_AFTER_CJK = new RegExp(`([${CJK}][${MARKS}]?)${SPACE}(?=[${MARKS}]?[${CJK}0-9A-Za-z%])`, "g");
const SPACE_BEFORE_CJK = new RegExp(`([0-9A-Za-z%][${MARKS}]?)${SPACE}(?=[${MARKS}]?[${CJK}])`, "g");

export function removeCjkSpaces(s: string): string {
  let prev: string;
  let out = s;
  do {
    prev = out;
    out = out.replace(SPACE_AFTER_CJK, "$1").replace(SPACE_BEFORE_CJK, "$1");
  } while (out !== prev);
  return out;
}

/** The normalisation applied to every line of body text. */
export function normalizeText(s: string): string {
  let out = s.normalize("NFC").replace(INVISIBLE_CHARACTERS, "");
  out = halfWidthAlnum(out);
  out = fullWidthPunctuation(out);
  out = removeCjkSpaces(out);
  // Repeated ASCII spaces collapse; "……" written as three dots or "。。。" is left as written.
  out = out.replace(/[ \t]{2,}/g, " ").trim();
  return out;
}

/** Reads **bold** markers typed into plain text as bold marks. */
export function readStarBold(s: string): string {
  return s.replace(/\*\*([^*\n]+?)\*\*/g, `${BOLD_OPEN}$1${BOLD_CLOSE}`);
}

/** Drops empty or whitespace-only bold runs and merges adjacent ones (Word splits runs freely). */
export function tidyBold(s: string): string {
  return s.replace(/\uE001\uE000/g, "").replace(/\uE000([\s\u3000]*)\uE001/g, "$1");
}
