// The official printed layout of one issue (GB/T 9704 geometry). Rendered as one flowing
// document; the Paginator then cuts it into A4 sheets. Without script it still prints through
// the @page rules, so the official document never depends on JavaScript.
import type { IssueDetail } from "@/db/queries/archive";
import { BulletinBody } from "./bulletin-body";
import { DistributionBlock } from "./distribution-block";
import { Masthead } from "./masthead";
import { Paginator } from "./paginator";

export function OfficialLayout({ issue }: { issue: IssueDetail }) {
  const multiArticle = issue.articles.length > 1;
  return (
    <div className="jb-official" data-testid="official-layout">
      <div className="jb-flow" data-flow>
        <Masthead issue={issue} />
        {issue.preface ? (
          <div className="jb-note jb-preface" role="note">
            <span className="jb-note-label">编者按：</span>
            {issue.preface}
          </div>
        ) : null}
        {multiArticle ? (
          <nav className="jb-toc" aria-label="本期要目" data-testid="toc">
            <h2 className="jb-toc-heading">本期要目</h2>
            <ol>
              {issue.articles.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ol>
          </nav>
        ) : null}
        {issue.articles.length === 0 ? (
          <h1 className="jb-title" data-testid="issue-title">
            {issue.titleLines.map((l) => (
              <span key={l} className="jb-title-line">
                {l}
              </span>
            ))}
          </h1>
        ) : null}
        {issue.subtitle ? <p className="jb-subtitle">{issue.subtitle}</p> : null}
        <div className="jb-body" data-testid="issue-body">
          <BulletinBody tree={issue.bodyTree} />
        </div>
        <DistributionBlock distribution={issue.distribution} editor={issue.editor} copies={issue.copies} />
      </div>
      <div className="jb-sheets" data-sheets aria-hidden="false" />
      <Paginator />
    </div>
  );
}
