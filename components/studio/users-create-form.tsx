"use client";
// 新建账号: the server generates the password and hands it back once for the admin to pass on.
import { type FormEvent, useState, useTransition } from "react";
import { createAccount } from "@/app/(studio)/studio/users/actions";
import { Button } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { formRole, formUnit, RoleSelect, SeriesChecks, type SeriesOption, type UnitOption } from "./account-fields";

type Props = { series: SeriesOption[]; units: UnitOption[]; onCreated(created: { email: string; password: string }): void };

export function CreateAccountForm({ series, units, onCreated }: Props) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  // Bumped after an account is made: the role select keeps its choice in state, which form.reset() does not reach.
  const [made, setMade] = useState(0);
  const [pending, start] = useTransition();

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
        unitId: formUnit(data.get("unitId")),
      });
      if (r.ok) {
        setFields({});
        setError(undefined);
        form.reset();
        setMade((n) => n + 1);
        onCreated(r.data);
      } else {
        setFields(r.error.fields ?? {});
        setError(r.error.message);
      }
    });
  }

  return (
    <form aria-label="新建账号" onSubmit={submit} noValidate className={`space-y-3 p-4 ${card}`}>
      <h2 className="font-bold">新建账号</h2>
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label="邮箱" error={fields.email}>
          <Input compact name="email" type="email" required autoComplete="off" />
        </Field>
        <Field label="姓名" error={fields.name}>
          <Input compact name="name" required maxLength={40} autoComplete="off" />
        </Field>
        <RoleSelect key={made} error={fields.role} units={units} unitError={fields.unitId} />
      </div>
      <SeriesChecks series={series} />
      <p className="text-stone-600">密码由系统生成，创建后显示一次。</p>
      <Notice tone="error">{error}</Notice>
      <Button type="submit" disabled={pending} variant="primary" size="lg">
        {pending ? "正在创建…" : "创建账号"}
      </Button>
    </form>
  );
}
