// The unit form's fields (/studio/units): one zod schema the browser checks before posting and
// the server action checks again, and the reading of the form's data into it.
import { z } from "zod";
import type { UnitLevel } from "@/db/schema";
import { UNIT_LEVEL_LABEL } from "@/lib/vocabulary";

// From the vocabulary rather than db/schema, which would pull drizzle into the browser's bundle.
const levels = Object.keys(UNIT_LEVEL_LABEL) as [UnitLevel, ...UnitLevel[]];

const text = (label: string, maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, { error: `${label}不能超过 ${maxLength} 个字` })
    .transform((v) => v || null)
    .nullable()
    .default(null);

export const unitFields = z.object({
  name: z.string({ error: "请填写单位名称" }).trim().min(1, { error: "请填写单位名称" }).max(80, { error: "单位名称不能超过 80 个字" }),
  shortName: text("简称", 40),
  parentId: z.number().int().positive().nullable().default(null),
  level: z.enum(levels, { error: "请选择级别" }),
  contactName: text("联系人", 40),
  contactPhone: text("电话", 40),
  contactEmail: z
    .string()
    .trim()
    .max(200, { error: "邮箱不能超过 200 个字符" })
    .regex(/^$|^[^\s@]+@[^\s@]+$/, { error: "请填写有效的邮箱地址，例如 tuanwei@example.cn" })
    .transform((v) => v || null)
    .nullable()
    .default(null),
});

export type UnitFields = z.input<typeof unitFields>;

/** What the unit form posted, as the schema's input (the schema decides what is acceptable). */
export function unitFieldsFrom(data: FormData): UnitFields {
  const s = (k: string) => String(data.get(k) ?? "");
  const parent = Number(s("parentId"));
  return {
    name: s("name"),
    shortName: s("shortName"),
    parentId: Number.isInteger(parent) && parent > 0 ? parent : null,
    level: s("level") as UnitFields["level"],
    contactName: s("contactName"),
    contactPhone: s("contactPhone"),
    contactEmail: s("contactEmail"),
  };
}

/** zod's issues as the form's field errors: the first message of each field. */
export function unitFieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}
