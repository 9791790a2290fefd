// The characters a printed issue can show, so its fonts can be cut down to just those. Subset
// fonts make pages and PDFs small and fast; a character missing here would fall back to a
// system font (a Type 3 font in the PDF), so the set errs on the generous side.
import { dateZh, issueLine, pageNumberLabel, spacedName } from "@/lib/format";

// Printable ASCII, the layout's own labels, full-width punctuation and Chinese numerals.
const BASE =
  Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("") +
  "\u00a0\u3000—–…·•“”‘’〔〕〈〉《》「」『』【】（）［］｛｝：；，。、！？％＋－／＝～" +
  "第期总增刊年月日〇零一二三四五六七八九十百千万报送发责任编辑共印份页本期要目编者按内部资料注意保存" +
  "０１２３４５６７８９" +
  "↩";

export function charsetOf(...texts: string[]): string {
  const set = new Set<string>(BASE);
  for (const t of texts) for (const ch of t) set.add(ch);
  return [...set].sort().join("");
}

// Any other fields (title, body tree, distribution lists, the series) count through their JSON.
type IssueLike = Parameters<typeof issueLine>[0] & { date: string; editor: string; [field: string]: unknown };

/** Every character the official layout of `issue` can print: its data plus what the layout adds. */
export function issueCharset(issue: IssueLike): string {
  const folios = Array.from({ length: 60 }, (_, i) => pageNumberLabel(i + 1)).join("");
  return charsetOf(JSON.stringify(issue), issueLine(issue), dateZh(issue.date), spacedName(issue.editor), folios);
}
