"use client";
// 新建账号: the server generates the password and hands it back once for the admin to pass on.
import { type FormEvent, useId, useState, useTransition } from "react";
import { createAccount } from "@/app/(studio)/studio/users/actions";
import { FieldError, fieldClass, formRole, RoleSelect, SeriesChecks, type SeriesOption } from "./account-fields";

type Props = { series: SeriesOption[]; onCreated(created: { email: string; password: string }): void };

export function CreateAccountForm({ series, onCreated }: Props) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const emailError = useId();
  const nameError = useId();

  // onSubmit rather than a form action: a refused form keeps what was typed.
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const r = await createAccount({
        email: String(data.get("email") ?? ""),
        name: String(data.get("name") ?? ""),
        role: formRole(data.get("role")),
        seriesIds: data.getAll("seriesIds").map(String),
        allSeries: data.get("allSeries") === "on",
      });
      if (r.ok) {
        setFields({});
        setError(undefined);
        form.reset();
        onCreated(r.data);
      } else {
        setFields(r.error.fields ?? {});
        setError(r.error.message);
      }
    });
  }

  return (
    <form aria-label="新建账号" onSubmit={submit} noValidate className="space-y-3 rounded border border-stone-200 bg-white p-4 text-sm">
      <h2 className="font-bold">新建账号</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">
          <span className="mb-1 block">邮箱</span>
          <input
            name="email"
            type="email"
            required
            autoComplete="off"
            className={fieldClass}
            aria-invalid={fields.email ? true : undefined}
            aria-describedby={fields.email ? emailError : undefined}
          />
          <FieldError id={emailError} message={fields.email} />
        </label>
        <label className="block">
          <span className="mb-1 block">姓名</span>
          <input
            name="name"
            required
            maxLength={40}
            autoComplete="off"
            className={fieldClass}
            aria-invalid={fields.name ? true : undefined}
            aria-describedby={fields.name ? nameError : undefined}
          />
          <FieldError id={nameError} message={fields.name} />
        </label>
        <RoleSelect error={fields.role} />
      </div>
      <SeriesChecks series={series} />
      <p className="text-stone-600">密码由系统生成，创建后显示一次。</p>
      {error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 text-white disabled:opacity-60">
        {pending ? "正在创建…" : "创建账号"}
      </button>
    </form>
  );
}
