// The 信息报送 notifications as people read them: which rows a contributor or an editor is told
// about, and the Chinese of each, in the studio (/studio/notices and the header's badge) and in the
// e-mails lib/xinxi/mailer.ts sends. A notice is "new" when it happened after the user last opened
// the page (notice_marks); the page keeps the older ones below a divider.
import "server-only";
import type { Conn } from "@/db/index";
import { roleAtLeast } from "@/db/queries/users";
import {
  lateCalls,
  markNoticesSeen,
  type NoticeEventRow,
  noticesSeenAt,
  seriesSubmissionEvents,
  unitEvents,
  unitOpenCalls,
} from "@/db/queries/xinxi/notices";
import type { CallRow, Role } from "@/db/schema";
import { when } from "@/lib/format";
import { ADOPTION_KIND_SHORT, INSTRUCTION_LEVEL_LABEL } from "@/lib/vocabulary";

/** The most notices a list holds (new and older together), and so the most the badge counts. */
export const NOTICE_LIMIT = 50;
/** A 约稿 not yet answered is a reminder from this long before its deadline. */
export const CALL_DUE_SOON_MS = 3 * 24 * 60 * 60 * 1000;
/** How long after its deadline an unanswered 约稿 stays on its editors' list. */
export const LATE_CALL_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export type Notice = { key: string; text: string; href: string; at: Date; fresh: boolean };
export type NoticeUser = { id: number; role: Role; unitId: number | null; seriesIds: string[] | null };

const unitLabel = (e: { unitName: string; unitShortName: string | null }) => e.unitShortName || e.unitName;

/** 12月10日, in Beijing time whatever the server's zone. */
export function monthDay(d: Date): string {
  const parts = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric" }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("month")}月${get("day")}日`;
}

const text = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/** The reason an editor gave with 退回修改 or 未采用, if the event carries one, cut to a line. */
function reasonOf(detail: Record<string, unknown> | null): string {
  const reason = text(detail?.note) || text(detail?.reason) || text(detail?.decisionNote);
  return reason.length > 60 ? `${reason.slice(0, 59)}…` : reason;
}

/** "团长治市委的《…》已采用（全文）": one event on a submission, as one line. */
export function eventText(e: NoticeEventRow): string {
  const title = `《${e.title}》`;
  const whose = `${unitLabel(e)}的${title}`;
  const reason = reasonOf(e.detail);
  const because = reason ? `：${reason}` : "";
  switch (e.kind) {
    case "submitted":
      return `${unitLabel(e)}报送了${title}`;
    case "resubmitted":
      return `${unitLabel(e)}重新报送了${title}`;
    case "processing":
      return `${whose}正在处理`;
    case "adopted": {
      const kind = text(e.detail?.adoptionKind) || text(e.detail?.kind) || e.adoptionKind;
      const short = kind && kind in ADOPTION_KIND_SHORT ? ADOPTION_KIND_SHORT[kind as keyof typeof ADOPTION_KIND_SHORT] : "";
      return `${whose}已采用${short ? `（${short}）` : ""}`;
    }
    case "rejected":
      return `${whose}未采用${because}`;
    case "returned":
      return `${whose}退回修改${because}`;
    case "unadopted":
      return `${whose}已撤销采用`;
    case "published": {
      const label = text(e.detail?.label) || text(e.detail?.publishedLabel) || e.publishedLabel;
      return `${title}已刊用${label ? `：${label}` : ""}`;
    }
    case "instruction": {
      const level = text(e.detail?.level);
      const leader = text(e.detail?.leader);
      const levelLabel = level in INSTRUCTION_LEVEL_LABEL ? INSTRUCTION_LEVEL_LABEL[level as keyof typeof INSTRUCTION_LEVEL_LABEL] : "";
      return `${title}获${levelLabel}${leader ? `${leader}` : "领导"}批示`;
    }
  }
}

export const submissionHref = (id: number) => `/studio/submissions/${id}`;
export const callHref = (id: number) => `/studio/calls/${id}`;

export const newCallText = (call: CallRow) => `新的约稿：${call.topic}，截止 ${monthDay(call.deadline)}`;
export const dueCallText = (call: CallRow) => `约稿即将截止：${call.topic}，截止 ${monthDay(call.deadline)}，本单位尚未报送`;
export const lateCallText = (call: CallRow & { missing: number }) =>
  `约稿已截止：${call.topic}（${monthDay(call.deadline)}），${call.missing}个单位未报送`;

function eventNotice(e: NoticeEventRow): Omit<Notice, "fresh"> {
  return { key: `e${e.id}`, text: eventText(e), href: submissionHref(e.submissionId), at: e.at };
}

