"use client";
// The admin's accounts page: the new-account form, the one-time password box, and the table.
import { useState } from "react";
import { OneTimePassword, type SeriesOption, type UnitOption } from "./account-fields";
import { CreateAccountForm } from "./users-create-form";
import { type AccountRow, AccountRowView } from "./users-row";

export type { AccountRow };

type Props = { accounts: AccountRow[]; series: SeriesOption[]; units: UnitOption[]; selfId: number };

export function UsersAdmin({ accounts, series, units, selfId }: Props) {
  // Lives only in this component's state: leaving or reloading the page forgets it.
  const [shown, setShown] = useState<{ email: string; password: string }>();
  return (
    <>
      <CreateAccountForm series={series} units={units} onCreated={setShown} />
      {shown ? <OneTimePassword email={shown.email} password={shown.password} onDone={() => setShown(undefined)} /> : null}
      <div className="overflow-x-auto rounded border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">全部账号</caption>
          <thead className="bg-stone-50 text-stone-600">
            <tr>
              {["姓名", "邮箱", "角色", "负责刊物", "状态", "最近登录", "操作"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          {accounts.map((a) => (
            <AccountRowView key={a.id} account={a} series={series} units={units} self={a.id === selfId} onPassword={setShown} />
          ))}
        </table>
      </div>
    </>
  );
}
