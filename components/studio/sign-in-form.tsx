"use client";
// Signs in through next-auth without leaving the page, so refusals (wrong password, throttling,
// lockout, disabled account) show here in plain words.
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    const message = result?.error;
    setError(!message || message === "CredentialsSignin" ? "邮箱或密码不正确" : message);
  }

  return (
    <form action={submit} className="space-y-4">
      <Field label="邮箱" strong className="block text-sm">
        <Input name="email" type="email" required autoComplete="username" />
      </Field>
      <Field label="密码" strong className="block text-sm">
        <Input name="password" type="password" required autoComplete="current-password" />
      </Field>
      <Notice tone="error" className="text-sm">
        {error}
      </Notice>
      <Button type="submit" disabled={pending} variant="primary" size="lg" className="w-full font-medium">
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
