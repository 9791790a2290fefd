// 报头: marking top-left, the series name in large red type, the issue line, organisation and
// date, and the red rule. First page only.

import type { IssueDetail } from "@/db/queries/archive";
import { dateZh, issueLine } from "@/lib/format";

export function Masthead({ issue }: { issue: IssueDetail }) {
  const color = issue.series.color;
  return (
    <header className="jb-masthead" data-testid="masthead" style={{ ["--jb-red" as string]: color }}>
      <p className="jb-marking" data-testid="marking">
        {issue.marking ?? "\u00a0"}
      </p>
      <h1 className="jb-series-name" data-testid="series-name">
        {issue.series.name}
      </h1>
      <p className="jb-issue-line" data-testid="issue-line">
        {issueLine(issue)}
      </p>
      <div className="jb-org-date">
        <span data-testid="organization">{issue.organization}</span>
        <span data-testid="issue-date">{dateZh(issue.date)}</span>
      </div>
      <hr className="jb-red-rule" />
    </header>
  );
}
