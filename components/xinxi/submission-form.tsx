"use client";
// The 信息稿件 form, for a first 报送 and for 重新报送 after 退回修改: the body in the drafts' MDX
// editor with the server's problems on their lines, pictures checked by their bytes as they are
// chosen (stored only with the submission), or a Word file the server turns into the body.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { checkBody, checkPicture, resubmit, submitNew } from "@/app/(studio)/studio/submissions/actions";
import { MdxEditor, type MdxEditorHandle } from "@/components/studio/mdx-editor";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

type Option = { value: string; label: string };
export type SubmissionFormInitial = {
  seriesId: string;
  unitId: string;
  callId: string;
  title: string;
  body: string;
  contactName: string;
  contactPhone: string;
  urgent: boolean;
};

type Props = {
  submissionId?: number;
  series: Option[];
  /** For editors registering a submission on a unit's behalf; null for a contributor (their own unit). */
  units: Option[] | null;
  calls: Option[];
  initial: SubmissionFormInitial;
  /** Pictures the submission already holds (a resubmission may go on showing them). */
  held: string[];
};

type Problem = { line: number; column?: number; message: string };

export function SubmissionForm(p: Props) {
  const router = useRouter();
  const editor = useRef<MdxEditorHandle>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [v, setV] = useState(p.initial);
  const [pictures, setPictures] = useState<Map<string, File>>(new Map());
  const [docx, setDocx] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof SubmissionFormInitial) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  const names = [...p.held, ...pictures.keys()];
  const namesKey = names.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `namesKey` stands for the picture names; the body and the names are what is checked.
  useEffect(() => {
    if (docx) return;
    const timer = setTimeout(async () => {
      const r = await checkBody({ body: v.body, pictures: names });
      if (r.ok) setProblems(v.body.trim() ? r.data : []);
    }, 600);
    return () => clearTimeout(timer);
  }, [v.body, namesKey, docx]);

  async function addPictures(files: File[]) {
    for (const file of files) {
      const data = new FormData();
      data.set("file", file);
      const r = await checkPicture(data);
      if (!r.ok) {
        setNotice(r.error.message);
        continue;
      }
      setPictures((m) => new Map(m).set(r.data.name, file));
      editor.current?.insertFigure(r.data.src);
      if (r.data.note) setNotice(`${file.name}：${r.data.note}`);
    }
  }

  async function send() {
    setBusy(true);
    setNotice(undefined);
    const data = new FormData();
    for (const [k, value] of Object.entries(v)) if (k !== "urgent") data.set(k, String(value));
    if (v.urgent) data.set("urgent", "on");
    if (p.submissionId) data.set("submissionId", String(p.submissionId));
    if (docx) data.set("docx", docx);
    else for (const file of pictures.values()) data.append("pictures", file);
    const r = await (p.submissionId ? resubmit(data) : submitNew(data));
    setBusy(false);
    if (r.ok) {
      router.push(`/studio/submissions/${r.data.id}`);
      router.refresh();
    } else {
      setErrors(r.error.fields ?? {});
      setNotice(r.error.message);
    }
  }

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="报送到" error={errors.seriesId}>
          <Select name="seriesId" value={v.seriesId} onChange={set("seriesId")} options={p.series} disabled={Boolean(p.submissionId)} />
        </Field>
        {p.units ? (
          <Field label="报送单位" error={errors.unitId}>
            <Select name="unitId" value={v.unitId} onChange={set("unitId")} options={p.units} disabled={Boolean(p.submissionId)}>
              <option value="">（请选择）</option>
            </Select>
          </Field>
        ) : null}
        <Field label="响应约稿" error={errors.callId}>
          <Select name="callId" value={v.callId} onChange={set("callId")} options={p.calls} disabled={Boolean(p.submissionId)}>
            <option value="">（不是约稿）</option>
          </Select>
        </Field>
      </div>
      <Field label="标题" error={errors.title}>
        <Input
          name="title"
          value={v.title}
          onChange={set("title")}
          maxLength={100}
          placeholder={docx ? "留空则用 Word 文档的第一行" : undefined}
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="mb-1">正文</legend>
        <label className="flex flex-wrap items-center gap-2 text-sm">
          <span>或上传 Word 文档（.docx），正文和图片从文档中读取：</span>
          <input
            type="file"
            name="docx"
            data-testid="docx-input"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(e) => setDocx(e.target.files?.[0] ?? null)}
          />
        </label>
        {errors.docx ? <p className="text-xs text-red-700">{errors.docx}</p> : null}
        {docx ? null : (
          <>
            {problems.length > 0 || errors.body ? (
              <ul className="space-y-0.5 rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="body-problems">
                {errors.body && problems.length === 0 ? <li>{errors.body}</li> : null}
                {problems.map((b, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: replaced whole on each check; two may be alike
                  <li key={i}>
                    <button type="button" onClick={() => editor.current?.focusLine(b.line, b.column)} className="text-left hover:underline">
                      正文第 {b.line} 行：{b.message}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <MdxEditor
              ref={editor}
              value={v.body}
              onChange={(body) => setV((cur) => ({ ...cur, body }))}
              diagnostics={problems.map((b) => ({ ...b, severity: "error" as const }))}
              label="正文（MDX）"
              id="submission-body"
              onPictures={(files) => void addPictures(files)}
              onPickPicture={() => picker.current?.click()}
            />
            <input
              ref={picker}
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              multiple
              hidden
              data-testid="picture-input"
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = "";
                if (files.length) void addPictures(files);
              }}
            />
            {pictures.size > 0 ? <p className="text-xs text-stone-600">已选图片 {pictures.size} 张，随稿件一并报送。</p> : null}
          </>
        )}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="联系人" error={errors.contactName}>
          <Input name="contactName" value={v.contactName} onChange={set("contactName")} maxLength={40} />
        </Field>
        <Field label="联系电话" error={errors.contactPhone}>
          <Input name="contactPhone" value={v.contactPhone} onChange={set("contactPhone")} maxLength={30} inputMode="tel" />
        </Field>
        <label className="flex items-center gap-2 self-end pb-2">
          <input type="checkbox" name="urgent" checked={v.urgent} onChange={(e) => setV({ ...v, urgent: e.target.checked })} />
          紧急
        </label>
      </div>
      <Notice tone="error">{notice}</Notice>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "正在报送…" : p.submissionId ? "修改后重新报送" : "报送"}
      </Button>
    </form>
  );
}
