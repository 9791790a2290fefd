"use client";
// 生成通报: asks the server to write the statistics on screen into a new internal draft, and
// follows it there (the action redirects); a refusal is shown beside the button.
import { useState, useTransition } from "react";
import { generateReportAction } from "@/app/(studio)/studio/stats/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

type Props = { input: Parameters<typeof generateReportAction>[0]; title: string };

export function ReportButton({ input, title }: Props) {
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="outline"
        disabled={pending}
        title={`新建一份内部稿件「${title}」`}
        onClick={() =>
          start(async () => {
            const r = await generateReportAction(input);
            if (r && !r.ok) setError(r.error.message);
          })
        }
      >
        {pending ? "正在生成…" : "生成通报"}
      </Button>
      <Notice tone="error">{error}</Notice>
    </span>
  );
}
