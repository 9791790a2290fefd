// The 批示 section of a published issue's studio page: the leaders' instructions recorded on the
// issue, whom each is credited to, and the form to record one. The page only places it.
import { card } from "@/components/ui/card";
import type { IssueRow } from "@/db/schema";
import { db } from "@/lib/database";
import { INSTRUCTION_LEVEL_LABEL } from "@/lib/vocabulary";
import { instructionsPanel } from "@/lib/xinxi/instructions";
import { InstructionDelete, InstructionForm } from "./instruction-form";

type Props = { issue: Pick<IssueRow, "id" | "path" | "articles" | "title" | "date"> };

export function InstructionsSection({ issue }: Props) {
  const panel = instructionsPanel(db(), issue);
  return (
    <section aria-labelledby="instructions-title" className={`space-y-3 p-4 ${card}`}>
      <h2 id="instructions-title" className="font-bold">
        批示
      </h2>
      {panel.instructions.length === 0 ? (
        <p className="text-stone-600">还没有登记批示。</p>
      ) : (
        <ul className="divide-y divide-stone-200" data-testid="instructions">
          {panel.instructions.map((r) => (
            <li key={r.id} className="space-y-1 py-2">
              <p className="flex flex-wrap items-baseline gap-x-3">
                <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-900">{INSTRUCTION_LEVEL_LABEL[r.level]}</span>
                <span className="font-medium">{r.leader}</span>
                <span className="text-stone-600">{r.date}</span>
                <span className="ml-auto">
                  <InstructionDelete issueId={issue.id} instructionId={r.id} leader={r.leader} />
                </span>
              </p>
              <p className="whitespace-pre-wrap">{r.gist}</p>
              <p className="text-xs text-stone-600">
                {r.article ? `文章：${r.article}` : "整期"} · {r.unitName ? `计入：${r.unitName}` : "不计入单位"}
              </p>
            </li>
          ))}
        </ul>
      )}
      <InstructionForm issueId={issue.id} issueDate={issue.date} articles={panel.articles} units={panel.units} />
    </section>
  );
}
