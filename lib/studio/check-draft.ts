// Judges a draft exactly as content:check would judge the file it will become, and sorts the
// problems for the form: at a field, at a line of the body, or about the whole issue.
import "server-only";
import { draftMediaNames } from "@/db/queries/studio/media";
import { indexedSeries } from "@/lib/content/indexed-series";
import { type LoadedIssue, parseIssue, sha256 } from "@/lib/content/load";
import { issuePath } from "@/lib/content/paths";
import type { ContentProblem } from "@/lib/content/problem";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { type DraftFields, FIELD_OF_KEY } from "./draft-fields";
import { hasConflictMarkers } from "./merge";
import { type DraftKey, splitSource } from "./source";

export type DraftCheck = {
  ok: boolean;
  /** Messages per form field. */
  fields: Partial<Record<keyof DraftFields, string[]>>;
  /** Problems in the body, at body-relative 1-based lines (the editor's line numbers). */
  body: { line: number; column?: number; message: string }[];
  /** Problems that belong to no one field (series, path). */
  general: string[];
  count: number;
};

/** `draftId` names the draft whose uploaded pictures count as present, beside those already in content/. */
export async function checkDraft(
  key: DraftKey,
  source: string,
  draftId: number | null,
): Promise<{ check: DraftCheck; loaded?: LoadedIssue }> {
  const rel = issuePath(key);
  const pendingMedia = draftId === null ? undefined : draftMediaNames(db(), draftId);
  const result = await parseIssue(rel, source, sha256(source), await indexedSeries(), { mediaRoot: env().contentDir, pendingMedia });
  const split = splitSource(source);
  const problems: ContentProblem[] = result.ok ? [] : result.problems;
  for (const line of hasConflictMarkers(source)) {
    problems.push({
      path: rel,
      line,
      field: "body",
      code: "content:invalid-frontmatter",
      message: "这里还有合并冲突的标记（<<<<<<< / ======= / >>>>>>>）：请选定保留的内容并删去标记",
    });
  }
  const check: DraftCheck = { ok: problems.length === 0, fields: {}, body: [], general: [], count: problems.length };
  for (const p of problems) {
    const field = FIELD_OF_KEY[p.field.split(".")[0] ?? ""];
    if (p.line >= split.bodyLine && !field) {
      check.body.push({ line: p.line - split.bodyLine + 1, column: p.column, message: p.message });
    } else if (field && field !== "body") {
      (check.fields[field] ??= []).push(p.message);
    } else {
      check.general.push(p.line > 1 ? `第 ${p.line} 行：${p.message}` : p.message);
    }
  }
  return { check, loaded: result.ok ? result.value : undefined };
}
