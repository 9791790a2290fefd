// Titles keep the spaces that split them into printed lines (团长治市委认真履行全团带队职责
// 多措并举推动……), which the body's normalisation would remove. Spaces that PDF extraction put
// between every character, or between Chinese and digits, still go.
import { normalizeText, plain } from "./normalize";
import { HAN } from "./scan-text";

/** A Han character, or the punctuation a title's Chinese runs include. */
const HAN_OR_MARK = new RegExp(`[${HAN}“”（）《》]`);

export function titleText(raw: string): string[] {
  const lines = plain(raw).replace(/\r/g, "").split("\n");
  return lines.flatMap((line) => {
    const s = line.replace(/[\u3000\t]/g, "  ").trim();
    const chars = [...s];
    let gaps = 0;
    let pairs = 0;
    for (let i = 1; i < chars.length - 1; i++) {
      if (HAN_OR_MARK.test(chars[i - 1]!) && (HAN_OR_MARK.test(chars[i]!) || chars[i] === " ")) {
        pairs++;
        if (chars[i] === " ") gaps++;
      }
    }
    // Letter-spaced (团 长 治 市 委 …): only wide gaps separate phrases.
    const phrases = gaps * 2 > pairs ? s.split(/ {2,}/) : s.split(/(?<=[\u3400-\u9FFF“”（）《》"])\s+(?=[\u3400-\u9FFF“”（）《》"])/);
    return [
      phrases
        .map((p) => normalizeText(p))
        .filter(Boolean)
        .join(" "),
    ].filter(Boolean);
  });
}
