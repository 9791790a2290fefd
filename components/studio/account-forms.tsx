"use client";
// Changing one's password and signing out on every device both end the current session too.
import { signOut } from "next-auth/react";
import { useState } from "react";
import { changeOwnPassword, signOutEverywhere } from "@/app/(studio)/studio/account/actions";
import { Button } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

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
  return (
    <>
      <form action={changePassword} className={`space-y-3 p-4 ${card}`}>
        <h2 className="font-bold">修改密码</h2>
        <Field label="当前密码">
          <Input name="current" type="password" required autoComplete="current-password" />
        </Field>
        <Field label="新密码（至少 10 个字符）">
          <Input name="password" type="password" required minLength={10} autoComplete="new-password" />
        </Field>
        <Field label="再输入一次">
          <Input name="confirm" type="password" required autoComplete="new-password" />
        </Field>
        <p className="text-stone-600">修改后所有设备上的登录都会退出，请用新密码重新登录。</p>
        <Button type="submit" variant="primary" size="lg">
          修改密码
        </Button>
      </form>
      <section className={`space-y-2 p-4 ${card}`}>
        <h2 className="font-bold">在所有设备上退出</h2>
        <p className="text-stone-600">如果在别处登录后忘了退出，或怀疑密码泄露，可以让所有已登录的会话立即失效。</p>
        <Button onClick={() => void everywhere()} variant="outline" size="lg">
          在所有设备上退出
        </Button>
      </section>
      <Notice tone="error" className="text-sm">
        {error}
      </Notice>
    </>
  );
}
