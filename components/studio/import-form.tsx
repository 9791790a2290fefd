"use client";
// 导入: turns an existing Word or text bulletin into a draft (its number from the masthead).
import { useState, useTransition } from "react";
import { importIssue } from "@/app/(studio)/studio/new/actions";
import { Button } from "@/components/ui/button";
import { card } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function ImportForm({ series }: { series: { id: string; name: string }[] }) {
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <form
      aria-label="导入文档"
      action={(form) =>
        start(async () => {
          setError(undefined);
          const r = await importIssue(form);
          if (r && !r.ok) setError(r.error.message);
        })
      }
      className={`space-y-3 p-5 ${card}`}
    >
      <h2 className="font-bold">从 Word 或文本导入</h2>
      <p className="text-stone-600">
        上传已排好的简报（.docx 或 .txt），按报头识别刊物、年份和期号，生成一份草稿；需要核对的地方会写在审核意见里。
      </p>
      <Field label="文件" strong>
        <input
          name="file"
          type="file"
          required
          accept=".docx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
          className="block w-full text-sm"
        />
      </Field>
      <Field label="刊物" strong>
        <Select name="seriesId" defaultValue="" options={series.map((s) => ({ value: s.id, label: s.name }))}>
          <option value="">按报头识别</option>
        </Select>
      </Field>
      <Notice tone="error" className="whitespace-pre-wrap">
        {error}
      </Notice>
      <Button type="submit" disabled={pending} variant="outline" size="lg" className="font-medium">
        {pending ? "正在导入…" : "导入为草稿"}
      </Button>
    </form>
  );
}
