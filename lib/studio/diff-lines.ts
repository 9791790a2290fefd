// Line-by-line comparison of two revisions of an issue, numbered on both sides, for the studio's
// revision history. Rendering (collapsing, colours) is the component's business.
import { diffLines as jsDiffLines } from "diff";

export type DiffLine = { kind: "same" | "add" | "del"; text: string; aLine?: number; bLine?: number };

// Both the trailing newline and CRLF are accidents of the editor or the import, not edits a
// reviewer wants to see, so neither shows up as a changed line.
function normalize(text: string): string {
  const lf = text.replace(/\r\n?/g, "\n");
  return lf === "" || lf.endsWith("\n") ? lf : `${lf}\n`;
}

/** The lines of `b` compared with `a`; aLine/bLine are 1-based line numbers in each revision. */
export function diffLines(a: string, b: string): DiffLine[] {
  const out: DiffLine[] = [];
  let aLine = 1;
  let bLine = 1;
  for (const change of jsDiffLines(normalize(a), normalize(b))) {
    const lines = change.value.split("\n");
    lines.pop(); // every normalized chunk ends with "\n", leaving one empty piece
    for (const text of lines) {
      if (change.added) out.push({ kind: "add", text, bLine: bLine++ });
      else if (change.removed) out.push({ kind: "del", text, aLine: aLine++ });
      else out.push({ kind: "same", text, aLine: aLine++, bLine: bLine++ });
    }
  }
  return out;
}

/** How many lines were added and removed. */
export function summarize(d: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of d) {
    if (line.kind === "add") added++;
    else if (line.kind === "del") removed++;
  }
  return { added, removed };
}
