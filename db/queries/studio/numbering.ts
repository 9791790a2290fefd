// Issue numbers for new drafts: which are taken, which to offer, and creating a draft that holds
// one. Also the other ways a draft begins (a correction) and ends early (abandoning it).
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Conn, Db, Tx } from "@/db/index";
import { type DraftKind, type DraftStatus, drafts, issues, revisions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { withdrawDraftAdoptions } from "../xinxi/adoptions";
import { addEvent, expectStatus, immediate, isUniqueViolation, loadDraft, OPEN_STATUSES } from "./common";
import { expectUnclaimed } from "./publish-claims";

export type NumberSlot = { seriesId: string; year: number; supplement: boolean };

/** Numbers in use in a series' year (or its 增刊 sequence), ascending. */
export function usedNumbers(d: Conn, { seriesId, year, supplement }: NumberSlot): number[] {
  const filed = d
    .select({ n: issues.number })
    .from(issues)
    .where(and(eq(issues.seriesId, seriesId), eq(issues.year, year), eq(issues.supplement, supplement)))
    .all();
  // A published draft has let go of its index slot, but its file reaches `issues` only with the
  // next sync, and a number once sent out must not be offered again even if the file is removed.
  const live: DraftStatus[] = [...OPEN_STATUSES, "published"];
  const held = d
    .select({ n: drafts.number })
    .from(drafts)
    .where(
      and(
        eq(drafts.kind, "new"),
        eq(drafts.seriesId, seriesId),
        eq(drafts.year, year),
        eq(drafts.supplement, supplement),
        inArray(drafts.status, live),
      ),
    )
    .all();
  return [...new Set([...filed, ...held].map((r) => r.n))].sort((a, b) => a - b);
}

/**
 * The first free number from the lowest one in use: an archive that starts at No. 3 is not offered
 * 1, while a number given back by an abandoned draft is offered again.
 */
export function proposeNumber(d: Conn, slot: NumberSlot): number {
  const used = usedNumbers(d, slot);
  if (used.length === 0) return 1;
  let n = used[0]!;
  for (const u of used) {
    if (u !== n) break;
    n++;
  }
  return n;
}

const numberLabel = (supplement: boolean, n: number) => `${supplement ? "增刊" : ""}第${n}期`;

type Opening = {
  kind: DraftKind;
  seriesId: string;
  year: number;
  number: number;
  supplement: boolean;
  path: string;
  baseHash: string | null;
  source: string;
  title: string;
  authorId: number;
};

function insertDraft(tx: Tx, o: Opening): { draftId: number; revisionId: number } {
  const now = new Date();
  const { id: draftId } = tx
    .insert(drafts)
    .values({
      kind: o.kind,
      seriesId: o.seriesId,
      year: o.year,
      number: o.number,
      supplement: o.supplement,
      path: o.path,
      baseHash: o.baseHash,
      status: "draft",
      title: o.title,
      createdBy: o.authorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: drafts.id })
    .get();
  const { id: revisionId } = tx
    .insert(revisions)
    .values({ draftId, seq: 1, parentId: null, kind: "create", source: o.source, authorId: o.authorId, createdAt: now })
    .returning({ id: revisions.id })
    .get();
  tx.update(drafts).set({ headRevisionId: revisionId }).where(eq(drafts.id, draftId)).run();
  return { draftId, revisionId };
}

export type CreateDraftInput = NumberSlot & {
  number?: number;
  authorId: number;
  /** The first text, written for the number finally taken (it is only known inside the transaction). */
  compose: (number: number) => { source: string; title: string };
  path: (number: number) => string;
};

export function createDraft(d: Db, input: CreateDraftInput): { draftId: number; revisionId: number; number: number } {
  const { number: asked, supplement } = input;
  if (asked !== undefined && !(Number.isInteger(asked) && asked >= 1)) throw new AppError("studio:invalid-input", "期号应为正整数");
  const taken = (n: number, cause?: unknown) =>
    new AppError("studio:number-taken", `${numberLabel(supplement, n)}已被占用：请换一个期号`, { cause });
  let number = asked ?? 0;
  try {
    // The number taken is known once composed: a collision's message names it.
    const compose = (n: number) => {
      number = n;
      return input.compose(n);
    };
    return immediate(d, (tx) => createDraftIn(tx, { ...input, compose }));
  } catch (e) {
    // The partial unique index on held numbers, should a writer ever get past the check above.
    if (isUniqueViolation(e)) throw taken(number, e);
    throw e;
  }
}

/**
 * createDraft inside the caller's immediate transaction, for a change that writes more with the
 * new draft (adopting 信息稿件 into 新建一期). The caller turns a unique violation into studio:number-taken.
 */
export function createDraftIn(tx: Tx, input: CreateDraftInput): { draftId: number; revisionId: number; number: number } {
  const { number: asked, seriesId, year, supplement } = input;
  if (asked !== undefined && usedNumbers(tx, input).includes(asked))
    throw new AppError("studio:number-taken", `${numberLabel(supplement, asked)}已被占用：请换一个期号`);
  const number = asked ?? proposeNumber(tx, input);
  const { source, title } = input.compose(number);
  const ids = insertDraft(tx, {
    kind: "new",
    seriesId,
    year,
    number,
    supplement,
    path: input.path(number),
    baseHash: null,
    source,
    title,
    authorId: input.authorId,
  });
  return { ...ids, number };
}

/** Gives up a draft; a new issue's number becomes free again. */
export function abandonDraft(d: Db, { draftId, actorId, comment }: { draftId: number; actorId: number; comment?: string }): void {
  immediate(d, (tx) => {
    const draft = loadDraft(tx, draftId);
    expectStatus(draft, OPEN_STATUSES, "放弃");
    expectUnclaimed(tx, draftId);
    const now = new Date();
    tx.update(drafts).set({ status: "abandoned", scheduledAt: null, updatedAt: now }).where(eq(drafts.id, draftId)).run();
    addEvent(tx, { draftId, revisionId: draft.headRevisionId, actorId, action: "abandon", comment: comment?.trim() || null, at: now });
    withdrawDraftAdoptions(tx, { draftId, actorId, at: now });
  });
}

/** The open correction of a published file, if someone has started one. */
export function openCorrectionFor(d: Conn, path: string): number | undefined {
  return d
    .select({ id: drafts.id })
    .from(drafts)
    .where(and(eq(drafts.kind, "correction"), eq(drafts.path, path), inArray(drafts.status, [...OPEN_STATUSES])))
    .get()?.id;
}

export type CreateCorrectionInput = NumberSlot & {
  path: string;
  number: number;
  baseHash: string;
  source: string;
  title: string;
  authorId: number;
};

export function createCorrection(d: Db, input: CreateCorrectionInput): { draftId: number; revisionId: number } {
  const busy = (cause?: unknown) => new AppError("studio:bad-transition", "这一期已有一份正在进行的更正稿", { cause });
  try {
    return immediate(d, (tx) => {
      if (openCorrectionFor(tx, input.path) !== undefined) throw busy();
      return insertDraft(tx, { ...input, kind: "correction" });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw busy(e);
    throw e;
  }
}
