"use server";
// 常用报送范围: saving and deleting a series' distribution presets. Each action checks that the
// user works on the series the preset belongs to, whatever the form claims.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getSeries } from "@/db/queries/archive";
import { deletePreset, getPreset, listPresets, savePreset } from "@/db/queries/studio/presets";
import { requireSeries } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";

const bodies = z.array(z.string().trim().max(80, { error: "单位名称不能超过 80 个字" })).max(200, { error: "一个列表最多 200 个单位" });

const presetInput = z.object({
  seriesId: z.string().min(1).max(40),
  /** The preset being edited; absent for a new one. */
  id: z.number().int().positive().optional(),
  name: z.string().trim().min(1, { error: "请填写预设名称" }).max(30, { error: "预设名称不能超过 30 个字" }),
  report: bodies,
  send: bodies,
  issue: bodies,
});

const done = () => revalidatePath("/studio/presets");

export const savePresetAction = studioAction("editor", presetInput, async (user, input) => {
  requireSeries(user, input.seriesId);
  if (!getSeries(db(), input.seriesId)) throw new AppError("studio:not-found", `找不到刊物「${input.seriesId}」`);
  const d = db();
  const edited = input.id === undefined ? undefined : getPreset(d, input.id);
  if (input.id !== undefined && edited?.seriesId !== input.seriesId) throw new AppError("studio:not-found", "找不到这个预设，可能已被删除");
  // savePreset replaces a preset of the same name: only allowed when that is the one being edited.
  const sameName = listPresets(d, input.seriesId).find((p) => p.name === input.name);
  if (sameName && sameName.id !== edited?.id)
    throw new AppError("studio:invalid-input", `已有名为「${input.name}」的预设；要修改它，请先在列表中选中`);
  const fields = {
    seriesId: input.seriesId,
    name: input.name,
    report: input.report,
    send: input.send,
    issue: input.issue,
    actorId: user.id,
  };
  // A rename saves under the new name and drops the old row. better-sqlite3 has one connection,
  // so both statements run inside this (synchronous) transaction.
  const saved = d.transaction(() => {
    const row = savePreset(d, fields);
    if (edited && edited.id !== row.id) deletePreset(d, { id: edited.id });
    return row;
  });
  done();
  return { id: saved.id, name: saved.name };
});

export const deletePresetAction = studioAction("editor", z.object({ id: z.number().int().positive() }), async (user, { id }) => {
  const d = db();
  const preset = getPreset(d, id);
  if (!preset) throw new AppError("studio:not-found", "找不到这个预设，可能已被删除");
  requireSeries(user, preset.seriesId);
  deletePreset(d, { id });
  done();
  return { id };
});
