// GET /studio/stats/export?series=…&kind=…: the statistics on screen as an .xlsx (导出Excel), for
// editors of the series, with the same query string as the page. Never cached: the numbers move
// with every decision, and they are internal.
import { getSeries } from "@/db/queries/archive";
import { requireSeries, requireUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { contentDisposition } from "@/lib/pdf/filename";
import { plainResponse } from "@/lib/plain-response";
import { todayInChina } from "@/lib/studio/new-draft";
import { periodLabel } from "@/lib/xinxi/period";
import { unitStats } from "@/lib/xinxi/stats";
import { statsXlsx } from "@/lib/xinxi/stats-export";
import { readStatsQuery } from "@/lib/xinxi/stats-query";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request) {
  const raw = Object.fromEntries(new URL(request.url).searchParams);
  const q = readStatsQuery(raw, todayInChina());
  try {
    const user = await requireUser("editor");
    if (q.problem) return plainResponse(q.problem.message, 400, NO_STORE);
    const series = q.seriesId ? getSeries(db(), q.seriesId) : undefined;
    if (!series) return plainResponse("找不到这份刊物", 404, NO_STORE);
    requireSeries(user, series.id);
    const stats = unitStats(db(), { seriesId: series.id, period: q.period, rollUp: q.rollUp });
    const bytes = await statsXlsx(stats, series.name);
    const name = `${series.name}信息报送统计（${periodLabel(q.period)}${q.rollUp ? "，含下级单位" : ""}）.xlsx`.replace(
      /[\\/:*?"<>|\u0000-\u001f]/g,
      "",
    );
    const fallback = `xinxi-stats-${series.id}-${q.period.from}-${q.period.to}.xlsx`.replace(/[^A-Za-z0-9._-]/g, "");
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": contentDisposition("attachment", name, fallback),
        "X-Content-Type-Options": "nosniff",
        ...NO_STORE,
      },
    });
  } catch (error) {
    if (isAppError(error)) return plainResponse(error.publicMessage, error.status, NO_STORE);
    throw error;
  }
}
