// 单位库 (/studio/units), for admins: the units 信息报送 works with, province → city → county,
// in tree order, with their contacts and how many 报送员 each has.
import type { Metadata } from "next";
import { UnitsAdmin, type UnitView } from "@/components/studio/units-admin";
import { listUnits, unitUserCounts, unitUses } from "@/db/queries/xinxi/units";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { withDepth } from "@/lib/xinxi/unit-tree";

export const metadata: Metadata = { title: "单位库" };

export default async function UnitsPage() {
  await requirePageUser("admin", "/studio/units");
  const d = db();
  const counts = unitUserCounts(d);
  const units: UnitView[] = withDepth(listUnits(d)).map((u) => ({
    id: u.id,
    name: u.name,
    shortName: u.shortName,
    parentId: u.parentId,
    level: u.level,
    depth: u.depth,
    contactName: u.contactName,
    contactPhone: u.contactPhone,
    contactEmail: u.contactEmail,
    disabled: u.disabled,
    contributors: counts.get(u.id) ?? 0,
    deletable: unitUses(d, u.id).length === 0,
  }));
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <h1 className="text-xl font-bold">单位库</h1>
      <p className="text-sm text-stone-600">
        信息报送的单位按省、市、县排列。报送员账号属于其中一个单位；停用的单位不再出现在表单和单位建议中，但其报送记录保留。已有报送或账号的单位不能删除。
      </p>
      <UnitsAdmin units={units} />
    </div>
  );
}
