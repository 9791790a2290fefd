// The live A4 preview: the draft rendered by the same OfficialLayout as /print, returned from a
// server action as a React tree. A draft the loader rejects is still shown as far as it can be.
import "server-only";
import type { ReactNode } from "react";
import { OfficialLayout } from "@/components/bulletin/official-layout";
import type { IssueDetail } from "@/db/queries/archive";
import { getSeries } from "@/db/queries/archive";
import { compileBody } from "@/lib/content/mdx";
import { issuePath } from "@/lib/content/paths";
import { seriesSchema, titleLines } from "@/lib/content/schema";
import { db } from "@/lib/database";
import { checkDraft, type DraftCheck } from "@/lib/studio/check-draft";
import { type DraftKey, splitSource } from "@/lib/studio/source";

export type PreviewResult = { node: ReactNode | null; check: DraftCheck; unavailable?: string };

export async function renderPreview(draftId: number, key: DraftKey, source: string): Promise<PreviewResult> {
  const seriesRow = getSeries(db(), key.series);
  const { check, loaded } = await checkDraft(key, source, draftId);
  if (!seriesRow) return { node: null, check, unavailable: `找不到刊物「${key.series}」` };
  const def = seriesSchema.safeParse(seriesRow.definition);
  const split = splitSource(source);
  let body = loaded?.body;
  if (!body) {
    const compiled = await compileBody(split.body);
    if (!compiled.ok) return { node: null, check, unavailable: "正文有错误，改正后才能预览（见正文中标出的行）" };
    body = compiled.value;
  }
  const f = split.fields;
  const lines =
    loaded?.resolved.titleLines ?? titleLines(f.titleLines.filter(Boolean).length ? f.titleLines.filter(Boolean) : ["（标题）"]);
  const issue: IssueDetail = {
    id: 0,
    seriesId: key.series,
    year: key.year,
    number: key.number,
    supplement: key.supplement,
    total: /^\d+$/.test(f.total) ? Number(f.total) : null,
    organization: loaded?.resolved.organization ?? (f.organization || seriesRow.organization),
    date: /^\d{4}-\d{2}-\d{2}$/.test(f.date) ? f.date : `${key.year}-01-01`,
    title: lines.join(" "),
    titleLines: lines,
    subtitle: f.subtitle || null,
    preface: f.preface || null,
    marking: loaded?.resolved.marking ?? (f.marking || (def.success ? (def.data.marking ?? null) : null)),
    editor: loaded?.resolved.editor ?? (f.editor || (def.success ? (def.data.editor ?? "") : "")),
    copies: /^\d+$/.test(f.copies) ? Number(f.copies) : null,
    visibility: f.visibility,
    status: "draft",
    articles: body.articles,
    path: issuePath(key),
    contentHash: "",
    syncedAt: new Date(),
    series: seriesRow,
    distribution: loaded?.resolved.distribution ?? f.distribution,
    bodyTree: body.tree,
    bodyText: body.text,
  };
  // Pictures come from the studio's route, which serves the draft's uploads and those already published beside the issue.
  return { node: <OfficialLayout issue={issue} mediaBase={`/studio/drafts/${draftId}`} />, check };
}
