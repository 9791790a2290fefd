"use server";
// 约稿: an editor makes, edits, closes and reopens the calls of the series they work on. Each
// action checks the series of the call as stored, whatever the form claims.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getSeries } from "@/db/queries/archive";
import { insertCall, loadCall, setCallClosed, updateCall } from "@/db/queries/xinxi/calls";
import { unitsByIds } from "@/db/queries/xinxi/units";
import { requireSeries, type StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { auditAs } from "@/lib/studio/audit-as";

const id = z.number().int().positive();

const callInput = z.object({
  /** The call being edited; absent for a new one. */
  id: id.optional(),
  seriesId: z.string().min(1, { error: "请选择刊物" }).max(40),
  topic: z.string().trim().min(1, { error: "请填写约稿主题" }).max(100, { error: "主题不能超过 100 个字" }),
  body: z.string().trim().min(1, { error: "请写明约稿要求" }).max(5000, { error: "约稿要求不能超过 5000 个字" }),
  // Beijing time from the form, as the scheduled publishing sends it: 2026-12-20T18:00:00+08:00.
  deadline: z.iso.datetime({ offset: true, error: "请填写截止时间" }),
  allUnits: z.boolean(),
  unitIds: z.array(id).max(5000),
});

function done(callId?: number) {
  revalidatePath("/studio/calls");
  if (callId) revalidatePath(`/studio/calls/${callId}`);
}

export const saveCall = studioAction("editor", callInput, async (user, input) => {
  requireSeries(user, input.seriesId);
  const d = db();
  if (!getSeries(d, input.seriesId)) throw new AppError("studio:not-found", `找不到刊物「${input.seriesId}」`);
  if (!input.allUnits && input.unitIds.length === 0)
    throw new AppError("studio:invalid-input", "请选择约稿对象", { fields: { unitIds: "请至少选择一个单位，或选「全部单位」" } });
  const unitIds = input.allUnits ? [] : [...new Set(input.unitIds)];
  if (unitsByIds(d, unitIds).length !== unitIds.length)
    throw new AppError("xinxi:unknown-unit", "所选单位有的已不在单位库中，请刷新后重选", { fields: { unitIds: "有单位已不存在" } });
  const deadline = new Date(input.deadline);
  const now = new Date();
  const fields = { seriesId: input.seriesId, topic: input.topic, body: input.body, deadline, allUnits: input.allUnits, unitIds };
  let callId: number;
  if (input.id === undefined) {
    if (deadline.getTime() <= now.getTime())
      throw new AppError("studio:invalid-input", "截止时间已过", { fields: { deadline: "截止时间应晚于现在" } });
    callId = d.transaction((tx) => insertCall(tx, { ...fields, actorId: user.id, at: now })).id;
    await auditAs(user, "call.create", `call/${callId}`, {
      seriesId: input.seriesId,
      topic: input.topic,
      deadline: input.deadline,
      units: input.allUnits ? "all" : unitIds.length,
    });
  } else {
    const current = loadCall(d, input.id);
    requireSeries(user, current.seriesId);
    // A closed call's updatedAt says when it was closed (lib/xinxi/calls.ts calledOff): reopen it first.
    if (current.closed) throw new AppError("xinxi:bad-transition", "这个约稿已关闭；要修改，请先重新开启");
    callId = d.transaction((tx) => updateCall(tx, current.id, { ...fields, at: now })).id;
    await auditAs(user, "call.update", `call/${callId}`, {
      topic: input.topic,
      deadline: input.deadline,
      units: input.allUnits ? "all" : unitIds.length,
    });
  }
  done(callId);
  redirect(`/studio/calls/${callId}`);
});

async function openOrClose(user: StudioUser, callId: number, closed: boolean) {
  const d = db();
  const current = loadCall(d, callId);
  requireSeries(user, current.seriesId);
  if (current.closed === closed) return {};
  setCallClosed(d, callId, { closed, at: new Date() });
  await auditAs(user, "call.update", `call/${callId}`, { closed });
  done(callId);
  return {};
}

export const closeCall = studioAction("editor", z.object({ callId: id }), async (user, { callId }) => openOrClose(user, callId, true));

export const reopenCall = studioAction("editor", z.object({ callId: id }), async (user, { callId }) => openOrClose(user, callId, false));
