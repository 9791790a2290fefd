// The inbox's URL (?unit=&status=&from=&to=&call=&series=&urgent=&q=&page=) read into listInbox's
// filters. A value that makes no sense (a stale bookmark, a hand-edited link) is dropped, never an
// error; what is kept is echoed back into the form.
import { z } from "zod";
import { type SubmissionStatus, submissionStatuses } from "@/db/schema";
import { parseQuery } from "@/lib/search/text";

export type InboxQuery = {
  unit?: number;
  status?: SubmissionStatus;
  from?: string;
  to?: string;
  call?: number;
  series?: string;
  urgent?: boolean;
  q: string;
  page: number;
};

const id = z.coerce.number().int().positive().max(1e9).optional().catch(undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00+08:00`)))
  .optional()
  .catch(undefined);
const schema = z.object({
  unit: id,
  status: z.enum(submissionStatuses).optional().catch(undefined),
  from: day,
  to: day,
  call: id,
  series: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/)
    .optional()
    .catch(undefined),
  urgent: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((v) => (v ? true : undefined)),
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export function readInboxQuery(sp: Record<string, string | string[] | undefined>): InboxQuery {
  const raw: Record<string, string | undefined> = {};
  for (const k of Object.keys(schema.shape)) raw[k] = first(sp[k]);
  const parsed = schema.parse(raw);
  return { ...parsed, q: parseQuery(parsed.q).text };
}

/** A Beijing calendar day's start: the 期间 filter counts days as the offices do. */
export const dayStart = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
export const dayAfter = (iso: string) => new Date(dayStart(iso).getTime() + 24 * 3600 * 1000);

/** The query as URL parameters (for the pager), without empty values. */
export function inboxParams(q: InboxQuery, page: number): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, page })) {
    if (v === undefined || v === "" || v === false) continue;
    out.set(k, v === true ? "1" : String(v));
  }
  return out;
}
