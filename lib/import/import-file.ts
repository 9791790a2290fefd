// Imports one .docx or .txt bulletin into content/: reads it, recognises its parts, writes MDX,
// checks the result with the content loader's own rules, and only then writes, atomically and
// never over an existing file, so a failed import leaves nothing behind.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MAX_ISSUE_BYTES } from "@/lib/content/limits";
import { type LoadedSeries, parseIssue, sha256 } from "@/lib/content/load";
import { issuePath } from "@/lib/content/paths";
import { type ContentProblem, formatProblem } from "@/lib/content/problem";
import { ensureRealFolders, isUnsafeContentPath, UNSAFE_PATH_MESSAGE } from "@/lib/content/safe-file";
import { mediaDirName, mediaPath } from "@/lib/pictures/paths";
import { type DocxMedia, readDocx } from "./docx-source";
import { toMdx } from "./mdx-writer";
import { type Note, type RecognisedIssue, RecogniseError, recognise, type SeriesInfo } from "./recognise";
import type { SourceBlock } from "./source";
import type { StatedFrontmatter } from "./stated";
import { decodeText, textToBlocks } from "./text-source";

/** A Word file with pictures can be large; a bulletin's text never is. */
export const MAX_DOCX_BYTES = 15 * 1024 * 1024;
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

export type FailureCode =
  | RecogniseError["code"]
  | "import:unreadable"
  | "import:empty"
  | "import:too-large"
  | "import:unsupported"
  | "import:not-docx"
  | "import:old-doc"
  | "import:encoding"
  | "import:invalid"
  | "import:exists"
  | "import:write-failed"
  // Of the worker thread the studio imports on (import-worker.ts).
  | "import:busy"
  | "import:timeout"
  | "import:crashed";

export type ImportResult =
  | {
      status: "imported" | "review";
      source: string;
      /** Where the issue goes, relative to the content root: jtyx/2022/003.mdx. */
      target: string;
      /** "行" for text files, "段" (paragraph) for Word files: what notes' numbers count. */
      unit: "行" | "段";
      issue: RecognisedIssue;
      notes: Note[];
      mdx: string;
      media: string[];
      /** The pictures themselves, named as the MDX names them in its media folder. */
      pictures: { name: string; bytes: Uint8Array }[];
      written: boolean;
    }
  | {
      status: "failed";
      source: string;
      code: FailureCode;
      message: string;
      line?: number;
      unit?: "行" | "段";
      problems?: ContentProblem[];
    };

export type ImportOptions = {
  contentDir: string;
  series: ReadonlyMap<string, LoadedSeries>;
  /** Import into this series whatever the masthead says (it must agree if it names one). */
  seriesId?: string;
  dryRun?: boolean;
};

export const seriesInfos = (series: ReadonlyMap<string, LoadedSeries>): SeriesInfo[] =>
  [...series.values()].map(({ definition: d }) => ({
    id: d.id,
    name: d.name,
    organization: d.organization,
    marking: d.marking,
    editor: d.editor,
  }));

