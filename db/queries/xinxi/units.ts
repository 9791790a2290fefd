// The unit tree (单位库): read by every 信息报送 page, written by /studio/units and units:import.
import "server-only";
import { and, asc, count, eq, inArray, isNull, max, ne } from "drizzle-orm";
import type { Conn, Db } from "@/db/index";
import { callUnits, instructions, submissionEvents, submissions, type UnitLevel, type UnitRow, units, users } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Every unit, parents before children and siblings in their order (a tree walk, not a sort by name). */
export function listUnits(c: Conn, { includeDisabled = true }: { includeDisabled?: boolean } = {}): UnitRow[] {
  const rows = c.select().from(units).orderBy(asc(units.position), asc(units.id)).all();
  const children = new Map<number | null, UnitRow[]>();
  for (const r of rows) {
    const key = r.parentId !== null && rows.some((p) => p.id === r.parentId) ? r.parentId : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const out: UnitRow[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null) => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      if (includeDisabled || !r.disabled) out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  return out;
}

export function getUnit(c: Conn, id: number): UnitRow | undefined {
  return c.select().from(units).where(eq(units.id, id)).get();
}

export function unitsByIds(c: Conn, ids: number[]): UnitRow[] {
  return ids.length === 0 ? [] : c.select().from(units).where(inArray(units.id, ids)).all();
}

/** A unit by its full name (名称) or, failing that, its short name (简称) when only one unit has it. */
export function findUnitByName(c: Conn, name: string): UnitRow | undefined {
  const n = name.trim();
  const exact = c.select().from(units).where(eq(units.name, n)).get();
  if (exact) return exact;
  const short = c.select().from(units).where(eq(units.shortName, n)).limit(2).all();
  return short.length === 1 ? short[0] : undefined;
}

export type UnitInput = {
  name: string;
  shortName?: string | null;
  parentId?: number | null;
  level: UnitLevel;
  position?: number;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
};

export function createUnit(c: Conn, input: UnitInput, now = new Date()): UnitRow {
  const name = input.name.trim();
  if (c.select({ id: units.id }).from(units).where(eq(units.name, name)).get())
    throw new AppError("studio:invalid-input", `单位库里已有「${name}」`, { fields: { name: "单位名称已存在" } });
  if (input.parentId != null && !getUnit(c, input.parentId))
    throw new AppError("xinxi:unknown-unit", "找不到上级单位", { fields: { parentId: "上级单位不存在" } });
  return c
    .insert(units)
    .values({
      name,
      shortName: input.shortName?.trim() || null,
      parentId: input.parentId ?? null,
      level: input.level,
      position: input.position ?? 0,
      contactName: input.contactName?.trim() || null,
      contactPhone: input.contactPhone?.trim() || null,
      contactEmail: input.contactEmail?.trim() || null,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

/** The unit and every unit under it, at any depth (a city committee and its counties). */
export function unitAndDescendants(c: Conn, id: number): number[] {
  const all = c.select({ id: units.id, parentId: units.parentId }).from(units).all();
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const u of all) if (u.parentId === out[i] && !out.includes(u.id)) out.push(u.id);
  return out;
}

/** Where a new unit goes among its siblings: after the last of them. */
export function nextUnitPosition(c: Conn, parentId: number | null): number {
  const last = c
    .select({ p: max(units.position) })
    .from(units)
    .where(parentId === null ? isNull(units.parentId) : eq(units.parentId, parentId))
    .get()?.p;
  return last === null || last === undefined ? 0 : last + 1;
}

/**
 * Renames, re-levels, moves or retires a unit. A move under the unit itself or one of its own
 * descendants would cut that branch off the tree (listUnits would never reach it): refused,
 * with the error at the 上级单位 field.
 */
export function updateUnit(c: Conn, id: number, changes: Partial<UnitInput> & { disabled?: boolean }, now = new Date()): UnitRow {
  const current = getUnit(c, id);
  if (!current) throw new AppError("studio:not-found", "找不到这个单位");
  const set: Partial<UnitRow> = { updatedAt: now };
  if (changes.name !== undefined) {
    const name = changes.name.trim();
    if (
      c
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.name, name), ne(units.id, id)))
        .get()
    )
      throw new AppError("studio:invalid-input", `单位库里已有「${name}」`, { fields: { name: "单位名称已存在" } });
    set.name = name;
  }
  if (changes.parentId !== undefined) {
    const parentId = changes.parentId;
    if (parentId !== null) {
      if (unitAndDescendants(c, id).includes(parentId))
        throw new AppError("studio:invalid-input", "不能把单位移到它自己或它的下级单位之下", {
          fields: { parentId: "上级单位不能是它自己或它的下级单位" },
        });
      if (!getUnit(c, parentId)) throw new AppError("xinxi:unknown-unit", "找不到上级单位", { fields: { parentId: "上级单位不存在" } });
    }
    set.parentId = parentId;
  }
  if (changes.shortName !== undefined) set.shortName = changes.shortName?.trim() || null;
  if (changes.level !== undefined) set.level = changes.level;
  if (changes.position !== undefined) set.position = changes.position;
  if (changes.contactName !== undefined) set.contactName = changes.contactName?.trim() || null;
  if (changes.contactPhone !== undefined) set.contactPhone = changes.contactPhone?.trim() || null;
  if (changes.contactEmail !== undefined) set.contactEmail = changes.contactEmail?.trim() || null;
  if (changes.disabled !== undefined) set.disabled = changes.disabled;
  return c.update(units).set(set).where(eq(units.id, id)).returning().get();
}

