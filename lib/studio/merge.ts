// Three-way merge when two editors saved over the same revision, of the MDX and of its
// form. In the text, changes that touch different lines are both kept; the rest become conflict
// blocks the editor resolves by hand.
import { diff3Merge } from "node-diff3";
import { type DraftFields, FIELD_LABEL } from "./draft-fields";

export const MINE_LABEL = "我的修改";
export const THEIRS_LABEL = "他人的修改";

export type MergeOutcome = { text: string; conflicts: number };

// Merging works on lines, so a CRLF from a pasted Word export must not read as "every line changed".
function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").split("\n");
}

/**
 * Merge `mine` and `theirs`, both edited from `base`. Where both sides changed the same lines
 * differently, the text holds a git-style conflict block (ours first) and `conflicts` counts it;
 * both sides making the very same change is not a conflict.
 */
export function mergeSources(base: string, mine: string, theirs: string, theirsLabel = THEIRS_LABEL): MergeOutcome {
  const regions = diff3Merge(splitLines(mine), splitLines(base), splitLines(theirs), { excludeFalseConflicts: true });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) {
      out.push(...region.ok);
    } else if (region.conflict) {
      conflicts++;
      out.push(`<<<<<<< ${MINE_LABEL}`, ...region.conflict.a, "=======", ...region.conflict.b, `>>>>>>> ${theirsLabel}`);
    }
  }
  return { text: out.join("\n"), conflicts };
}

// Exactly what mergeSources writes. "=======" alone would also be a setext heading underline, but
// headings in a bulletin are written with "#", so a bare seven-equals line is a leftover marker.
const MARKER = /^(?:<{7}(?:\s|$)|={7}\s*$|>{7}(?:\s|$))/;

/** 1-based numbers of the lines that still carry a conflict marker (empty when resolved). */
export function hasConflictMarkers(text: string): number[] {
  const lines: number[] = [];
  splitLines(text).forEach((line, i) => {
    if (MARKER.test(line)) lines.push(i + 1);
  });
  return lines;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The form merges field by field: a field only one side changed takes that side's value; a field
 * both changed differently keeps mine and is named, so it can be checked.
 */
export function mergeFields(base: DraftFields, mine: DraftFields, theirs: DraftFields): { fields: DraftFields; clashes: string[] } {
  const fields = { ...mine };
  const clashes: string[] = [];
  for (const key of Object.keys(mine) as (keyof DraftFields)[]) {
    const mineChanged = !same(mine[key], base[key]);
    const theirsChanged = !same(theirs[key], base[key]);
    if (theirsChanged && !mineChanged) (fields as Record<string, unknown>)[key] = theirs[key];
    else if (theirsChanged && mineChanged && !same(mine[key], theirs[key])) clashes.push(FIELD_LABEL[key]);
  }
  return { fields, clashes };
}
