// Distribution presets: named lists of the bodies an issue is 报/送/发 to, per series, so an
// editor picks "全省共青团系统" instead of retyping forty names.
import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/index";
import { type DistributionPresetRow, distributionPresets } from "@/db/schema";
import type { Distribution } from "@/lib/content/schema";
import { AppError } from "@/lib/errors";

export type PresetInput = { seriesId: string; name: string; actorId: number } & Distribution;

const NAME_MAX = 30;

export function listPresets(d: Db, seriesId: string): DistributionPresetRow[] {
  return d
    .select()
    .from(distributionPresets)
    .where(eq(distributionPresets.seriesId, seriesId))
    .orderBy(asc(distributionPresets.name))
    .all();
}

export function getPreset(d: Db, id: number): DistributionPresetRow | undefined {
  return d.select().from(distributionPresets).where(eq(distributionPresets.id, id)).get();
}

/** Blank lines dropped and spaces trimmed; a body listed twice is kept once. */
const cleanList = (bodies: string[]) => [...new Set(bodies.map((b) => b.trim()).filter(Boolean))];

/** Creates the preset, or replaces the lists of the series' preset with the same name. */
export function savePreset(d: Db, input: PresetInput): DistributionPresetRow {
  const name = input.name.trim();
  const length = [...name].length;
  if (length < 1 || length > NAME_MAX) throw new AppError("studio:invalid-input", `预设名称应为1至${NAME_MAX}个字`);
  const lists = { report: cleanList(input.report), send: cleanList(input.send), issue: cleanList(input.issue) };
  if (lists.report.length + lists.send.length + lists.issue.length === 0)
    throw new AppError("studio:invalid-input", "预设至少要有一个报送单位");
  const changes = { ...lists, updatedBy: input.actorId, updatedAt: new Date() };
  return d
    .insert(distributionPresets)
    .values({ seriesId: input.seriesId, name, ...changes })
    .onConflictDoUpdate({ target: [distributionPresets.seriesId, distributionPresets.name], set: changes })
    .returning()
    .get();
}

export function deletePreset(d: Db, { id }: { id: number }): void {
  const gone = d.delete(distributionPresets).where(eq(distributionPresets.id, id)).returning({ id: distributionPresets.id }).get();
  if (!gone) throw new AppError("studio:not-found", "找不到这个预设，可能已被删除");
}
