// Composes a draft's MDX file from the issue form and the body, and splits a file back into
// them. Keys the form does not know are carried through untouched, so nothing is lost.
import { isDeepStrictEqual } from "node:util";
import { stringify } from "yaml";
import { findFences, parseYaml, splitFrontmatter } from "@/lib/content/frontmatter";
import { MAX_ISSUE_BYTES } from "@/lib/content/limits";
import { AppError } from "@/lib/errors";
import { mediaMentionAt } from "@/lib/pictures/paths";
import { type DraftFields, draftFieldsSchema, FIELD_LABEL } from "./draft-fields";

export type DraftKey = { series: string; year: number; number: number; supplement: boolean };

const KNOWN = new Set([
  "series",
  "year",
  "number",
  "supplement",
  "total",
  "organization",
  "date",
  "title",
  "subtitle",
  "preface",
  "marking",
  "distribution",
  "editor",
  "copies",
  "visibility",
  "status",
]);

// Only a canonical integer becomes a YAML number: "007" stays the text the editor typed (and the
// loader then says 印数必须是整数) instead of coming back from the file as "7".
const intOrText = (s: string) => (/^(0|[1-9]\d{0,8})$/.test(s) ? Number(s) : s);
// The loader reads a title string as lines split at spaces; a line that holds a space must be
// written as a list item to stay one line.
const SPACE = /[ \u3000]/;
const oneLine = (s: string) => s.replace(/\r\n?/g, "\n");
const clean = (s: string) => oneLine(s).trim();

/**
 * The fields as a save keeps them: outer white space trimmed (the loader's schema trims too),
 * empty title lines dropped, line ends as \n. The property test's "unchanged" means this.
 */
export function normaliseFields(fields: DraftFields): DraftFields {
  const items = (xs: string[]) => xs.map(clean).filter(Boolean);
  return {
    titleLines: items(fields.titleLines),
    date: clean(fields.date),
    organization: clean(fields.organization),
    marking: clean(fields.marking),
    visibility: fields.visibility,
    editor: clean(fields.editor),
    copies: clean(fields.copies),
    total: clean(fields.total),
    subtitle: clean(fields.subtitle),
    preface: clean(fields.preface),
    distribution: {
      report: items(fields.distribution.report),
      send: items(fields.distribution.send),
      issue: items(fields.distribution.issue),
    },
  };
}

/** The body as the file keeps it: no blank lines before the text, no white space after it. */
export function normaliseBody(body: string): string {
  const lines = oneLine(body).split("\n");
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === "") first++;
  return lines.slice(first).join("\n").trimEnd();
}

