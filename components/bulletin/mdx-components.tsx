// The one map from what an editor may write in MDX to what renders. Names here must match the
// compiler's allow-list (lib/content/allowed-elements.ts); anything else never reaches this far.
import type { ReactNode } from "react";

type Children = { children?: ReactNode };

function RunIn({ children, level = "1" }: Children & { level?: string }) {
  return (
    <span className="jb-runin" data-level={level}>
      {children}
    </span>
  );
}

function EditorNote({ children, label = "编者按" }: Children & { label?: string }) {
  return (
    <div className="jb-note" role="note">
      <span className="jb-note-label">{label}：</span>
      {children}
    </div>
  );
}

function Signature({ org, date, children }: Children & { org?: string; date?: string }) {
  return (
    <div className="jb-signature">
      {org ? <p>{org}</p> : null}
      {date ? <p>{date}</p> : null}
      {children}
    </div>
  );
}

function Byline({ children }: Children) {
  return <p className="jb-byline">{children}</p>;
}

function Figure({ src, alt, caption }: { src: string; alt?: string; caption?: string }) {
  return (
    <figure className="jb-figure">
      {/* eslint-disable-next-line @next/next/no-img-element -- authors' images are not known at build time */}
      <img src={src} alt={alt ?? caption ?? ""} loading="lazy" referrerPolicy="no-referrer" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

function PageBreak() {
  return <div className="jb-pagebreak" aria-hidden="true" />;
}

export const bulletinComponents = { RunIn, EditorNote, Signature, Byline, Figure, PageBreak };