export async function importFile(source: string, options: ImportOptions): Promise<ImportResult> {
  const fail = (code: FailureCode, message: string, extra: Partial<Extract<ImportResult, { status: "failed" }>> = {}): ImportResult => ({
    status: "failed",
    source,
    code,
    message,
    ...extra,
  });
  const ext = path.extname(source).toLowerCase();
  if (![".docx", ".txt", ".doc", ".wps"].includes(ext)) return fail("import:unsupported", "只能导入 Word 文档（.docx）和纯文本（.txt）");
  let size: number;
  try {
    const stat = await fs.stat(source);
    if (!stat.isFile()) return fail("import:unreadable", "不是文件");
    size = stat.size;
  } catch (error) {
    return fail(
      "import:unreadable",
      `无法读取文件：${(error as NodeJS.ErrnoException).code === "ENOENT" ? "文件不存在" : (error as Error).message}`,
    );
  }
  if (size === 0) return fail("import:empty", "文件是空的");
  const limit = ext === ".txt" ? MAX_TEXT_BYTES : MAX_DOCX_BYTES;
  if (size > limit)
    return fail(
      "import:too-large",
      `文件有 ${(size / 1024 / 1024).toFixed(1)} MB，超过${ext === ".txt" ? "纯文本" : " Word 文档"}的导入上限 ${limit / 1024 / 1024} MB`,
    );
  const bytes = new Uint8Array(await fs.readFile(source));

  const known = seriesInfos(options.series);
  let blocks: SourceBlock[];
  let media: DocxMedia[] = [];
  let stated: StatedFrontmatter | undefined;
  const extraNotes: Note[] = [];
  const unit = ext === ".txt" ? "行" : "段";
  if (ext === ".txt") {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return fail("import:encoding", decoded.message);
    if (!decoded.text.trim()) return fail("import:empty", "文件里没有文字");
    blocks = textToBlocks(
      decoded.text,
      known.map((s) => s.name),
    );
  } else {
    const read = await readDocx(bytes);
    if (!read.ok) return fail(read.code, read.message);
    blocks = read.blocks;
    media = read.media;
    stated = read.stated;
    for (const type of new Set(read.skippedImages))
      extraNotes.push({ message: `文档中有 ${type} 格式的图片，网页无法显示，没有导入（请另存为 PNG 或 JPG 后插入）`, review: true });
    if (blocks.length === 0) return fail("import:empty", "文档里没有文字");
  }

  let issue: RecognisedIssue;
  try {
    issue = recognise(blocks, { series: known, seriesId: options.seriesId, notes: extraNotes, stated });
  } catch (error) {
    if (error instanceof RecogniseError) return fail(error.code, error.message, { line: error.line, unit });
    throw error;
  }
  const target = issuePath({
    series: issue.frontmatter.series,
    year: issue.frontmatter.year,
    number: issue.frontmatter.number,
    supplement: Boolean(issue.frontmatter.supplement),
  });
  const folder = mediaDirName(target);
  const used = new Set<string>();
  for (const n of issue.body) {
    if (n.kind === "image") {
      used.add(n.file);
      n.file = `${folder}/${n.file}`;
    }
  }
  media = media.filter((m) => used.has(m.name));
  const mdx = toMdx(issue);
  if (Buffer.byteLength(mdx) > MAX_ISSUE_BYTES)
    return fail("import:too-large", `转换后的正文超过一期简报的上限 ${MAX_ISSUE_BYTES / 1024} KB，请检查是否把多期合在了一个文件里`);

  // The generated file must pass the same checks as any file in content/.
  const checked = await parseIssue(target, mdx, sha256(mdx), options.series, { pendingMedia: new Set(media.map((m) => m.name)) });
  if (!checked.ok) {
    return fail("import:invalid", `转换结果没有通过内容检查：\n${checked.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`, {
      problems: checked.problems,
    });
  }

  const result: ImportResult = {
    status: issue.notes.some((n) => n.review) ? "review" : "imported",
    source,
    target,
    unit,
    issue,
    notes: issue.notes,
    mdx,
    media: media.map((m) => mediaPath(target, m.name)),
    pictures: media.map((m) => ({ name: m.name, bytes: m.bytes })),
    written: false,
  };
  const file = path.join(options.contentDir, target);
  const mediaDir = path.join(path.dirname(file), folder);
  for (const existing of [file, ...(media.length > 0 ? [mediaDir] : [])]) {
    if (
      await fs.lstat(existing).then(
        () => true,
        () => false,
      )
    ) {
      return fail(
        "import:exists",
        `${path.relative(options.contentDir, existing).split(path.sep).join("/")} 已存在，没有覆盖（若要重新导入，请先删除或改名）`,
      );
    }
  }
  if (options.dryRun) return result;
  try {
    // Never into a folder that is a link out of the content root (safe-file.ts).
    await ensureRealFolders(options.contentDir, path.posix.dirname(target));
  } catch (error) {
    return fail(
      "import:write-failed",
      `没有写入 ${target}：${isUnsafeContentPath(error) ? UNSAFE_PATH_MESSAGE[error.code] : (error as Error).message}`,
    );
  }
  try {
    await writeIssue(file, mdx, mediaDir, media);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fail("import:exists", `${target} 已存在，没有覆盖`);
    return fail("import:write-failed", `写入 ${target} 失败：${(error as Error).message}`);
  }
  return { ...result, written: true };
}

/**
 * Pictures first (into a hidden staging folder, then renamed into place), the MDX last: readers
 * and the sync never see an issue whose pictures are missing. The MDX is linked into place, which
 * fails rather than replace a file someone created meanwhile. On any failure both are removed.
 */
async function writeIssue(file: string, mdx: string, mediaDir: string, media: DocxMedia[]) {
  const dir = path.dirname(file); // made by ensureRealFolders
  const token = `${process.pid}-${randomBytes(6).toString("hex")}`;
  const stagedMedia = path.join(dir, `.import-${token}.media`);
  const stagedFile = path.join(dir, `.import-${token}.mdx`);
  let mediaPlaced = false;
  try {
    if (media.length > 0) {
      await fs.mkdir(stagedMedia);
      for (const m of media) await fs.writeFile(path.join(stagedMedia, m.name), m.bytes);
      await fs.rename(stagedMedia, mediaDir);
      mediaPlaced = true;
    }
    await fs.writeFile(stagedFile, mdx);
    await fs.link(stagedFile, file);
  } catch (error) {
    if (mediaPlaced) await fs.rm(mediaDir, { recursive: true, force: true });
    throw error;
  } finally {
    await fs.rm(stagedFile, { force: true });
    await fs.rm(stagedMedia, { recursive: true, force: true });
  }
}
