// Liveness and readiness for probes and the e2e web server: the database answers and the index
// holds the archive.
import { countContentProblems, countPublicIssues } from "@/db/queries/archive";
import { contentHistoryStatus } from "@/lib/content-history";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const [issues, brokenFiles] = await Promise.all([countPublicIssues(), countContentProblems()]);
    return Response.json({ status: "ok", issues, brokenFiles, contentHistory: contentHistoryStatus() });
  } catch (error) {
    console.error("health:failed", error);
    return Response.json({ status: "error" }, { status: 503 });
  }
}
