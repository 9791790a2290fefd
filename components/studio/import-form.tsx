"use client";
// 导入: turns an existing Word or text bulletin into a draft (its number from the masthead).
import { useState, useTransition } from "react";
import { importIssue } from "@/app/(studio)/studio/new/actions";

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
      className="space-y-3 rounded border border-stone-200 bg-white p-5 text-sm"
    >
      <h2 className="font-bold">从 Word 或文本导入</h2>
      <p className="text-stone-600">
        上传已排好的简报（.docx 或 .txt），按报头识别刊物、年份和期号，生成一份草稿；需要核对的地方会写在审核意见里。
      </p>
      <label className="block">
        <span className="mb-1 block font-medium">文件</span>
        <input
          name="file"
          type="file"
          required
          accept=".docx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
          className="block w-full text-sm"
        />
      </label>
      <label className="block">
        <span className="mb-1 block font-medium">刊物</span>
        <select name="seriesId" defaultValue="" className="w-full rounded border border-stone-300 px-3 py-2">
          <option value="">按报头识别</option>
          {series.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p role="alert" className="whitespace-pre-wrap rounded bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded border border-brand px-4 py-2 font-medium text-brand disabled:opacity-60">
        {pending ? "正在导入…" : "导入为草稿"}
      </button>
    </form>
  );
}
