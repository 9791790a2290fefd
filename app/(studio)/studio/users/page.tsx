import type { Metadata } from "next";
import { type AccountRow, UsersAdmin } from "@/components/studio/users-admin";
import { listSeries } from "@/db/queries/archive";
import { listUsers } from "@/db/queries/users";
import { listUnits } from "@/db/queries/xinxi/units";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";
import { withDepth } from "@/lib/xinxi/unit-tree";

export const metadata: Metadata = { title: "账号" };

export default async function UsersPage() {
  const me = await requirePageUser("admin", "/studio/users");
  const series = listSeries(db()).map((s) => ({ id: s.id, name: s.name }));
  const allUnits = listUnits(db());
  const unitName = new Map(allUnits.map((u) => [u.id, u.name]));
  // Enabled units in tree order, indented by their depth.
  const units = withDepth(allUnits)
    .filter((u) => !u.disabled)
    .map((u) => ({ value: String(u.id), label: `${"　".repeat(u.depth)}${u.name}${u.shortName ? `（${u.shortName}）` : ""}` }));
  // Only what the table shows crosses to the client: no hashes, no session epochs.
  const accounts: AccountRow[] = listUsers(db()).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    seriesIds: u.seriesIds,
    allSeries: u.allSeries,
    disabled: u.disabled,
    lastSignIn: u.lastSignInAt ? when(u.lastSignInAt) : "从未登录",
    unitId: u.role === "contributor" ? u.unitId : null,
    unitName: u.role === "contributor" && u.unitId !== null ? (unitName.get(u.unitId) ?? null) : null,
  }));
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-xl font-bold">账号</h1>
      <p className="text-sm text-stone-600">
        编辑起草和修改稿件，审核人签发和发布，管理员另可管理账号和查看审计日志；报送员只为所属单位报送信息。勾选「全部刊物」的账号负责现有和以后新增的每一份刊物；一份也没有勾选的账号不负责任何刊物。
      </p>
      <UsersAdmin accounts={accounts} series={series} units={units} selfId={me.id} />
    </div>
  );
}