export function composeSource(
  key: DraftKey,
  form: DraftFields,
  body: string,
  options: { status?: "published"; extra?: Record<string, unknown> } = {},
): string {
  const fields = normaliseFields(form);
  const lines = fields.titleLines;
  const fm: Record<string, unknown> = { series: key.series, year: key.year, number: key.number };
  if (fields.total) fm.total = intOrText(fields.total);
  if (key.supplement) fm.supplement = true;
  if (fields.organization) fm.organization = fields.organization;
  fm.date = fields.date;
  fm.title = lines.length === 1 && !SPACE.test(lines[0]!) ? lines[0] : lines.length === 0 ? "" : lines;
  if (fields.subtitle) fm.subtitle = fields.subtitle;
  if (fields.preface) fm.preface = fields.preface;
  if (fields.marking) fm.marking = fields.marking;
  const d = fields.distribution;
  if (d.report.length + d.send.length + d.issue.length > 0) fm.distribution = { report: d.report, send: d.send, issue: d.issue };
  if (fields.editor) fm.editor = fields.editor;
  if (fields.copies) fm.copies = intOrText(fields.copies);
  fm.visibility = fields.visibility;
  if (options.status) fm.status = options.status;
  for (const [k, v] of Object.entries(options.extra ?? {})) if (!KNOWN.has(k)) fm[k] = v;
  // The yaml library quotes or block-indents whatever would not read back as the same string, so
  // no value can put a `---` at column 0 or turn into a number, null or boolean.
  const yaml = stringify(fm, { lineWidth: 0, indentSeq: true, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  return `---\n${yaml}---\n\n${normaliseBody(body)}\n`;
}

export type SplitSource = {
  fields: DraftFields;
  body: string /** 1-based line of the body's first line in the file. */;
  bodyLine: number;
  extra: Record<string, unknown>;
  yamlError: string | null;
};

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const strings = (v: unknown) => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The form's view of a parsed frontmatter (as the loader parsed it); values of the wrong type read as empty. */
export function fieldsFromFrontmatter(value: unknown): DraftFields {
  const data = record(value);
  const dist = record(data.distribution);
  return {
    titleLines: Array.isArray(data.title)
      ? strings(data.title)
      : str(data.title)
          .split(/[ \u3000]+/)
          .filter(Boolean),
    date: str(data.date),
    organization: str(data.organization),
    marking: str(data.marking),
    visibility: data.visibility === "internal" ? "internal" : "public",
    editor: str(data.editor),
    copies: str(data.copies),
    total: str(data.total),
    subtitle: str(data.subtitle),
    preface: str(data.preface),
    distribution: { report: strings(dist.report), send: strings(dist.send), issue: strings(dist.issue) },
  };
}

/** Splits a file as the loader does (lib/content/frontmatter.ts): one parser for both. */
export function splitSource(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const fences = findFences(text);
  if (!fences.ok) return { fields: draftFieldsSchema.parse({}), body: text, bodyLine: 1, extra: {}, yamlError: "缺少 --- 包围的元数据" };
  const { lines, end } = fences;
  const parsed = parseYaml("draft", lines.slice(1, end).join("\n"), 2);
  const data = parsed.ok ? record(parsed.value.data) : {};
  const yamlError = parsed.ok ? null : parsed.problems.map((p) => p.message).join("；");
  // Blank lines between the closing --- and the text are layout, not body.
  let first = end + 1;
  while (first < lines.length && lines[first]!.trim() === "") first++;
  const extra = Object.fromEntries(Object.entries(data).filter(([k]) => !KNOWN.has(k)));
  return { fields: fieldsFromFrontmatter(data), body: lines.slice(first).join("\n").trimEnd(), bodyLine: first + 1, extra, yamlError };
}

/**
 * Refuses a composed file that the loader would not read back as exactly these fields and this
 * body: the last guard before a signed-off issue is written (an internal issue must never reach
 * content/ without its `visibility: internal`). The error names the first field that differs.
 */
export function verifyComposed(source: string, fields: DraftFields, body: string): void {
  const loaded = splitFrontmatter("draft", source);
  const fail = (label: string, field: string) => {
    const message = `生成的文件读回时「${label}」与稿件不一致：为免写出错误的内容，本次操作已停止。请联系管理员`;
    return new AppError("studio:compose-mismatch", message, { fields: { [field]: message } });
  };
  if (!loaded.ok) throw fail("元数据", "form");
  const got = fieldsFromFrontmatter(loaded.value.data);
  const want = normaliseFields(fields);
  for (const k of Object.keys(want) as (keyof DraftFields)[]) {
    if (!isDeepStrictEqual(got[k], want[k])) {
      console.error("studio:compose-mismatch", k, JSON.stringify(got[k]), JSON.stringify(want[k]));
      throw fail(FIELD_LABEL[k], k);
    }
  }
  if (normaliseBody(loaded.value.body) !== normaliseBody(body)) throw fail("正文", "body");
}

/**
 * The loader's size limit (lib/content/limits.ts), checked on the composed file before anything
 * is saved or written: a draft the loader would refuse can be neither. The text is nearly all
 * of a file's size, so the error is shown at 正文.
 */
export function assertWithinLimits(source: string): void {
  const bytes = Buffer.byteLength(source, "utf8");
  if (bytes <= MAX_ISSUE_BYTES) return;
  const message = `稿件有 ${Math.ceil(bytes / 1024)} KB，超过一期简报的上限 ${MAX_ISSUE_BYTES / 1024} KB：请删减正文后再保存`;
  throw new AppError("studio:too-large", message, { fields: { body: message } });
}

/** The title the studio lists a draft under. */
export const draftTitle = (fields: DraftFields) =>
  fields.titleLines
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" ") || "（无标题）";

/** The list title of an old text being restored, derived as a save derives it; `current` if unreadable. */
export function restoredTitle(source: string, current: string): string {
  const split = splitSource(source);
  return split.yamlError ? current : draftTitle(split.fields);
}

/** The body line (as the editor numbers them) that shows the picture `name`, or null. */
export function lineShowingPicture(source: string, name: string): number | null {
  const { body } = splitSource(source);
  const at = mediaMentionAt(body, name);
  return at < 0 ? null : body.slice(0, at).split("\n").length;
}
