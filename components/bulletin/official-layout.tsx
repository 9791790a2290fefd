// The official printed layout of one issue (GB/T 9704 geometry). Rendered as one flowing
// document; the Paginator then cuts it into A4 sheets. Without script it still prints through
// the @page rules, so the official document never depends on JavaScript.
import type { IssueDetail } from "@/db/queries/archive";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { fontFaceCss, fullFontUrl } from "@/lib/fonts/faces";
import { BulletinBody } from "./bulletin-body";
import { DistributionBlock } from "./distribution-block";
import { ArticleList, IssueTitle, Preface } from "./issue-front";
import { Masthead } from "./masthead";
import { Paginator } from "./paginator";

/** `mediaBase` replaces the issue's URL as the root of its pictures (the studio's preview serves a draft's own). */
export function OfficialLayout({ issue, fontSubsetKey, mediaBase }: { issue: IssueDetail; fontSubsetKey?: string; mediaBase?: string }) {
  return (
    <div className="jb-official" data-testid="official-layout">
      <FontFaces subsetKey={fontSubsetKey} />
      <div className="jb-flow" data-flow>
        <Masthead issue={issue} />
        <Preface text={issue.preface} />
        <ArticleList articles={issue.articles} />
        {issue.articles.length === 0 ? <IssueTitle issue={issue} /> : null}
        {issue.subtitle ? <p className="jb-subtitle">{issue.subtitle}</p> : null}
        <div className="jb-body" data-testid="issue-body">
          <BulletinBody tree={issue.bodyTree} issueUrl={mediaBase ?? issueUrl(keyOfRow(issue))} />
        </div>
        <DistributionBlock distribution={issue.distribution} editor={issue.editor} copies={issue.copies} />
      </div>
      <div className="jb-sheets" data-sheets aria-hidden="false" />
      <Paginator />
    </div>
  );
}

/**
 * The @font-face rules of the layout: faces cut down to one issue's characters when the text is
 * known (`subsetKey`), the full files otherwise.
 */
function FontFaces({ subsetKey }: { subsetKey?: string }) {
  const css = fontFaceCss(subsetKey ? (file) => `/font-subsets/${subsetKey}/${file}.ttf` : fullFontUrl);
  // The CSS is generated from constants and a hex key, never from content.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: see above; React would escape the CSS text otherwise
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}
