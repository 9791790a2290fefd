// /studio/submissions: a contributor's own unit's 信息稿件, or, for editors and up, the inbox with
// its filters and search (the role decides which; db/queries/xinxi/inbox.ts lists both).
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Pager, SubmissionTable } from "@/components/xinxi/submission-table";
import { listSeries } from "@/db/queries/archive";
import { inboxCalls, listInbox } from "@/db/queries/xinxi/inbox";
import { listUnits, unitAndDescendants } from "@/db/queries/xinxi/units";
import { submissionStatuses } from "@/db/schema";
import { mayWorkOn, requirePageUser, type StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { parseQuery } from "@/lib/search/text";
import { SUBMISSION_STATUS_LABEL } from "@/lib/vocabulary";
import { dayAfter, dayStart, inboxParams, readInboxQuery } from "@/lib/xinxi/inbox-query";

export const metadata: Metadata = { title: "信息报送" };

const PAGE_SIZE = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SubmissionsPage({ searchParams }: Props) {
  const user = await requirePageUser("contributor", "/studio/submissions");
  const sp = await searchParams;
  return user.role === "contributor" ? <UnitList user={user} sp={sp} /> : <Inbox user={user} sp={sp} />;
}

function UnitList({ user, sp }: { user: StudioUser; sp: Record<string, string | string[] | undefined> }) {
  const { page } = readInboxQuery(sp);
  const { rows, total } = listInbox(db(), { unitIds: [user.unitId ?? 0], order: "newest", page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">本单位报送的信息</h1>
        <Link href="/studio/submissions/new" className={buttonClass({ variant: "primary", className: "ml-auto" })}>
          报送信息
        </Link>
      </div>
      <SubmissionTable rows={rows} showUnit={false} empty={page > 1 ? "这一页没有稿件" : "还没有报送过信息"} />
      <Pager page={page} pages={pages} total={total} href={(p) => `/studio/submissions?page=${p}`} />
    </div>
  );
}

const control = "rounded border border-stone-300 bg-white px-2 py-1";

function Inbox({ user, sp }: { user: StudioUser; sp: Record<string, string | string[] | undefined> }) {
  const d = db();
  const q = readInboxQuery(sp);
  const series = listSeries(d).filter((s) => mayWorkOn(user, s.id));
  const seriesIds = q.series && series.some((s) => s.id === q.series) ? [q.series] : series.map((s) => s.id);
  const units = listUnits(d);
  const calls = inboxCalls(d, user.seriesIds ?? undefined);
  const { rows, total } = listInbox(d, {
    unitIds: q.unit ? unitAndDescendants(d, q.unit) : undefined,
    statuses: q.status ? [q.status] : undefined,
    from: q.from ? dayStart(q.from) : undefined,
    to: q.to ? dayAfter(q.to) : undefined,
    callId: q.call,
    seriesIds: user.seriesIds === null && !q.series ? undefined : seriesIds,
    urgent: q.urgent,
    terms: parseQuery(q.q).terms,
    order: "inbox",
    page: q.page,
    pageSize: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">信息报送收件箱</h1>
        <Link href="/studio/submissions/new" className={buttonClass({ className: "ml-auto" })}>
          代单位登记报送
        </Link>
      </div>
      <form action="/studio/submissions" className="flex flex-wrap items-end gap-3 rounded border border-stone-200 bg-white p-3 text-sm">
        <label className="flex flex-col gap-1">
          搜索
          <input name="q" type="search" defaultValue={q.q} className={control} placeholder="标题或正文中的词" />
        </label>
        <label className="flex flex-col gap-1">
          单位（含下级）
          <select name="unit" defaultValue={q.unit ?? ""} className={control}>
            <option value="">全部单位</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          状态
          <select name="status" defaultValue={q.status ?? ""} className={control}>
            <option value="">全部状态</option>
            {submissionStatuses.map((s) => (
              <option key={s} value={s}>
                {SUBMISSION_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          报送日期起
          <input name="from" type="date" defaultValue={q.from ?? ""} className={control} />
        </label>
        <label className="flex flex-col gap-1">
          止
          <input name="to" type="date" defaultValue={q.to ?? ""} className={control} />
        </label>
        <label className="flex flex-col gap-1">
          约稿
          <select name="call" defaultValue={q.call ?? ""} className={control}>
            <option value="">全部</option>
            {calls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.topic}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          刊物
          <select name="series" defaultValue={q.series ?? ""} className={control}>
            <option value="">我负责的全部刊物</option>
            {series.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 pb-1">
          <input type="checkbox" name="urgent" value="1" defaultChecked={q.urgent === true} />
          只看紧急
        </label>
        <button type="submit" className={buttonClass({ variant: "primary" })}>
          筛选
        </button>
      </form>
      <SubmissionTable rows={rows} showUnit empty={q.page > 1 ? "这一页没有稿件" : "没有符合条件的稿件"} />
      <Pager page={q.page} pages={pages} total={total} href={(p) => `/studio/submissions?${inboxParams(q, p)}`} />
    </div>
  );
}
