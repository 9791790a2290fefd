// What may follow what in a 信息稿件's life, in one place for the editors' actions, part C's 采用
// and the publication step: a refused move is xinxi:bad-transition with a plain reason, never a
// silent change of a decided submission.
import type { SubmissionEventKind, SubmissionStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { SUBMISSION_STATUS_LABEL } from "@/lib/vocabulary";

export type SubmissionDecision = "start" | "reject" | "return" | "adopt" | "publish" | "resubmit";

type Rule = { from: readonly SubmissionStatus[]; to: SubmissionStatus; event: SubmissionEventKind; doing: string };

export const DECISION_RULES: Record<SubmissionDecision, Rule> = {
  start: { from: ["submitted"], to: "processing", event: "processing", doing: "开始处理" },
  reject: { from: ["submitted", "processing"], to: "rejected", event: "rejected", doing: "标为未采用" },
  // A returned text comes back only by the unit's resubmission (insertResubmission), never by an editor.
  return: { from: ["submitted", "processing"], to: "returned", event: "returned", doing: "退回修改" },
  adopt: { from: ["submitted", "processing"], to: "adopted", event: "adopted", doing: "采用" },
  publish: { from: ["adopted"], to: "published", event: "published", doing: "标为已刊用" },
  resubmit: { from: ["returned"], to: "submitted", event: "resubmitted", doing: "重新报送" },
};

export const mayDecide = (from: SubmissionStatus, decision: SubmissionDecision): boolean => DECISION_RULES[decision].from.includes(from);

/** The rule for moving a submission from `from` by `decision`, or xinxi:bad-transition saying why not. */
export function transition(from: SubmissionStatus, decision: SubmissionDecision): Rule {
  const rule = DECISION_RULES[decision];
  if (!rule.from.includes(from)) {
    const allowed = rule.from.map((s) => SUBMISSION_STATUS_LABEL[s]).join("或");
    throw new AppError(
      "xinxi:bad-transition",
      `这篇稿件现在是「${SUBMISSION_STATUS_LABEL[from]}」，不能${rule.doing}（只有「${allowed}」的稿件可以）`,
    );
  }
  return rule;
}

/** The editor's decisions the submission page offers in this status (采用 is part of the adoption panel). */
export const EDITOR_DECISIONS = ["start", "reject", "return"] as const satisfies readonly SubmissionDecision[];
export type EditorDecision = (typeof EDITOR_DECISIONS)[number];
export const offeredDecisions = (status: SubmissionStatus): EditorDecision[] => EDITOR_DECISIONS.filter((d) => mayDecide(status, d));
