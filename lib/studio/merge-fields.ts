// Three-way merge of the issue form after a conflicting save: a field only one side changed takes
// that side's value; a field both changed differently keeps mine and is named, so it can be checked.
import type { DraftFields } from "./draft-fields";
import { FIELD_LABEL } from "./draft-fields";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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
