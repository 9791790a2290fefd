import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { FilterForm } from "@/components/ui/filter-form";
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, auditActionLabel, listAudit } from "@/db/queries/studio/audit";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { when } from "@/lib/format";
import { ALL_SERIES_LABEL, DRAFT_KIND_LABEL, ROLE_LABEL } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "审计日志" };

type Props = { searchParams: Promise<{ page?: string | string[]; action?: string | string[] }> };

// A bad ?page= or an unknown ?action= is a stale bookmark, not an error: show the first page of everything.
const query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  action: z
    .enum(AUDIT_ACTIONS.map((a) => a.action))
    .optional()
    .catch(undefined),
});

const KEY_LABEL: Record<string, string> = {
  from: "原",
  to: "改为",
  role: "角色",
  seriesIds: "刊物",
  allSeries: ALL_SERIES_LABEL,
  name: "姓名",
  reason: "原因",
  draftId: "稿件",
  kind: "类型",
  revision: "版本",
  signer: "签发人",
  pictures: "图片数",
  // Failed sign-ins are counted per account × address per day (lib/auth/sign-in-audit.ts).
  failures: "失败次数",
  lastAt: "最后一次",
  samples: "尝试的邮箱",
  at: "时间",
  message: "说明",
  via: "方式",
};
const TIME_KEYS = new Set(["lastAt", "at"]);
// Values that are codes get their Chinese word.
const VALUE_LABEL: Record<string, string> = {
  ...DRAFT_KIND_LABEL,
  ...ROLE_LABEL,
  disabled: "账号已停用",
  "setup-link": "首次设置链接",
  true: "是",
  false: "否",
};

function value(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.map(value).join("、") : "（无）";
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : (VALUE_LABEL[String(v)] ?? String(v));
}

/** The detail JSON as one short line: "原: editor；改为: reviewer". */
function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return "";
  // Times in the detail (a counted row's last failure) read like the time column, not as UTC ISO.
  const shown = (k: string, v: unknown) =>
    TIME_KEYS.has(k) && typeof v === "string" && !Number.isNaN(Date.parse(v)) ? when(new Date(v)) : value(v);
  const text = Object.entries(detail)
    .map(([k, v]) => `${KEY_LABEL[k] ?? k}: ${shown(k, v)}`)
    .join("；");
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export default async function AuditPage({ searchParams }: Props) {
  await requirePageUser("admin", "/studio/audit");
  const sp = await searchParams;
  const { page, action } = query.parse({ page: [sp.page].flat()[0], action: [sp.action].flat()[0] || undefined });
  const { rows, total } = listAudit(db(), { page, action });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const href = (p: number) => `/studio/audit?${new URLSearchParams({ ...(action ? { action } : {}), page: String(p) })}`;
  const pager = "rounded border border-stone-300 bg-white px-3 py-1 hover:border-brand hover:text-brand";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">审计日志</h1>
        <FilterForm
          action="/studio/audit"
          id="audit-action"
          name="action"
          label="操作类型"
          defaultValue={action ?? ""}
          options={[{ value: "", label: "全部操作" }, ...AUDIT_ACTIONS.map((a) => ({ value: a.action, label: a.label }))]}
          submit="筛选"
        />
      </div>
      <div className="overflow-x-auto rounded border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">审计日志，最新的在前</caption>
          <thead className="bg-stone-50 text-stone-600">
            <tr>
              {["时间", "操作", "操作人", "对象", "详情", "地址"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {rows.map((r) => (
              <tr key={r.id} data-testid="audit-row">
                <td className="whitespace-nowrap px-3 py-2 text-stone-600">{when(r.at)}</td>
                <td className="whitespace-nowrap px-3 py-2">{auditActionLabel(r.action)}</td>
                <td className="px-3 py-2">{r.actorEmail ?? "系统"}</td>
                <td className="px-3 py-2">{r.target}</td>
                <td className="px-3 py-2 text-stone-600">{detailText(r.detail)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-stone-600">{r.ip}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-stone-600">
                  {page > 1 ? "这一页没有记录" : "还没有记录"}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav aria-label="翻页" className="flex items-center justify-center gap-3 text-sm">
        {page > 1 ? (
          <Link href={href(Math.min(page - 1, pages))} className={pager}>
            上一页
          </Link>
        ) : null}
        <span className="text-stone-600">
          第 {page} / {pages} 页，共 {total} 条
        </span>
        {page < pages ? (
          <Link href={href(page + 1)} className={pager}>
            下一页
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
