"use client";
// Signs in through next-auth without leaving the page, so refusals (wrong password, throttling,
// lockout, disabled account) show here in plain words.
import { signIn } from "next-auth/react";
import { useState } from "react";

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
      <label className="block text-sm">
        <span className="mb-1 block font-medium">邮箱</span>
        <input name="email" type="email" required autoComplete="username" className="w-full rounded border border-stone-300 px-3 py-2" />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">密码</span>
        <input
          name="password"
          type="password"
          required
          autoComplete="current-password"
          className="w-full rounded border border-stone-300 px-3 py-2"
        />
      </label>
      {error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded bg-brand px-4 py-2 font-medium text-white disabled:opacity-60">
        {pending ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