/** The contributor's: their unit's submissions, and the 约稿 addressed to it. */
function contributorNotices(c: Conn, user: NoticeUser, now: Date): Omit<Notice, "fresh">[] {
  if (user.unitId === null) return [];
  const events = unitEvents(c, { unitId: user.unitId, exceptActorId: user.id, limit: NOTICE_LIMIT }).map(eventNotice);
  const calls = unitOpenCalls(c, { unitId: user.unitId, now, limit: NOTICE_LIMIT }).map((call) => {
    const soonFrom = call.deadline.getTime() - CALL_DUE_SOON_MS;
    // Unanswered and close to its deadline: a reminder, new again from the day it becomes one.
    if (!call.answered && now.getTime() >= soonFrom)
      return {
        key: `d${call.id}`,
        text: dueCallText(call),
        href: callHref(call.id),
        at: new Date(Math.max(call.createdAt.getTime(), soonFrom)),
      };
    return { key: `c${call.id}`, text: newCallText(call), href: callHref(call.id), at: call.createdAt };
  });
  return [...events, ...calls];
}

/** An editor's (and up): new submissions in their series, and their series' 约稿 some unit missed. */
function editorNotices(c: Conn, user: NoticeUser, now: Date): Omit<Notice, "fresh">[] {
  const events = seriesSubmissionEvents(c, { seriesIds: user.seriesIds, exceptActorId: user.id, limit: NOTICE_LIMIT }).map(eventNotice);
  const late = lateCalls(c, {
    seriesIds: user.seriesIds,
    since: new Date(now.getTime() - LATE_CALL_WINDOW_MS),
    now,
    limit: NOTICE_LIMIT,
  }).map((call) => ({ key: `l${call.id}`, text: lateCallText(call), href: callHref(call.id), at: call.deadline }));
  return [...events, ...late];
}

/** The user's notices, newest first, at most NOTICE_LIMIT; `fresh` ones came after their last visit. */
export function noticesFor(c: Conn, user: NoticeUser, now = new Date()): { seenAt: Date | null; notices: Notice[] } {
  const seenAt = noticesSeenAt(c, user.id);
  const all = roleAtLeast(user.role, "editor") ? editorNotices(c, user, now) : contributorNotices(c, user, now);
  const notices = all
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.key.localeCompare(a.key))
    .slice(0, NOTICE_LIMIT)
    .map((n) => ({ ...n, fresh: seenAt === null || n.at.getTime() > seenAt.getTime() }));
  return { seenAt, notices };
}

/** The header badge's number: the notices new since the user's last visit (at most NOTICE_LIMIT). */
export function freshNoticeCount(c: Conn, user: NoticeUser, now = new Date()): number {
  return noticesFor(c, user, now).notices.filter((n) => n.fresh).length;
}

/** What visiting /studio/notices does: everything up to `at` (when the page read its list) is seen. */
export function markSeen(c: Conn, userId: number, at: Date): void {
  markNoticesSeen(c, userId, at);
}

// ---- E-mail (plain text; lib/xinxi/mailer.ts sends them)

export type MailText = { subject: string; body: string };

const SIGNATURE = "——简报编辑室（此邮件由系统自动发送，请勿直接回复）";

/** To a unit's contributors and contact, about one of its own submissions (never another unit's). */
export function unitEventMail(e: NoticeEventRow, origin: string): MailText {
  const line = eventText(e);
  return {
    subject: `【信息报送】${line}`,
    body: [
      line,
      "",
      `稿件：《${e.title}》`,
      `时间：${when(e.at)}`,
      "",
      `查看稿件：${origin}${submissionHref(e.submissionId)}`,
      `全部通知：${origin}/studio/notices`,
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

/** To the editors of the series, about a new submission or a resubmission. */
export function staffEventMail(e: NoticeEventRow, origin: string): MailText {
  const line = eventText(e);
  return {
    subject: `【信息报送】${line}`,
    body: [
      line,
      "",
      `报送单位：${e.unitName}`,
      `时间：${when(e.at)}`,
      "",
      `处理稿件：${origin}${submissionHref(e.submissionId)}`,
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

/** To the units a 约稿 is addressed to: the call as the office wrote it, and nothing of other units. */
export function callMail(call: CallRow, origin: string): MailText {
  const body = call.body.length > 4000 ? `${call.body.slice(0, 3999)}…` : call.body;
  return {
    subject: `【约稿】${call.topic}（截止 ${monthDay(call.deadline)}）`,
    body: [
      newCallText(call),
      "",
      `截止时间：${when(call.deadline)}`,
      "",
      body,
      "",
      `查看约稿并报送：${origin}${callHref(call.id)}`,
      "",
      SIGNATURE,
    ].join("\n"),
  };
}
