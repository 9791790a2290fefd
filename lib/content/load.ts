// Reads one series definition or one issue file and validates it completely, collecting every
// problem instead of stopping at the first, so `content:check` can list them all at once.
import { createHash } from "node:crypto";
import path from "node:path";
import { mediaProblems } from "@/lib/pictures/check";
import type { SearchDocument } from "@/lib/search/text";
import { parseYaml, schemaProblems, splitFrontmatter } from "./frontmatter";
import { MAX_ISSUE_BYTES, MAX_SERIES_BYTES } from "./limits";
import { type CompiledBody, compileBody } from "./mdx";
import { type IssueKey, parseIssuePath, SERIES_DIR } from "./paths";
import type { ContentProblem } from "./problem";
import { isUnsafeContentPath, readContentFile, UNSAFE_PATH_MESSAGE } from "./safe-file";
import {
  type Distribution,
  type IssueFrontmatter,
  issueFrontmatterSchema,
  type SeriesDefinition,
  seriesSchema,
  titleLines,
} from "./schema";
import { decodeUtf8 } from "./utf8";

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

export type LoadedSeries = { path: string; hash: string; definition: SeriesDefinition };

export type LoadedIssue = {
  path: string;
  /** sha256 of the file's bytes. */
  hash: string;
  key: IssueKey;
  frontmatter: IssueFrontmatter;
  /** Frontmatter with the series' defaults filled in. */
  resolved: { organization: string; distribution: Distribution; editor: string; marking?: string; titleLines: string[]; title: string };
  body: CompiledBody;
  /** The search index's text, when it was prepared where the issue was compiled (load-pool.ts). */
  search?: SearchDocument;
};

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

async function readChecked(root: string, rel: string, max: number): Promise<Loaded<{ text: string; hash: string }>> {
  const fail = (code: ContentProblem["code"], message: string, line = 1, column?: number): Loaded<never> => ({
    ok: false,
    problems: [{ path: rel, line, column, field: "file", code, message }],
  });
  let bytes: Buffer;
  try {
    bytes = (await readContentFile(root, rel, { max })).bytes;
  } catch (error) {
    if (isUnsafeContentPath(error)) return fail(error.code, UNSAFE_PATH_MESSAGE[error.code]);
    const size = (error as { size?: unknown }).size;
    if (typeof size === "number") return fail("content:too-large", `文件有 ${Math.ceil(size / 1024)} KB，超过上限 ${max / 1024} KB`);
    return fail("content:unreadable", `无法读取文件：${(error as Error).message}`);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return fail("content:invalid-utf8", "文件不是有效的 UTF-8 编码（请以 UTF-8 保存）", decoded.line, decoded.column);
  return { ok: true, value: { text: decoded.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), hash: sha256(bytes) } };
}

export async function loadSeries(root: string, rel: string): Promise<Loaded<LoadedSeries>> {
  const read = await readChecked(root, rel, MAX_SERIES_BYTES);
  if (!read.ok) return read;
  const yaml = parseYaml(rel, read.value.text, 1);
  if (!yaml.ok) return yaml;
  const parsed = seriesSchema.safeParse(yaml.value.data ?? {});
  if (!parsed.success) return { ok: false, problems: schemaProblems(rel, yaml.value, parsed.error) };
  const expected = path.posix.basename(rel).replace(/\.ya?ml$/, "");
  if (parsed.data.id !== expected) {
    return {
      ok: false,
      problems: [
        {
          path: rel,
          line: 1,
          field: "id",
          code: "content:path-mismatch",
          message: `刊物代号「${parsed.data.id}」与文件名「${expected}」不一致`,
        },
      ],
    };
  }
  return { ok: true, value: { path: rel, hash: read.value.hash, definition: parsed.data } };
}

export async function loadIssue(root: string, rel: string, seriesById: ReadonlyMap<string, LoadedSeries>): Promise<Loaded<LoadedIssue>> {
  const read = await readChecked(root, rel, MAX_ISSUE_BYTES);
  if (!read.ok) return read;
  return parseIssue(rel, read.value.text, read.value.hash, seriesById, { mediaRoot: root });
}

