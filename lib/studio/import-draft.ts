// 导入: a Word (.docx) or text bulletin becomes a draft, through the same importer as
// `npm run import` (dry run: nothing is written to content/ until the draft is published).
// The number comes from the document's masthead and is held like any draft's; a Word file's pictures
// become the draft's pictures, under the names every upload gets.
import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { addDraftPicture, MAX_DRAFT_PICTURES } from "@/db/queries/studio/media";
import { createDraft } from "@/db/queries/studio/numbering";
import { commentDraft } from "@/db/queries/studio/review";
import { requireSeries, type StudioUser } from "@/lib/auth/session";
import { indexedSeries } from "@/lib/content/indexed-series";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { MAX_DOCX_BYTES } from "@/lib/import/import-file";
import { importInWorker } from "@/lib/import/import-worker";
import { readPicture } from "@/lib/pictures/bytes";
import { mediaSrc } from "@/lib/pictures/paths";
import { assertWithinLimits, draftTitle, splitSource } from "./source";

export async function importAsDraft(user: StudioUser, file: File, seriesId: string | undefined): Promise<number> {
  if (seriesId) requireSeries(user, seriesId);
  const ext = path.extname(file.name).toLowerCase();
  if (file.size > MAX_DOCX_BYTES)
    throw new AppError("studio:invalid-input", `文件有 ${Math.ceil(file.size / 1048576)} MB，超过上限 ${MAX_DOCX_BYTES / 1048576} MB`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jianbao-import-"));
  let result: Awaited<ReturnType<typeof importInWorker>>;
  try {
    // The importer reads by path and judges the format by the extension, as the CLI does.
    const upload = path.join(dir, `upload${ext}`);
    await fs.writeFile(upload, Buffer.from(await file.arrayBuffer()));
    // On a worker thread, with its own bounded heap and a deadline: readers are answered meanwhile.
    result = await importInWorker(upload, { contentDir: env().contentDir, series: await indexedSeries(), seriesId, dryRun: true });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  if (result.status === "failed") {
    const where = result.line ? `（第 ${result.line} ${result.unit ?? "行"}）` : "";
    throw new AppError("studio:invalid-input", `无法导入「${file.name}」${where}：${result.message}`);
  }
  const fm = result.issue.frontmatter;
  requireSeries(user, fm.series);
  // The document's pictures become the draft's, under the names the studio gives every upload.
  let mdx = result.mdx;
  const pictures = result.pictures.map((p, i) => {
    const picture = readPicture(p.bytes, `文档中的第 ${i + 1} 张图片`);
    mdx = mdx.replaceAll(`"${mediaSrc(result.target, p.name)}"`, `"${mediaSrc(result.target, picture.name)}"`);
    return { picture, bytes: p.bytes, originalName: p.name };
  });
  if (pictures.length > MAX_DRAFT_PICTURES)
    throw new AppError("studio:media-full", `「${file.name}」含有 ${pictures.length} 张图片，超过一份稿件 ${MAX_DRAFT_PICTURES} 张的上限`);
  // A long document can make a file the loader would refuse: refused here, before any draft exists.
  assertWithinLimits(mdx);
  const d = db();
  const title = draftTitle(splitSource(mdx).fields);
  const created = createDraft(d, {
    seriesId: fm.series,
    year: fm.year,
    supplement: Boolean(fm.supplement),
    number: fm.number,
    authorId: user.id,
    compose: () => ({ source: mdx, title }),
    path: () => result.target,
  });
  for (const p of pictures) addDraftPicture(d, { draftId: created.draftId, actorId: user.id, ...p });
  if (result.notes.length > 0) {
    const lines = result.notes.map(
      (n) => `${n.review ? "【请核对】" : ""}${n.line ? `原文第 ${n.line} ${result.unit}：` : ""}${n.message}`,
    );
    commentDraft(d, { draftId: created.draftId, actorId: user.id, comment: `导入「${file.name}」时的说明：\n${lines.join("\n")}` });
  }
  return created.draftId;
}
