import type { Metadata } from "next";
import { type AccountRow, UsersAdmin } from "@/components/studio/users-admin";
import { listSeries } from "@/db/queries/archive";
import { listUsers } from "@/db/queries/users";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";

export const metadata: Metadata = { title: "账号" };

export default async function UsersPage() {
  const me = await requirePageUser("admin", "/studio/users");
  const series = listSeries(db()).map((s) => ({ id: s.id, name: s.name }));
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
  }));
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-xl font-bold">账号</h1>
      <p className="text-sm text-stone-600">
        编辑起草和修改稿件，审核人签发和发布，管理员另可管理账号和查看审计日志。勾选「全部刊物」的账号负责现有和以后新增的每一份刊物；一份也没有勾选的账号不负责任何刊物。
      </p>
      <UsersAdmin accounts={accounts} series={series} selfId={me.id} />
    </div>
  );
}
