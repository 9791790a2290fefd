// Composes a draft's MDX file from the issue form and the body, and splits a file back into
// them. Keys the form does not know are carried through untouched, so nothing is lost.
import { parse, stringify } from "yaml";
import { draftFieldsSchema, type DraftFields } from "./draft-fields";

export type DraftKey = { series: string; year: number; number: number; supplement: boolean };

const KNOWN = new Set(["series", "year", "number", "supplement", "total", "organization", "date", "title", "subtitle", "preface", "marking", "distribution", "editor", "copies", "visibility", "status"]);

const intOrText = (s: string) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : s.trim());

export function composeSource(key: DraftKey, fields: DraftFields, body: string, options: { status?: "published"; extra?: Record<string, unknown> } = {}): string {
  const lines = fields.titleLines.map((l) => l.trim()).filter(Boolean);
  const fm: Record<string, unknown> = { series: key.series, year: key.year, number: key.number };
  if (fields.total.trim()) fm.total = intOrText(fields.total);
  if (key.supplement) fm.supplement = true;
  if (fields.organization.trim()) fm.organization = fields.organization.trim();
  fm.date = fields.date.trim();
  fm.title = lines.length === 1 ? lines[0] : lines.length === 0 ? "" : lines;
  if (fields.subtitle.trim()) fm.subtitle = fields.subtitle.trim();
  if (fields.preface.trim()) fm.preface = fields.preface.trim();
  if (fields.marking.trim()) fm.marking = fields.marking.trim();
  const d = fields.distribution;
  if (d.report.length + d.send.length + d.issue.length > 0) fm.distribution = { report: d.report, send: d.send, issue: d.issue };
  if (fields.editor.trim()) fm.editor = fields.editor.trim();
  if (fields.copies.trim()) fm.copies = intOrText(fields.copies);
  fm.visibility = fields.visibility;
  if (options.status) fm.status = options.status;
  for (const [k, v] of Object.entries(options.extra ?? {})) if (!KNOWN.has(k)) fm[k] = v;
  const yaml = stringify(fm, { lineWidth: 0, indentSeq: true, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  return `---\n${yaml}---\n\n${body.replace(/^\n+/, "").trimEnd()}\n`;
}

export type SplitSource = { fields: DraftFields; body: string; /** 1-based line of the body's first line in the file. */ bodyLine: number; extra: Record<string, unknown>; yamlError: string | null };

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const strings = (v: unknown) => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);

export function splitSource(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  const end = lines[0]?.trim() === "---" ? lines.findIndex((l, i) => i > 0 && l.trim() === "---") : -1;
  if (end < 0) return { fields: draftFieldsSchema.parse({}), body: text, bodyLine: 1, extra: {}, yamlError: "缺少 --- 包围的元数据" };
  let data: Record<string, unknown> = {};
  let yamlError: string | null = null;
  try {
    const parsed: unknown = parse(lines.slice(1, end).join("\n"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch (error) {
    yamlError = (error as Error).message;
  }
  const dist = (data.distribution && typeof data.distribution === "object" ? data.distribution : {}) as Record<string, unknown>;
  const fields = draftFieldsSchema.parse({
    titleLines: Array.isArray(data.title) ? strings(data.title) : str(data.title).split(/[ \u3000]+/).filter(Boolean),
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
  });
  // Blank lines between the closing --- and the text are layout, not body.
  let first = end + 1;
  while (first < lines.length && lines[first]!.trim() === "") first++;
  const extra = Object.fromEntries(Object.entries(data).filter(([k]) => !KNOWN.has(k)));
  return { fields, body: lines.slice(first).join("\n").trimEnd(), bodyLine: first + 1, extra, yamlError };
}

/** The title the studio lists a draft under. */
export const draftTitle = (fields: DraftFields) => fields.titleLines.map((l) => l.trim()).filter(Boolean).join(" ") || "（无标题）";
