// What changed between two revisions of an issue, as a unified diff an editor can read before
// restoring or approving. No hooks: it renders on the server as well as inside client views.
import { type DiffLine, diffLines, summarize } from "@/lib/studio/diff-lines";

type Revision = { label: string; text: string };

// Unchanged lines shown on each side of a change; longer unchanged runs fold into one row.
const CONTEXT = 3;
const FOLD_OVER = 2 * CONTEXT;

type Row = { kind: "line"; line: DiffLine } | { kind: "fold"; count: number; key: string };

function toRows(lines: DiffLine[]): Row[] {
  const rows: Row[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.kind !== "same") {
      rows.push({ kind: "line", line: lines[i++]! });
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.kind === "same") end++;
    const run = lines.slice(i, end);
    // At the start or end of the file only the side next to a change needs context.
    const head = i === 0 ? 0 : CONTEXT;
    const tail = end === lines.length ? 0 : CONTEXT;
    if (run.length > FOLD_OVER && run.length > head + tail) {
      for (const line of run.slice(0, head)) rows.push({ kind: "line", line });
      rows.push({ kind: "fold", count: run.length - head - tail, key: `fold-${i}` });
      for (const line of run.slice(run.length - tail)) rows.push({ kind: "line", line });
    } else {
      for (const line of run) rows.push({ kind: "line", line });
    }
    i = end;
  }
  return rows;
}

const tone = {
  same: { row: "", sign: " ", word: "", Text: "span" },
  add: { row: "bg-green-50 text-green-900", sign: "+", word: "新增", Text: "ins" },
  del: { row: "bg-red-50 text-red-900", sign: "−", word: "删除", Text: "del" },
} as const;

function LineRow({ line }: { line: DiffLine }) {
  const t = tone[line.kind];
  return (
    <tr className={t.row} data-kind={line.kind}>
      <td className="select-none px-2 text-right align-top text-stone-600">{line.aLine ?? ""}</td>
      <td className="select-none px-2 text-right align-top text-stone-600">{line.bLine ?? ""}</td>
      <td className="select-none px-1 text-center align-top font-bold">
        <span aria-hidden="true">{t.sign}</span>
        {t.word ? <span className="sr-only">{t.word}</span> : null}
      </td>
      <td className="whitespace-pre-wrap px-2 wrap-anywhere">
        <t.Text className="no-underline">{line.text || "\u00a0"}</t.Text>
      </td>
    </tr>
  );
}

export function RevisionDiff({ from, to }: { from: Revision; to: Revision }) {
  const lines = diffLines(from.text, to.text);
  const { added, removed } = summarize(lines);
  const heading = `${from.label} → ${to.label}：+${added} −${removed} 行`;
  return (
    <section className="rounded border border-stone-200 bg-white" data-testid="revision-diff" aria-label={heading}>
      <h3 className="border-b border-stone-200 bg-stone-100 px-3 py-2 text-sm font-semibold text-stone-700">
        {from.label} → {to.label}：<span className="text-green-800">+{added}</span> <span className="text-red-800">−{removed}</span> 行
      </h3>
      {added + removed === 0 ? (
        <p className="px-3 py-4 text-sm text-stone-600">两版内容相同。</p>
      ) : (
        <table className="w-full table-fixed border-collapse font-mono text-sm leading-relaxed">
          <colgroup>
            <col className="w-12" />
            <col className="w-12" />
            <col className="w-6" />
            <col />
          </colgroup>
          <thead className="sr-only">
            <tr>
              <th scope="col">{from.label}行号</th>
              <th scope="col">{to.label}行号</th>
              <th scope="col">变化</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {toRows(lines).map((row) =>
              row.kind === "fold" ? (
                <tr key={row.key} className="bg-stone-50 text-stone-600">
                  <td colSpan={4} className="px-3 py-1 text-center">
                    … 未改动的 {row.count} 行 …
                  </td>
                </tr>
              ) : (
                <LineRow key={`${row.line.aLine ?? ""}:${row.line.bLine ?? ""}`} line={row.line} />
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
