"use client";
// Changing one's password and signing out on every device both end the current session too.
import { signOut } from "next-auth/react";
import { useState } from "react";
import { changeOwnPassword, signOutEverywhere } from "@/app/(studio)/studio/account/actions";

export function AccountForms() {
  const [error, setError] = useState<string>();
  async function changePassword(form: FormData) {
    const get = (k: string) => String(form.get(k) ?? "");
    const r = await changeOwnPassword({ current: get("current"), password: get("password"), confirm: get("confirm") });
    if (r.ok) await signOut({ callbackUrl: "/studio/sign-in" });
    else setError(r.error.message);
  }
  async function everywhere() {
    const r = await signOutEverywhere({});
    if (r.ok) await signOut({ callbackUrl: "/studio/sign-in" });
    else setError(r.error.message);
  }
  const field = "w-full rounded border border-stone-300 px-3 py-2";
  return (
    <>
      <form action={changePassword} className="space-y-3 rounded border border-stone-200 bg-white p-4 text-sm">
        <h2 className="font-bold">修改密码</h2>
        <label className="block">
          <span className="mb-1 block">当前密码</span>
          <input name="current" type="password" required autoComplete="current-password" className={field} />
        </label>
        <label className="block">
          <span className="mb-1 block">新密码（至少 10 个字符）</span>
          <input name="password" type="password" required minLength={10} autoComplete="new-password" className={field} />
        </label>
        <label className="block">
          <span className="mb-1 block">再输入一次</span>
          <input name="confirm" type="password" required autoComplete="new-password" className={field} />
        </label>
        <p className="text-stone-600">修改后所有设备上的登录都会退出，请用新密码重新登录。</p>
        <button type="submit" className="rounded bg-brand px-4 py-2 text-white">
          修改密码
        </button>
      </form>
      <section className="space-y-2 rounded border border-stone-200 bg-white p-4 text-sm">
        <h2 className="font-bold">在所有设备上退出</h2>
        <p className="text-stone-600">如果在别处登录后忘了退出，或怀疑密码泄露，可以让所有已登录的会话立即失效。</p>
        <button type="button" onClick={() => void everywhere()} className="rounded border border-brand px-4 py-2 text-brand">
          在所有设备上退出
        </button>
      </section>
      {error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </>
  );
}
