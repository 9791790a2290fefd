"use server";
// 单位库, for admins: adding, editing, moving, retiring and deleting units, and the same import
// as `npm run units:import`. A unit with a history is never deleted, only disabled.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createUnit, deleteUnit, getUnit, nextUnitPosition, updateUnit } from "@/db/queries/xinxi/units";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { studioAction } from "@/lib/studio/action";
import { auditAs } from "@/lib/studio/audit-as";
import { unitFields } from "@/lib/xinxi/unit-form";
import { formatUnitsProblem, importUnitsFile, UNITS_FILE_LIMITS } from "@/lib/xinxi/units-import";

const unitId = z.number().int().positive();

function existing(id: number) {
  const unit = getUnit(db(), id);
  if (!unit) throw new AppError("studio:not-found", "找不到这个单位，可能已被删除");
  return unit;
}

const done = () => {
  revalidatePath("/studio/units");
  revalidatePath("/studio/users");
};

export const createUnitAction = studioAction("admin", unitFields, async (actor, input) => {
  const d = db();
  const unit = d.transaction((tx) => createUnit(tx, { ...input, position: nextUnitPosition(tx, input.parentId) }), {
    behavior: "immediate",
  });
  await auditAs(actor, "unit.create", unit.name, { level: unit.level, parentId: unit.parentId });
  done();
  return { id: unit.id };
});

export const updateUnitAction = studioAction("admin", unitFields.extend({ id: unitId }), async (actor, { id, ...input }) => {
  const before = existing(id);
  const d = db();
  const after = d.transaction(
    (tx) => {
      // A moved unit goes last among its new siblings.
      const position = input.parentId === before.parentId ? undefined : nextUnitPosition(tx, input.parentId);
      return updateUnit(tx, id, { ...input, position });
    },
    { behavior: "immediate" },
  );
  const changed: Record<string, unknown> = {};
  for (const k of ["name", "shortName", "parentId", "level", "contactName", "contactPhone", "contactEmail"] as const)
    if (before[k] !== after[k]) changed[k] = after[k];
  if (Object.keys(changed).length) await auditAs(actor, "unit.update", before.name, changed);
  done();
  return { id };
});

export const setUnitDisabledAction = studioAction("admin", z.object({ id: unitId, disabled: z.boolean() }), async (actor, input) => {
  const before = existing(input.id);
  if (before.disabled === input.disabled) return { id: before.id, disabled: before.disabled };
  updateUnit(db(), before.id, { disabled: input.disabled });
  await auditAs(actor, "unit.update", before.name, { disabled: input.disabled });
  done();
  return { id: before.id, disabled: input.disabled };
});

export const deleteUnitAction = studioAction("admin", z.object({ id: unitId }), async (actor, input) => {
  const d = db();
  const gone = d.transaction((tx) => deleteUnit(tx, input.id), { behavior: "immediate" });
  await auditAs(actor, "unit.update", gone.name, { deleted: true });
  done();
  return { id: gone.id };
});

const upload = z.custom<FormData>((v) => v instanceof FormData, { error: "请选择要导入的单位库文件" });

/** The studio's 导入单位库: the file goes through the CLI's code, and its problems come back the CLI's way. */
export const importUnitsAction = studioAction("admin", upload, async (actor, form) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    throw new AppError("studio:invalid-input", "请选择要导入的单位库文件（.csv 或 .xlsx）", { fields: { file: "请选择文件" } });
  // Refused before its bytes are read; the parser bounds them again for the CLI.
  if (file.size > UNITS_FILE_LIMITS.bytes)
    return {
      ok: false as const,
      problems: [
        formatUnitsProblem(file.name, { field: "文件", message: `文件超过单位库文件的上限 ${UNITS_FILE_LIMITS.bytes / 1024 / 1024} MB` }),
      ],
    };
  const outcome = await importUnitsFile(db(), new Uint8Array(await file.arrayBuffer()), file.name);
  if (!outcome.ok) return { ok: false as const, problems: outcome.problems.map((p) => formatUnitsProblem(file.name, p)) };
  const { added, updated, unchanged } = outcome.result;
  if (added.length || updated.length)
    await auditAs(actor, "unit.import", file.name, { added: added.length, updated: updated.length, unchanged: unchanged.length });
  done();
  return { ok: true as const, added: added.length, updated: updated.length, unchanged: unchanged.length };
});
