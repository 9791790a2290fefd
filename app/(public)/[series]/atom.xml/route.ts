// GET /<series>/atom.xml: the newest public issues of one series (ATOM).
import { feedResponse } from "@/lib/feeds/issue-feed";
import { parseSeriesId } from "@/lib/route-params";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ series: string }> }) {
  const id = parseSeriesId((await params).series);
  if (!id) return new Response("没有这份刊物。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return feedResponse(request, "atom", id);
}
