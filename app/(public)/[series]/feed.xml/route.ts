// GET /<series>/feed.xml: the newest public issues of one series (RSS).
import { feedResponse } from "@/lib/feeds/issue-feed";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ series: string }> }) {
  return feedResponse(request, "rss", (await params).series);
}
