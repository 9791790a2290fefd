// One line saying what the importer recognised, for the command line and (later) the studio.

import { VISIBILITY_LABEL } from "@/lib/vocabulary";
import type { RecognisedIssue } from "./recognise";

export function describeIssue(issue: RecognisedIssue): string {
  const fm = issue.frontmatter;
  const line = `〔${fm.year}〕${fm.supplement ? "增刊" : ""}第${fm.number}期${fm.total ? `（总第${fm.total}期）` : ""}`;
  const title = Array.isArray(fm.title) ? fm.title.join(" ") : fm.title;
  const articles = issue.body.filter((n) => n.kind === "title").length;
  const parts = [`${issue.series.name}${line}`, fm.date, `「${title}」`];
  if (articles > 1) parts.push(`${articles} 篇文章`);
  if (fm.distribution) parts.push(`报${fm.distribution.report.length}/送${fm.distribution.send.length}/发${fm.distribution.issue.length}`);
  if (fm.preface) parts.push("有编者按");
  if (fm.visibility === "internal") parts.push(VISIBILITY_LABEL.internal);
  return parts.join("，");
}
