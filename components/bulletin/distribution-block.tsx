// 版记: 报／送／发 between rules, items joined by "，", wrapped lines aligned after the colon;
// then 责任编辑 (a two-character name spaced to three) and the print run.
import type { DistributionKind } from "@/db/schema";
import { spacedName } from "@/lib/format";

const LABELS: [DistributionKind, string][] = [
  ["report", "报"],
  ["send", "送"],
  ["issue", "发"],
];

export function DistributionBlock({ distribution, editor, copies }: { distribution: Record<DistributionKind, string[]>; editor: string; copies: number | null }) {
  return (
    <footer className="jb-colophon" data-testid="distribution">
      {LABELS.filter(([kind]) => distribution[kind].length > 0).map(([kind, label]) => (
        <div className="jb-colophon-row" key={kind} data-testid={`distribution-${kind}`}>
          <span className="jb-colophon-label">{label}：</span>
          <span className="jb-colophon-items">{distribution[kind].join("，")}</span>
        </div>
      ))}
      <div className="jb-colophon-row jb-colophon-last">
        <span data-testid="editor">责任编辑：{spacedName(editor)}</span>
        {copies ? <span data-testid="copies">（共印{copies}份）</span> : null}
      </div>
    </footer>
  );
}
