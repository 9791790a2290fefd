// The shape of a series definition and of an issue's frontmatter. One schema serves the content
// loader, the studio's forms and its server actions, so a rule is written once.
import { z } from "zod";
import { seriesIdPattern } from "./paths";

const text = (label: string, max = 200) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

const bodies = (label: string) =>
  z
    .array(text(`${label}中的单位`, 80), { error: `${label}必须是单位名称的列表` })
    .max(200)
    .default([]);

const distributionObject = z.strictObject({
  report: bodies("报"),
  send: bodies("送"),
  issue: bodies("发"),
});

export const distributionSchema = distributionObject.default({ report: [], send: [], issue: [] });

export type Distribution = z.infer<typeof distributionSchema>;

/** A calendar date written YYYY-MM-DD that exists (no 2022-02-30). */
export const isoDate = z
  .string({ error: "日期必须写作 YYYY-MM-DD，例如 2022-03-25" })
  // abort: a date in the wrong format gets this one message, not also "no such day".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "日期必须写作 YYYY-MM-DD，例如 2022-03-25", abort: true })
  .refine(
    (s) => {
      const [y, m, d] = s.split("-").map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { error: "日历上没有这一天" },
  );

/** Top-level paths the site itself uses: a series with one of these ids could never be reached. */
export const RESERVED_SERIES_IDS = ["api", "issues", "org", "search", "studio", "font-subsets"] as const;

export const seriesIdSchema = z
  .string({ error: "刊物代号必须是文字" })
  .regex(seriesIdPattern, { error: "刊物代号只能用小写英文字母、数字和连字符，且以字母开头" })
  .refine((id) => !(RESERVED_SERIES_IDS as readonly string[]).includes(id), {
    error: `刊物代号不能是网站自用的 ${RESERVED_SERIES_IDS.join("、")}`,
  });

export const seriesSchema = z.strictObject({
  id: seriesIdSchema,
  name: text("刊物名称", 20),
  organization: text("编印单位", 60),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: "报头颜色必须写作 #RRGGBB，例如 #E60012" })
    .default("#E60012"),
  numbering: z
    .strictObject({
      // Issues are numbered from 1 each year; `total` shows the running 总第N期 when an issue gives it.
      reset: z.literal("yearly").default("yearly"),
      showTotal: z.boolean().default(false),
    })
    .default({ reset: "yearly", showTotal: false }),
  marking: text("密级或标注", 30).optional(),
  editor: text("责任编辑", 20).optional(),
  distribution: distributionSchema,
  description: text("简介", 500).optional(),
});

export type SeriesDefinition = z.infer<typeof seriesSchema>;

export const issueFrontmatterSchema = z
  .strictObject({
    series: seriesIdSchema,
    year: z.int({ error: "年份必须是整数" }).min(1949, { error: "年份不能早于 1949" }).max(2100, { error: "年份不能晚于 2100" }),
    number: z.int({ error: "期号必须是整数" }).min(1, { error: "期号从 1 开始" }).max(999, { error: "期号不能超过 999" }),
    total: z.int({ error: "总期号必须是整数" }).min(1, { error: "总期号从 1 开始" }).optional(),
    supplement: z.boolean({ error: "增刊必须写 true 或 false" }).default(false),
    organization: text("编印单位", 60).optional(),
    date: isoDate,
    title: z.union(
      [
        text("标题"),
        z
          .array(text("标题的一行", 60), { error: "标题必须是文字或文字的列表" })
          .min(1, { error: "标题不能为空" })
          .max(4, { error: "标题最多 4 行" }),
      ],
      {
        error: "标题必须是文字或文字的列表",
      },
    ),
    subtitle: text("副标题").optional(),
    preface: text("编者按", 2000).optional(),
    marking: text("密级或标注", 30).optional(),
    // No default here: an issue without its own lists takes the series' (under zod 4 an inner
    // .default() would apply even through .optional(), and the series' lists would never be used).
    distribution: distributionObject.optional(),
    editor: text("责任编辑", 20).optional(),
    copies: z.int({ error: "印数必须是整数" }).min(1, { error: "印数至少为 1" }).max(1_000_000).optional(),
    visibility: z.enum(["public", "internal"], { error: "可见范围只能是 public（公开）或 internal（内部）" }).default("public"),
    // withdrawn: taken back from the public by a reviewer; the file stays, in git and in the studio.
    status: z
      .enum(["published", "draft", "withdrawn"], { error: "状态只能是 published（已发布）、draft（草稿）或 withdrawn（已撤回）" })
      .default("published"),
  })
  .superRefine((fm, ctx) => {
    if (Number(fm.date.slice(0, 4)) !== fm.year) {
      ctx.addIssue({ code: "custom", path: ["date"], message: `日期 ${fm.date} 不在 ${fm.year} 年内，与年份不符` });
    }
  });

export type IssueFrontmatter = z.infer<typeof issueFrontmatterSchema>;

/** The title's printed lines: a list as given, or one string split at spaces between phrases. */
export function titleLines(title: string | string[]): string[] {
  if (Array.isArray(title)) return title;
  return title.split(/[ \u3000]+/).filter(Boolean);
}
