// GET /atom.xml: the newest public issues of every series (ATOM).
import { feedResponse } from "@/lib/feeds/issue-feed";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return feedResponse(request, "atom");
}
