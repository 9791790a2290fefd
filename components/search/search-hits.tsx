// One page of search hits: which issue, its title and a snippet, matches marked.
import Link from "next/link";
import type { SearchHit } from "@/db/queries/search";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { dateZh, issueLine } from "@/lib/format";
import { highlight, type Segment, snippet } from "@/lib/search/highlight";
import { VISIBILITY_LABEL } from "@/lib/vocabulary";

function Marked({ segments }: { segments: Segment[] }) {
  return segments.map((s, i) =>
    s.hit ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: a snippet's segments are fixed and may repeat
      <mark key={i} className="bg-amber-100 text-inherit font-semibold">
        {s.text}
      </mark>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above
      <span key={i}>{s.text}</span>
    ),
  );
}

export function SearchHits({ hits, terms }: { hits: SearchHit[]; terms: string[][] }) {
  return (
    <ol className="divide-y divide-stone-200" data-testid="search-hits">
      {hits.map((h) => {
        const text = h.preface ? `${h.preface}\n${h.bodyText}` : h.bodyText;
        const s = snippet(text, terms);
        return (
          <li key={h.id} className="py-4">
            <p className="text-sm text-stone-500">
              {h.seriesName}
              {issueLine(h)} · {dateZh(h.date)} · {h.organization}
              {h.visibility === "internal" ? (
                <span className="ml-2 rounded bg-stone-200 px-1.5 text-xs text-stone-700">{VISIBILITY_LABEL.internal}</span>
              ) : null}
            </p>
            <h2 className="mt-0.5 font-serif text-lg">
              <Link href={issueUrl(keyOfRow(h))} className="hover:text-brand hover:underline">
                <Marked segments={highlight(h.title, terms)} />
              </Link>
            </h2>
            <p className="mt-1 text-sm leading-relaxed text-stone-700" data-testid="search-snippet">
              {s.before ? "…" : ""}
              <Marked segments={s.segments} />
              {s.after ? "…" : ""}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
