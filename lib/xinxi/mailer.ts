// 信息报送 notification e-mail, when SMTP_URL is set: a background job in the server process
// (started from instrumentation.ts, like the publish scheduler; never in the CLI) that reads
// submission_events and calls past its cursors and turns them into mail_outbox rows, then sends
// the due rows over SMTP.
//
// Nothing is lost and nothing is composed twice: the mails of a batch are written in the same
// transaction that moves the cursor past it, so a crash leaves either both or neither. Sending
// is at least once: a mail is claimed (its next attempt pushed to a lease's end) before it goes
// out and marked sent after the SMTP server accepts it; a crash between the two sends it again
// when the lease runs out, the one duplicate SMTP itself cannot rule out. A refused mail is tried
// again after 1, 2, 4 … minutes (at most 6 hours apart) and given up after MAX_ATTEMPTS, logged
// as mail:failed.
//
// Recipients: what happens to a submission (processing, adopted, rejected, returned, unadopted,
// published, instruction) goes to its unit's enabled contributors and the unit's contact e-mail,
// about that submission only; a new submission or resubmission goes to the enabled editors,
// reviewers and admins working on its series; a new 约稿 goes to each addressed unit (every
// enabled unit for a call to all), one mail per address, naming no other unit. The person who
// did something is not mailed about it.
import "server-only";
import nodemailer from "nodemailer";
import type { Db } from "@/db/index";
import { immediate } from "@/db/queries/studio/common";
import {
  callsAfter,
  callUnitIds,
  claimDueMails,
  enqueueMail,
  eventsAfter,
  lastCallId,
  lastEventId,
  markMailFailed,
  markMailSent,
  readCursor,
  seriesStaffAddresses,
  unitAddresses,
  userAddress,
  writeCursor,
} from "@/db/queries/xinxi/mail";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { callMail, staffEventMail, unitEventMail } from "./notices";

export const EVENTS_CURSOR = "mail:submission-events";
export const CALLS_CURSOR = "mail:calls";
const BATCH = 100;
const SEND_BATCH = 20;
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;
/** How long a claimed mail is left to its sender before another round may take it. */
const LEASE_MS = 10 * 60_000;
/** Where a mail given up waits: out of the due range for good (mail_outbox has no "failed" column). */
export const GAVE_UP_AT = new Date(8.64e15);
const INTERVAL_MS = 20_000;

/** The wait before attempt `attempts + 1`, after `attempts` failures. */
export const retryDelay = (attempts: number) => Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

export type MailTransport = { sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown> };

const STAFF_KINDS = new Set(["submitted", "resubmitted"]);

/**
 * Composes the mails for the next batch of events and of calls, each batch in one transaction with
 * its cursor. A cursor not there yet starts at the newest row: switching mail on does not send
 * the whole history. Returns how many mails were queued.
 */
export function composeMails(d: Db, origin: string, now = new Date()): number {
  let queued = 0;
  immediate(d, (tx) => {
    const after = readCursor(tx, EVENTS_CURSOR);
    if (after === null) return writeCursor(tx, EVENTS_CURSOR, lastEventId(tx), now);
    const events = eventsAfter(tx, after, BATCH);
    if (!events.length) return;
    for (const e of events) {
      const actor = e.actorId === null ? undefined : userAddress(tx, e.actorId);
      const staff = STAFF_KINDS.has(e.kind);
      const mail = staff ? staffEventMail(e, origin) : unitEventMail(e, origin);
      const to = staff ? seriesStaffAddresses(tx, e.seriesId) : unitAddresses(tx, e.unitId);
      for (const address of to)
        if (address !== actor) {
          enqueueMail(tx, { to: address, ...mail }, now);
          queued++;
        }
    }
    writeCursor(tx, EVENTS_CURSOR, events.at(-1)!.id, now);
  });
  immediate(d, (tx) => {
    const after = readCursor(tx, CALLS_CURSOR);
    if (after === null) return writeCursor(tx, CALLS_CURSOR, lastCallId(tx), now);
    const calls = callsAfter(tx, after, BATCH);
    if (!calls.length) return;
    for (const call of calls) {
      if (call.closed) continue;
      const mail = callMail(call, origin);
      // Per unit, so an address serving two units gets each unit's notice (the same text).
      const sent = new Set<string>();
      for (const unitId of callUnitIds(tx, call))
        for (const address of unitAddresses(tx, unitId))
          if (!sent.has(address)) {
            sent.add(address);
            enqueueMail(tx, { to: address, ...mail }, now);
            queued++;
          }
    }
    writeCursor(tx, CALLS_CURSOR, calls.at(-1)!.id, now);
  });
  return queued;
}

/** Sends the due mails (one batch); a refusal is retried later, and given up after MAX_ATTEMPTS. */
export async function sendDueMails(
  d: Db,
  transport: MailTransport,
  from: string,
  now = new Date(),
): Promise<{ sent: number; failed: number }> {
  const due = claimDueMails(d, { now, leaseUntil: new Date(now.getTime() + LEASE_MS), limit: SEND_BATCH });
  let sent = 0;
  let failed = 0;
  for (const mail of due) {
    try {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
      markMailSent(d, mail.id, new Date());
      sent++;
    } catch (error) {
      failed++;
      const attempts = mail.attempts + 1;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const givingUp = attempts >= MAX_ATTEMPTS;
      markMailFailed(d, mail.id, {
        attempts,
        nextAttemptAt: givingUp ? GAVE_UP_AT : new Date(now.getTime() + retryDelay(attempts)),
        error: message,
      });
      if (givingUp) console.error("mail:failed", { id: mail.id, to: mail.to, attempts, error: message });
      else console.warn("mail:retry", { id: mail.id, attempts, error: message });
    }
  }
  return { sent, failed };
}

/**
 * An SMTP transport for the URL (smtp:// with STARTTLS when offered, smtps:// TLS from the start).
 * Shorter waits than nodemailer's minutes: a server that does not answer fails the attempt (and
 * the retry comes later) well inside a claim's lease.
 */
export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport({ url, connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
}

const state = globalThis as unknown as { jianbaoMailer?: NodeJS.Timeout };
let running = false;

/** One round: compose what is new, then send what is due. */
export async function mailRound(d: Db, transport: MailTransport, from: string, origin: string, now = new Date()): Promise<void> {
  if (running) return;
  running = true;
  try {
    composeMails(d, origin, now);
    await sendDueMails(d, transport, from, now);
  } finally {
    running = false;
  }
}

/** Starts the mailer when SMTP_URL is set (and MAIL_FROM with it); otherwise does nothing. */
export function startMailer(): void {
  const e = env();
  if (!e.SMTP_URL || state.jianbaoMailer) return;
  if (!e.MAIL_FROM) {
    console.error("mail:failed", "SMTP_URL is set but MAIL_FROM is not: no 信息报送 e-mail is sent");
    return;
  }
  const transport = smtpTransport(e.SMTP_URL);
  const from = e.MAIL_FROM;
  const origin = new URL(e.authUrl).origin;
  const round = () => void mailRound(db(), transport, from, origin).catch((error: unknown) => console.error("mail:round-failed", error));
  state.jianbaoMailer = setInterval(round, INTERVAL_MS);
  state.jianbaoMailer.unref();
  round();
}