/** How many accounts each unit has (报送员, or any user still bound to it). */
export function unitUserCounts(c: Conn): Map<number, number> {
  const rows = c
    .select({ unitId: users.unitId, n: count() })
    .from(users)
    .where(and(eq(users.role, "contributor"), eq(users.disabled, false)))
    .groupBy(users.unitId)
    .all();
  return new Map(rows.filter((r) => r.unitId !== null).map((r) => [r.unitId!, r.n]));
}

/** What keeps a unit from being deleted: its history, its accounts, the units under it. Empty: unused. */
export function unitUses(c: Conn, id: number): string[] {
  const uses: string[] = [];
  const any = (q: { get(): unknown }) => q.get() !== undefined;
  if (any(c.select({ id: units.id }).from(units).where(eq(units.parentId, id)).limit(1))) uses.push("下级单位");
  if (any(c.select({ id: users.id }).from(users).where(eq(users.unitId, id)).limit(1))) uses.push("账号");
  if (any(c.select({ id: submissions.id }).from(submissions).where(eq(submissions.unitId, id)).limit(1))) uses.push("报送的稿件");
  if (any(c.select({ id: submissionEvents.id }).from(submissionEvents).where(eq(submissionEvents.unitId, id)).limit(1)))
    uses.push("稿件记录");
  if (any(c.select({ id: callUnits.callId }).from(callUnits).where(eq(callUnits.unitId, id)).limit(1))) uses.push("约稿");
  if (any(c.select({ id: instructions.id }).from(instructions).where(eq(instructions.unitId, id)).limit(1))) uses.push("批示");
  return uses;
}

/** Deletes a unit nothing refers to; one with a history is disabled instead, never deleted. */
export function deleteUnit(c: Conn, id: number): UnitRow {
  const current = getUnit(c, id);
  if (!current) throw new AppError("studio:not-found", "找不到这个单位");
  const uses = unitUses(c, id);
  if (uses.length) throw new AppError("studio:bad-transition", `「${current.name}」已有${uses.join("、")}，不能删除；不再使用的单位请停用`);
  c.delete(units).where(eq(units.id, id)).run();
  return current;
}

/** The names the 报/送/发 inputs suggest: every enabled unit's 名称 and 简称, in tree order. */
export function unitNameSuggestions(c: Conn): string[] {
  return [...new Set(listUnits(c, { includeDisabled: false }).flatMap((u) => (u.shortName ? [u.name, u.shortName] : [u.name])))];
}

/**
 * One row of a units file, already checked (lib/xinxi/units-import.ts): the parent by name,
 * contacts only when the file has those columns (undefined leaves what the studio recorded).
 */
export type UnitImportRow = {
  name: string;
  shortName: string | null;
  parentName: string | null;
  level: UnitLevel;
  position: number;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
};

export type UnitImportResult = { added: string[]; updated: string[]; unchanged: string[] };

/**
 * Writes a checked units file in one immediate transaction: a unit is matched by its 名称, new
 * ones are added, existing ones take the file's 简称/级别/上级 (and contacts, when given). Rows
 * go parents first, whatever their order in the file; the same file twice changes nothing.
 */
export function importUnits(d: Db, rows: UnitImportRow[], now = new Date()): UnitImportResult {
  return d.transaction(
    (tx) => {
      const result: UnitImportResult = { added: [], updated: [], unchanged: [] };
      const idOf = new Map(
        tx
          .select({ id: units.id, name: units.name })
          .from(units)
          .all()
          .map((u) => [u.name, u.id]),
      );
      const inFile = new Set(rows.map((r) => r.name));
      const done = new Set<string>();
      let pending = rows;
      while (pending.length) {
        // A row waits while its parent is a row of the file not yet written.
        const ready = pending.filter((r) => r.parentName === null || !inFile.has(r.parentName) || done.has(r.parentName));
        if (ready.length === 0) throw new AppError("xinxi:invalid-file", "单位库文件中的上级关系有循环");
        for (const r of ready) {
          const parentId = r.parentName === null ? null : idOf.get(r.parentName);
          if (parentId === undefined) throw new AppError("xinxi:unknown-unit", `找不到上级单位「${r.parentName}」`);
          const input: UnitInput = { ...r, parentId };
          const id = idOf.get(r.name);
          if (id === undefined) {
            idOf.set(r.name, createUnit(tx, input, now).id);
            result.added.push(r.name);
          } else {
            const before = getUnit(tx, id)!;
            const changed = (
              [
                ["shortName", r.shortName],
                ["level", r.level],
                ["parentId", parentId],
                ["position", r.position],
                ["contactName", r.contactName],
                ["contactPhone", r.contactPhone],
                ["contactEmail", r.contactEmail],
              ] as const
            ).some(([k, v]) => v !== undefined && (before[k] ?? null) !== (typeof v === "string" ? v.trim() || null : v));
            if (changed) {
              updateUnit(tx, id, input, now);
              result.updated.push(r.name);
            } else result.unchanged.push(r.name);
          }
          done.add(r.name);
        }
        pending = pending.filter((r) => !done.has(r.name));
      }
      return result;
    },
    { behavior: "immediate" },
  );
}
