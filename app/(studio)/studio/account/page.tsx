import type { Metadata } from "next";
import { AccountForms } from "@/components/studio/account-forms";
import { card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { ROLE_LABEL } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "我的账号" };

export default async function AccountPage() {
  const user = await requirePageUser("contributor", "/studio/account");
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-xl font-bold">我的账号</h1>
      <dl className={`grid grid-cols-[6em_1fr] gap-y-1 p-4 ${card}`}>
        <dt className="text-stone-600">姓名</dt>
        <dd>{user.name}</dd>
        <dt className="text-stone-600">邮箱</dt>
        <dd>{user.email}</dd>
        <dt className="text-stone-600">角色</dt>
        <dd>{ROLE_LABEL[user.role]}</dd>
        <dt className="text-stone-600">负责刊物</dt>
        <dd>{user.seriesIds === null ? "全部刊物" : user.seriesIds.length ? user.seriesIds.join("、") : "（无，请联系管理员）"}</dd>
      </dl>
      <AccountForms />
    </div>
  );
}
