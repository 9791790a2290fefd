// The parts between the masthead and the body, shared by the reading view and the official
// layout: 编者按, 本期要目 (when an issue carries several articles), and the title.
import type { IssueDetail } from "@/db/queries/archive";

export function Preface({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="jb-note jb-preface" role="note" aria-label="编者按">
      <span className="jb-note-label">编者按：</span>
      {text}
    </div>
  );
}

export function ArticleList({ articles }: { articles: string[] }) {
  if (articles.length < 2) return null;
  return (
    <nav className="jb-toc" aria-label="本期要目" data-testid="toc">
      <h2 className="jb-toc-heading">本期要目</h2>
      <ol>
        {articles.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ol>
    </nav>
  );
}

/** The issue's title; when the body's own # headings carry the titles it is kept for screen readers only. */
export function IssueTitle({ issue, id }: { issue: Pick<IssueDetail, "titleLines" | "articles">; id?: string }) {
  return (
    <h1 id={id} className={issue.articles.length === 0 ? "jb-title" : "sr-only"} data-testid="issue-title">
      {issue.titleLines.map((l) => (
        <span key={l} className="jb-title-line">
          {l}
        </span>
      ))}
    </h1>
  );
}
