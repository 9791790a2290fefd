"use client";
import { useState } from "react";
import { createFirstAdmin } from "@/app/(studio)/studio/setup/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

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
      <Notice tone="success" className="text-sm">
        已创建管理员 {done}。
        <a href="/studio/sign-in" className="text-brand underline">
          现在登录
        </a>
      </Notice>
    );
  }
  return (
    <form action={submit} className="space-y-3 text-sm">
      <Field label="邮箱" strong>
        <Input name="email" type="email" required autoComplete="username" />
      </Field>
      <Field label="姓名" strong>
        <Input name="name" required />
      </Field>
      <Field label="密码（至少 10 个字符）" strong>
        <Input name="password" type="password" required minLength={10} autoComplete="new-password" />
      </Field>
      <Field label="再输入一次" strong>
        <Input name="confirm" type="password" required autoComplete="new-password" />
      </Field>
      <Notice tone="error">{error}</Notice>
      <Button type="submit" variant="primary" size="lg" className="w-full font-medium">
        创建管理员
      </Button>
    </form>
  );
}
