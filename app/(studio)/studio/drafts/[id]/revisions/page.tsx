import type { Metadata } from "next";
import Link from "next/link";
import { RestoreButton } from "@/components/studio/restore-button";
import { RevisionDiff } from "@/components/studio/revision-diff";
import { Button } from "@/components/ui/button";
import { getRevision, listRevisions } from "@/db/queries/studio/revisions";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { issueLine, when } from "@/lib/format";
import { draftFor } from "@/lib/studio/draft-access";
import { idParam, orRefuse } from "@/lib/studio/page-guard";
import { isOpen } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "版本记录" };

const KIND: Record<string, string> = { create: "创建", save: "保存", autosave: "自动保存", restore: "恢复", merge: "合并" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export default async function RevisionsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requirePageUser("editor", `/studio/drafts/${id}/revisions`);
  const draftId = idParam(id);
  const draft = orRefuse(() => draftFor(user, draftId));
  const list = listRevisions(db(), draft.id);
  const sp = await searchParams;
  const seqOf = (raw: string | undefined) => list.find((r) => String(r.seq) === raw);
  const to = seqOf(sp.to) ?? list[0];
  const from = seqOf(sp.from) ?? list.find((r) => to && r.seq < to.seq) ?? to;
  const [a, b] = [from && getRevision(db(), from.id), to && getRevision(db(), to.id)];
  const open = isOpen(draft.status);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href={`/studio/drafts/${draft.id}`} className="text-sm text-stone-600 hover:underline">
          ← 返回编辑
        </Link>
        <h1 className="text-lg font-bold">
          版本记录：{issueLine(draft)} {draft.title}
        </h1>
      </div>
      <form className="overflow-x-auto rounded border border-stone-200 bg-white" action={`/studio/drafts/${draft.id}/revisions`}>
        <table className="w-full text-sm">
          <thead className="bg-stone-50 text-left text-stone-600">
            <tr>
              <th className="px-3 py-2">比较：从</th>
              <th className="px-3 py-2">到</th>
              <th className="px-3 py-2">版本</th>
              <th className="px-3 py-2">操作</th>
              <th className="px-3 py-2">修改人</th>
              <th className="px-3 py-2">时间</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id} className="border-t border-stone-100" data-testid="revision-row">
                <td className="px-3 py-1.5">
                  <input type="radio" name="from" value={r.seq} defaultChecked={r.seq === from?.seq} aria-label={`从第${r.seq}版`} />
                </td>
                <td className="px-3 py-1.5">
                  <input type="radio" name="to" value={r.seq} defaultChecked={r.seq === to?.seq} aria-label={`到第${r.seq}版`} />
                </td>
                <td className="px-3 py-1.5 font-medium">
                  第{r.seq}版{r.id === draft.headRevisionId ? "（当前）" : ""}
                </td>
                <td className="px-3 py-1.5">
                  {KIND[r.kind] ?? r.kind}
                  {r.note ? `：${r.note}` : ""}
                </td>
                <td className="px-3 py-1.5">{r.authorName}</td>
                <td className="px-3 py-1.5 text-stone-600">{when(r.createdAt)}</td>
                <td className="px-3 py-1.5">
                  {open && r.id !== draft.headRevisionId ? (
                    <RestoreButton draftId={draft.id} revisionId={r.id} seq={r.seq} baseRevisionId={draft.headRevisionId ?? 0} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="border-t border-stone-100 px-3 py-2">
          <Button type="submit" className="text-sm">
            比较所选的两版
          </Button>
        </div>
      </form>
      {a && b ? <RevisionDiff from={{ label: `第${a.seq}版`, text: a.source }} to={{ label: `第${b.seq}版`, text: b.source }} /> : null}
    </div>
  );
}
