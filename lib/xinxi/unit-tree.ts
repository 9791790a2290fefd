// The depth of each unit in listUnits' tree order, for the pages that indent the tree (单位库, the
// 所属单位 select): a parent always comes before its children, so one pass is enough.
import type { UnitRow } from "@/db/schema";

export function withDepth<T extends Pick<UnitRow, "id" | "parentId">>(treeOrder: T[]): (T & { depth: number })[] {
  const depth = new Map<number, number>();
  return treeOrder.map((u) => {
    const d = u.parentId !== null && depth.has(u.parentId) ? depth.get(u.parentId)! + 1 : 0;
    depth.set(u.id, d);
    return { ...u, depth: d };
  });
}
