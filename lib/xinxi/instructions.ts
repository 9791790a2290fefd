// 批示 on a published issue: which unit a 批示 is credited to, and recording or removing one
// together with the submission's timeline event, so the contributor sees the 批示 their article
// earned. The credit follows the adoption: an article that came from a submission (adopted, and
// the draft published to this issue's file) credits that submission's unit; the editor may name
// a unit by hand instead, or none (the 批示 is on the issue as a whole).
import "server-only";
import type { Db } from "@/db/index";
import {
  deleteInstruction,
  getInstruction,
  insertInstruction,
  instructionsOnIssue,
  type NewInstruction,
  type PublishedAdoption,
  publishedAdoptionsOn,
} from "@/db/queries/xinxi/instructions";
import { addSubmissionEvent, getSubmission } from "@/db/queries/xinxi/submissions";
import { getUnit, listUnits } from "@/db/queries/xinxi/units";
import type { InstructionLevel, InstructionRow, IssueRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { issueLine } from "@/lib/format";
import { todayInChina } from "@/lib/studio/new-draft";

/** "auto": from the adoption behind the article; "none": the issue as a whole; a unit id: that unit. */
export type Credit = "auto" | "none" | number;

const same = (a: string, b: string) => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");

/** The adoption an article of the issue came from: its heading as adopted, or the submission's title; none when it is not one submission. */
export function adoptionFor(article: string | null, list: PublishedAdoption[]): PublishedAdoption | undefined {
  if (!article) return undefined;
  const matches = list.filter((a) => same(a.heading, article) || same(a.title, article));
  const submissions = new Set(matches.map((a) => a.submissionId));
  return submissions.size === 1 ? matches[0] : undefined;
}

/** Whom a 批示 is credited to. A unit named by hand keeps the submission only when it is that unit's. */
export function creditOf(
  credit: Credit,
  adopted: PublishedAdoption | undefined,
  unitExists: (id: number) => boolean,
): { submissionId: number | null; unitId: number | null } {
  if (credit === "none") return { submissionId: null, unitId: null };
  if (credit === "auto")
    return adopted ? { submissionId: adopted.submissionId, unitId: adopted.unitId } : { submissionId: null, unitId: null };
  if (!unitExists(credit)) throw new AppError("xinxi:unknown-unit", "找不到所选单位", { fields: { credit: "单位不存在" } });
  return { submissionId: adopted?.unitId === credit ? adopted.submissionId : null, unitId: credit };
}

/** The articles a 批示 may be on: the issue's # headings, or for an issue that is one article (no headings), its title. */
export const articlesOf = (issue: Pick<IssueRow, "articles" | "title">): string[] =>
  issue.articles.length > 0 ? issue.articles : [issue.title];

export type InstructionInput = {
  article: string | null;
  credit: Credit;
  level: InstructionLevel;
  leader: string;
  date: string;
  gist: string;
};

type Issue = Pick<IssueRow, "path" | "seriesId" | "articles" | "title" | "date" | "year" | "number" | "supplement" | "total"> & {
  seriesName: string;
};

/** Records a 批示 on the issue, and when it is credited to a submission, that submission's timeline event. */
export function recordInstruction(
  d: Db,
  issue: Issue,
  input: InstructionInput,
  { actorId, at }: { actorId: number; at: Date },
): InstructionRow {
  if (input.article !== null && !articlesOf(issue).includes(input.article))
    throw new AppError("studio:invalid-input", "这一期没有这篇文章", { fields: { article: "请从本期的文章中选择" } });
  if (input.date < issue.date)
    throw new AppError("studio:invalid-input", "批示日期早于本期的日期", { fields: { date: `批示日期不能早于 ${issue.date}` } });
  if (input.date > todayInChina(at))
    throw new AppError("studio:invalid-input", "批示日期晚于今天", { fields: { date: "批示日期不能晚于今天" } });
  return d.transaction((tx) => {
    const adopted = adoptionFor(input.article, publishedAdoptionsOn(tx, issue.path));
    const credit = creditOf(input.credit, adopted, (id) => !!getUnit(tx, id));
    const row: NewInstruction = {
      seriesId: issue.seriesId,
      issuePath: issue.path,
      issueLabel: `${issue.seriesName}${issueLine({ ...issue, showTotal: false })}`,
      article: input.article,
      ...credit,
      level: input.level,
      leader: input.leader,
      date: input.date,
      gist: input.gist,
      recordedBy: actorId,
      recordedAt: at,
    };
    const saved = insertInstruction(tx, row);
    const submission = credit.submissionId === null ? undefined : getSubmission(tx, credit.submissionId);
    if (submission)
      addSubmissionEvent(tx, {
        submissionId: submission.id,
        unitId: submission.unitId,
        kind: "instruction",
        actorId,
        detail: {
          instructionId: saved.id,
          level: input.level,
          leader: input.leader,
          date: input.date,
          gist: input.gist,
          issue: row.issueLabel,
        },
        at,
      });
    return saved;
  });
}

/** Removes a mistaken 批示 (and its timeline event); the caller checks the user may work on its series. */
export function removeInstruction(d: Db, id: number): InstructionRow {
  const row = getInstruction(d, id);
  if (!row) throw new AppError("studio:not-found", "找不到这条批示，可能已被删除");
  d.transaction((tx) => deleteInstruction(tx, id));
  return row;
}

export type InstructionView = Omit<InstructionRow, "recordedAt" | "recordedBy"> & { unitName: string | null };

/** What the issue page's 批示 section shows: the 批示 with their units, the articles with their automatic credit, the units to pick. */
export function instructionsPanel(d: Db, issue: Pick<IssueRow, "path" | "articles" | "title">) {
  const units = listUnits(d, { includeDisabled: false });
  const name = (id: number | null) => (id === null ? null : (units.find((u) => u.id === id)?.name ?? getUnit(d, id)?.name ?? `#${id}`));
  const adoptions = publishedAdoptionsOn(d, issue.path);
  return {
    instructions: instructionsOnIssue(d, issue.path).map(({ recordedAt: _a, recordedBy: _b, ...r }) => ({
      ...r,
      unitName: name(r.unitId),
    })),
    articles: articlesOf(issue).map((heading) => {
      const a = adoptionFor(heading, adoptions);
      return { heading, autoUnit: a ? name(a.unitId) : null };
    }),
    units: units.map((u) => ({ value: String(u.id), label: u.name })),
  };
}
