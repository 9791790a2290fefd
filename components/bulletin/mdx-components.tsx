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

export function Figure({ src, alt, caption }: { src: string; alt?: string; caption?: string }) {
  return (
    <figure className="jb-figure">
      {/* eslint-disable-next-line @next/next/no-img-element -- authors' images are not known at build time */}
      <img src={src} alt={alt ?? caption ?? ""} loading="lazy" referrerPolicy="no-referrer" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

// An article title (# heading): like the issue title, a space separates the lines it is printed
// in (团运城市委聚焦青年就业创业 打造“青创运城”服务品牌 → two lines), never a break mid-phrase.
function ArticleTitle({ children, ...props }: Children & Record<string, unknown>) {
  const parts = typeof children === "string" ? children.split(/\s+/).filter(Boolean) : [];
  if (parts.length < 2) return <h1 {...props}>{children}</h1>;
  return (
    <h1 {...props}>
      {parts.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a title's lines never reorder; two may be equal
        <span key={i} className="jb-title-line">
          {line}
          {i < parts.length - 1 ? " " : null}
        </span>
      ))}
    </h1>
  );
}

function PageBreak() {
  return <div className="jb-pagebreak" aria-hidden="true" />;
}

export const bulletinComponents = { h1: ArticleTitle, RunIn, EditorNote, Signature, Byline, Figure, PageBreak };
