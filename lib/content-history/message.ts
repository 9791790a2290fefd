// What a content-history commit says: the issue and the operation in its subject, the file, and
// who answered for it as a trailer (签发人 for what was signed off, 操作人 for a withdrawal or a
// republication, which are one person's act).

import { parseIssuePath } from "@/lib/content/paths";
import { issueLine } from "@/lib/format";

export const HISTORY_OPS = { publish: "发布", correct: "更正", withdraw: "撤回", republish: "重新发布" } as const;
export type HistoryOp = keyof typeof HISTORY_OPS;

export type Person = { name: string; email: string };

/** 晋团要讯〔2022〕第3期 (the series id when its name is not known). */
export function issueTitle(rel: string, seriesName: string | undefined): string {
  const key = parseIssuePath(rel);
  if (!key) return rel;
  return `${seriesName ?? key.series}${issueLine({ year: key.year, number: key.number, supplement: key.supplement })}`;
}

/** One line, no control characters, bounded: names and reasons come from forms. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
  return [...flat].length > max ? `${[...flat].slice(0, max).join("")}…` : flat;
}

/** Git refuses or mangles names and addresses with these in them. */
export function safePerson(p: Person): Person | null {
  const clean = (s: string) => oneLine(s, 100).replace(/[<>]/g, "");
  const name = clean(p.name);
  const email = clean(p.email).replace(/\s/g, "");
  return name && email ? { name, email } : null;
}

export function commitMessage(input: { op: HistoryOp; rel: string; seriesName?: string; person?: Person | null; reason?: string }): string {
  const subject = `${issueTitle(input.rel, input.seriesName)} ${HISTORY_OPS[input.op]}`;
  const body = [`文件: ${input.rel}`];
  if (input.reason) body.push(`${HISTORY_OPS[input.op]}原因: ${oneLine(input.reason, 500)}`);
  const trailerKey = input.op === "publish" || input.op === "correct" ? "签发人" : "操作人";
  const trailer = `${trailerKey}: ${input.person ? oneLine(input.person.name, 100) : "（未知）"}`;
  return `${subject}\n\n${body.join("\n")}\n\n${trailer}\n`;
}
