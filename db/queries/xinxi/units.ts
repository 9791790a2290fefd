// The unit tree (单位库): read by every 信息报送 page, written by /studio/units and units:import.
import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Conn } from "@/db/index";
import { type UnitLevel, type UnitRow, units } from "@/db/schema";
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
