// A save refused because someone else saved first: the two revisions as the editor receives them,
// and the merge of both sides into the editor's text. The save action builds the conflict; the
// editor shows it and merges it, so its shape lives here, where both sides of the line can import it.
import type { DraftFields } from "./draft-fields";
import { mergeFields, mergeSources } from "./merge";

export type ConflictSide = { id: number; seq: number; authorName: string; createdAt: string; fields: DraftFields; body: string };
export type Conflict = { head: ConflictSide; base: ConflictSide; mine: { fields: DraftFields; body: string } };

/** Both sides' changes over their common base, and a notice saying what the editor should check. */
export function mergeConflict(
  conflict: Conflict,
  mine: { fields: DraftFields; body: string },
): { fields: DraftFields; body: string; notice: string } {
  const merged = mergeSources(
    conflict.base.body,
    mine.body,
    conflict.head.body,
    `${conflict.head.authorName}的修改（第${conflict.head.seq}版）`,
  );
  const f = mergeFields(conflict.base.fields, mine.fields, conflict.head.fields);
  const parts = [
    merged.conflicts
      ? `正文有 ${merged.conflicts} 处双方都改了同一段，已用 <<<<<<< 和 >>>>>>> 标出，请保留要的内容并删去标记`
      : "已合并双方的修改",
  ];
  if (f.clashes.length) parts.push(`${f.clashes.join("、")}双方都改了，暂时保留了您的版本，请核对`);
  return { fields: f.fields, body: merged.text, notice: `${parts.join("；")}。合并结果将作为新版本保存。` };
}
