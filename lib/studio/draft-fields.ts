// What the studio's issue form holds, and how it becomes (and comes back from) the MDX file.
// The form is lenient on purpose: a draft with errors can still be saved; the loader's own
// schema (lib/content/schema.ts) judges the composed file and its problems are shown inline.
import { z } from "zod";

const line = (max: number) => z.string().max(max, { error: `不能超过 ${max} 个字` });
const list = z.array(z.string().trim().min(1).max(80)).max(200);

export const draftFieldsSchema = z.object({
  titleLines: z.array(z.string().max(200)).max(6).default([]),
  date: line(20).default(""),
  organization: line(200).default(""),
  marking: line(60).default(""),
  visibility: z.enum(["public", "internal"]).default("public"),
  editor: line(60).default(""),
  copies: line(12).default(""),
  total: line(12).default(""),
  subtitle: line(400).default(""),
  preface: line(4000).default(""),
  distribution: z.object({ report: list, send: list, issue: list }).default({ report: [], send: [], issue: [] }),
});

export type DraftFields = z.infer<typeof draftFieldsSchema>;

/** Form field → frontmatter key, so a problem the loader reports at a key shows at its field. */
export const FIELD_OF_KEY: Record<string, keyof DraftFields | "body"> = {
  title: "titleLines",
  date: "date",
  year: "date",
  organization: "organization",
  marking: "marking",
  visibility: "visibility",
  editor: "editor",
  copies: "copies",
  total: "total",
  subtitle: "subtitle",
  preface: "preface",
  distribution: "distribution",
};

export const FIELD_LABEL: Record<keyof DraftFields, string> = {
  titleLines: "标题",
  date: "日期",
  organization: "编印单位",
  marking: "密级或标注",
  visibility: "可见范围",
  editor: "责任编辑",
  copies: "印数",
  total: "总期号",
  subtitle: "副标题",
  preface: "编者按",
  distribution: "报送范围",
};
