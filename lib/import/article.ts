// A Word (.docx) 信息稿件 read into an MDX body: one article, not a bulletin, so there is no
// masthead to recognise. Read by the importer's own Word reader (zip checked before anything is
// inflated, bounded sizes, external links never followed) and written by its own MDX writer, so
// imported text is escaped and can never become markup. Runs on the import worker (import-worker.ts).
import fs from "node:fs/promises";
import path from "node:path";
import { readDocx } from "./docx-source";
import type { FailureCode } from "./import-file";
import { MAX_DOCX_BYTES } from "./import-file";
import { nodeMdx } from "./mdx-writer";
import { plain } from "./normalize";
import type { BodyNode } from "./recognise";

export type ArticleResult =
  | {
      status: "imported";
      /** The document's first short line, when it reads as a title (not ending a sentence). */
      title: string;
      /** The MDX body; pictures as <Figure src="<folder>/<name>" />. */
      body: string;
      pictures: { name: string; bytes: Uint8Array }[];
      notes: string[];
    }
  | { status: "failed"; code: FailureCode; message: string };

const SENTENCE_END = /[。！？!?.…；;，,：:]$/;

/** `folder`: the media folder the body names its pictures in ("submission.media"). */
export async function importArticle(source: string, folder: string): Promise<ArticleResult> {
  const fail = (code: FailureCode, message: string): ArticleResult => ({ status: "failed", code, message });
  if (path.extname(source).toLowerCase() !== ".docx") return fail("import:unsupported", "只能上传 Word 文档（.docx）");
  const size = (await fs.stat(source)).size;
  if (size === 0) return fail("import:empty", "文件是空的");
  if (size > MAX_DOCX_BYTES)
    return fail("import:too-large", `文件有 ${(size / 1048576).toFixed(1)} MB，超过 Word 文档的上限 ${MAX_DOCX_BYTES / 1048576} MB`);
  const read = await readDocx(new Uint8Array(await fs.readFile(source)));
  if (!read.ok) return fail(read.code, read.message);
  const notes = [...new Set(read.skippedImages)].map(
    (t) => `文档中有 ${t} 格式的图片，网页无法显示，没有导入（请另存为 PNG 或 JPG 后插入）`,
  );
  const blocks = [...read.blocks];
  let title = "";
  const first = blocks[0];
  if (first?.kind === "text") {
    const t = plain(first.text).trim();
    if (t.length <= 60 && !SENTENCE_END.test(t)) {
      title = t;
      blocks.shift();
    }
  }
  const used = new Set<string>();
  const nodes: BodyNode[] = [];
  for (const b of blocks) {
    if (b.kind === "text") {
      if (b.text.trim()) nodes.push({ kind: "para", text: b.text });
    } else if (b.kind === "image") {
      used.add(b.file);
      nodes.push({ kind: "image", file: `${folder}/${b.file}`, alt: b.alt });
    } else if (b.kind === "list") nodes.push({ kind: "list", ordered: b.ordered, items: b.items });
    else if (b.kind === "footnote") nodes.push({ kind: "footnote", id: b.id, text: b.text });
    else nodes.push({ kind: "table", rows: b.rows });
  }
  if (nodes.length === 0) return fail("import:empty", "文档里没有正文");
  return {
    status: "imported",
    title,
    body: `${nodes.map(nodeMdx).join("\n\n")}\n`,
    pictures: read.media.filter((m) => used.has(m.name)).map((m) => ({ name: m.name, bytes: m.bytes })),
    notes,
  };
}
