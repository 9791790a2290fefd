"use client";
import { useState } from "react";
import { createFirstAdmin } from "@/app/(studio)/studio/setup/actions";

export function SetupForm({ token }: { token: string }) {
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  async function submit(form: FormData) {
    const get = (k: string) => String(form.get(k) ?? "");
    const r = await createFirstAdmin({ token, email: get("email"), name: get("name"), password: get("password"), confirm: get("confirm") });
    if (r.ok) setDone(r.data.email);
    else setError(r.error.message);
  }
  if (done) {
    return (
      <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-900">
        已创建管理员 {done}。
        <a href="/studio/sign-in" className="text-brand underline">
          现在登录
        </a>
      </p>
    );
  }
  const field = "w-full rounded border border-stone-300 px-3 py-2";
  return (
    <form action={submit} className="space-y-3 text-sm">
      <label className="block">
        <span className="mb-1 block font-medium">邮箱</span>
        <input name="email" type="email" required autoComplete="username" className={field} />
      </label>
      <label className="block">
        <span className="mb-1 block font-medium">姓名</span>
        <input name="name" required className={field} />
      </label>
      <label className="block">
        <span className="mb-1 block font-medium">密码（至少 10 个字符）</span>
        <input name="password" type="password" required minLength={10} autoComplete="new-password" className={field} />
      </label>
      <label className="block">
        <span className="mb-1 block font-medium">再输入一次</span>
        <input name="confirm" type="password" required autoComplete="new-password" className={field} />
      </label>
      {error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" className="w-full rounded bg-brand px-4 py-2 font-medium text-white">
        创建管理员
      </button>
    </form>
  );
}
