// The archive's feeds: the newest public issues of all series or of one, as RSS 2.0 or Atom.
// Internal and draft issues never appear (the query is the public archive's own).
import "server-only";
import { getSeries, latestPublicIssues } from "@/db/queries/archive";
import { issueUrl, keyOfRow } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { issueLine } from "@/lib/format";
import { plainResponse } from "@/lib/plain-response";
import { parseSeriesId } from "@/lib/route-params";
import { siteOrigin } from "./origin";
import { atom, type FeedChannel, rss } from "./xml";

export const FEED_SIZE = 50;

type Format = "rss" | "atom";

const TYPES: Record<Format, string> = { rss: "application/rss+xml; charset=utf-8", atom: "application/atom+xml; charset=utf-8" };

/** `seriesParam`: the series URL segment as given (a feed of one series), or none (all series). */
export async function feedResponse(request: Request, format: Format, seriesParam?: string): Promise<Response> {
  const origin = siteOrigin(request);
  const seriesId = seriesParam === undefined ? undefined : parseSeriesId(seriesParam);
  const series = seriesId ? getSeries(db(), seriesId) : undefined;
  if (seriesParam !== undefined && !series) return plainResponse("没有这份刊物。", 404);
  const rows = latestPublicIssues(db(), { seriesId: series?.id, limit: FEED_SIZE });
  const file = format === "rss" ? "feed.xml" : "atom.xml";
  const channel: FeedChannel = {
    title: series ? series.name : "简报 · 公开简报档案",
    description: series
      ? ((series.definition as { description?: string }).description ?? `${series.organization}编印的${series.name}`)
      : "各刊物最新公开的简报、要讯、信息",
    home: `${origin}${series ? `/${series.id}` : "/"}`,
    self: `${origin}${series ? `/${series.id}` : ""}/${file}`,
    items: rows.map((r) => ({
      title: `${r.seriesName}${issueLine({ ...r, showTotal: r.showTotal })} ${r.title}`,
      url: `${origin}${issueUrl(keyOfRow(r))}`,
      date: r.date,
      summary: r.summary.replace(/\s+/g, " ").trim() + (r.summary.length >= 200 ? "……" : ""),
      category: r.seriesName,
      author: r.organization,
    })),
  };
  return new Response(format === "rss" ? rss(channel) : atom(channel), {
    headers: { "Content-Type": TYPES[format], "Cache-Control": "public, max-age=300" },
  });
}