/**
 * Validates an issue's source text as if it were the file at `rel`: the loader's rules without
 * the disk, so the importer can check what it generated before writing anything. `mediaRoot`
 * is where images referenced by the issue must exist (the content root).
 */
export async function parseIssue(
  rel: string,
  text: string,
  hash: string,
  seriesById: ReadonlyMap<string, LoadedSeries>,
  options: { mediaRoot?: string; pendingMedia?: ReadonlySet<string> } = {},
): Promise<Loaded<LoadedIssue>> {
  const split = splitFrontmatter(rel, text);
  if (!split.ok) return split;
  const fm = split.value;
  const problems: ContentProblem[] = [];
  const parsed = issueFrontmatterSchema.safeParse(fm.data ?? {});
  const compiled = await compileBody(fm.body, fm.bodyLine - 1);
  if (!compiled.ok) problems.push(...compiled.violations.map((v) => ({ ...v, path: rel })));
  else problems.push(...(await mediaProblems(rel, fm.body, fm.bodyLine, compiled.value.tree, options)));
  if (!parsed.success) {
    problems.unshift(...schemaProblems(rel, fm, parsed.error));
    return { ok: false, problems };
  }
  const data = parsed.data;
  const lineOf = (key: string) => {
    const node = fm.doc.get(key, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? fm.lineCounter.linePos(node.range[0]).line + fm.yamlLine - 1 : 1;
  };
  const key = parseIssuePath(rel);
  if (!key) {
    problems.unshift({
      path: rel,
      line: 1,
      field: "file",
      code: "content:path-mismatch",
      message: "文件位置应为 <刊物代号>/<年份>/<期号>.mdx（增刊为 zk<期号>.mdx），例如 jtyx/2022/003.mdx",
    });
  } else {
    const mismatch: [keyof IssueKey, string][] = [];
    if (key.series !== data.series) mismatch.push(["series", `刊物「${data.series}」与所在目录「${key.series}」不一致`]);
    if (key.year !== data.year) mismatch.push(["year", `年份 ${data.year} 与所在目录 ${key.year} 不一致`]);
    if (key.number !== data.number) mismatch.push(["number", `期号 ${data.number} 与文件名中的 ${key.number} 不一致`]);
    if (key.supplement !== data.supplement)
      mismatch.push([
        "supplement",
        data.supplement ? "增刊的文件名应以 zk 开头，例如 zk001.mdx" : "文件名以 zk 开头的是增刊，请写 supplement: true",
      ]);
    for (const [field, message] of mismatch)
      problems.unshift({ path: rel, line: lineOf(field), field, code: "content:path-mismatch", message });
  }
  const series = seriesById.get(data.series);
  if (!series) {
    problems.unshift({
      path: rel,
      line: lineOf("series"),
      field: "series",
      code: "content:unknown-series",
      message: `未知的刊物「${data.series}」：请先在 series/${data.series}.yml 中定义`,
    });
  }
  const editor = data.editor ?? series?.definition.editor;
  if (series && !editor)
    problems.push({
      path: rel,
      line: 1,
      field: "editor",
      code: "content:invalid-frontmatter",
      message: "缺少责任编辑：请填写 editor，或在刊物定义中设置默认值",
    });
  if (problems.length > 0 || !compiled.ok || !series || !key || !editor) return { ok: false, problems };
  const lines = titleLines(data.title);
  return {
    ok: true,
    value: {
      path: rel,
      hash: hash,
      key,
      frontmatter: data,
      resolved: {
        organization: data.organization ?? series.definition.organization,
        distribution: data.distribution ?? series.definition.distribution,
        editor,
        marking: data.marking ?? series.definition.marking,
        titleLines: lines,
        title: lines.join(" "),
      },
      body: compiled.value,
    },
  };
}

export { SERIES_DIR };
