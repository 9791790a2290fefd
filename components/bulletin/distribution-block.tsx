// 版记: 报／送／发 between rules, items joined by "，", wrapped lines aligned after the colon;
// then 责任编辑 (a two-character name spaced to three) and the print run.
import Link from "next/link";
import { Fragment } from "react";
import { orgUrl } from "@/lib/content/paths";
import type { Distribution } from "@/lib/content/schema";
import { spacedName } from "@/lib/format";
import { DISTRIBUTION_KINDS, DISTRIBUTION_LABEL } from "@/lib/vocabulary";

/** `linkBodies`: on screen each body leads to its page (/org/…); on paper it is plain text. */
export function DistributionBlock({
  distribution,
  editor,
  copies,
  linkBodies = false,
}: {
  distribution: Distribution;
  editor: string;
  copies: number | null;
  linkBodies?: boolean;
}) {
  return (
    <footer className="jb-colophon" data-testid="distribution">
      {DISTRIBUTION_KINDS.filter((kind) => distribution[kind].length > 0).map((kind) => (
        <div className="jb-colophon-row" key={kind} data-testid={`distribution-${kind}`}>
          <span className="jb-colophon-label">{DISTRIBUTION_LABEL[kind]}：</span>
          <span className="jb-colophon-items">
            {linkBodies
              ? distribution[kind].map((body, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from the file, where one body may be named twice
                  <Fragment key={i}>
                    {i > 0 ? "，" : null}
                    <Link href={orgUrl(body)} className="hover:text-brand hover:underline">
                      {body}
                    </Link>
                  </Fragment>
                ))
              : distribution[kind].join("，")}
          </span>
        </div>
      ))}
      <div className="jb-colophon-row jb-colophon-last">
        <span data-testid="editor">责任编辑：{spacedName(editor)}</span>
        {copies ? <span data-testid="copies">（共印{copies}份）</span> : null}
      </div>
    </footer>
  );
}
