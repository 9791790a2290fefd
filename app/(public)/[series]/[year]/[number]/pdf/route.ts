// GET /<series>/<year>/<number>/pdf: the issue as a print-ready PDF (GB/T 9704 layout), named
// e.g. 晋团要讯〔2022〕第3期.pdf. Served from the disk cache when the issue is unchanged.
import { getPublishedIssue, problemsOfFile } from "@/db/queries/archive";
import { issuePath } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { asciiFileName, contentDisposition, pdfFileName } from "@/lib/pdf/filename";
import { isRenderRequest } from "@/lib/pdf/render-access";
import { issuePdf } from "@/lib/pdf/service";
import { plainResponse } from "@/lib/plain-response";
import { parseIssueParams } from "@/lib/route-params";
import { viewerMayReadInternal } from "@/lib/viewer";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ series: string; year: string; number: string }> };

export async function GET(request: Request, { params }: Params) {
  const key = parseIssueParams(await params);
  if (!key) return text(404, "没有找到这一期简报。");
  // Internal issues: for signed-in studio users and for whoever holds the render secret (npm run pdf).
  const issue = getPublishedIssue(db(), key, { includeInternal: isRenderRequest(request.headers) || (await viewerMayReadInternal()) });
  if (!issue) {
    const problems = problemsOfFile(db(), issuePath(key));
    if (problems.length === 0) return text(404, "没有找到这一期简报。");
    const lines = problems.map((p) => `${p.path}:${p.line}: ${p.field}: ${p.message}`);
    return text(422, `这一期简报的内容有错误，无法生成PDF：\n${lines.join("\n")}`);
  }
  try {
    const pdf = await issuePdf(issue);
    if (request.headers.get("if-none-match") === pdf.etag) return new Response(null, { status: 304, headers: { ETag: pdf.etag } });
    const download = new URL(request.url).searchParams.get("inline") === "1" ? "inline" : "attachment";
    return new Response(new Blob([pdf.bytes as Uint8Array<ArrayBuffer>]), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(pdf.bytes.byteLength),
        "Content-Disposition": contentDisposition(download, pdfFileName({ ...key, seriesName: issue.series.name }), asciiFileName(key)),
        ETag: pdf.etag,
        "Cache-Control": issue.visibility === "public" ? "public, max-age=300" : "private, no-store",
        "X-PDF-Cache": pdf.cached ? "hit" : "miss",
        ...(pdf.timings
          ? {
              "Server-Timing": Object.entries(pdf.timings)
                .map(([k, v]) => `${k};dur=${v.toFixed(1)}`)
                .join(", "),
            }
          : {}),
      },
    });
  } catch (error) {
    console.error("pdf:failed", issuePath(key), error);
    if (isAppError(error)) {
      const headers: Record<string, string> = error.code === "pdf:busy" || error.code === "pdf:timeout" ? { "Retry-After": "10" } : {};
      return text(error.status, error.publicMessage, headers);
    }
    return text(500, "生成PDF时出错，请稍后再试。");
  }
}

function text(status: number, body: string, headers: Record<string, string> = {}) {
  return plainResponse(body, status, { "Cache-Control": "no-store", ...headers });
}
