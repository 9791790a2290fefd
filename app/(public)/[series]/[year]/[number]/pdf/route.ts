// GET /<series>/<year>/<number>/pdf: the issue as a print-ready PDF (GB/T 9704 layout), named
// e.g. 晋团要讯〔2022〕第3期.pdf. Served from the disk cache when the issue is unchanged.
import { issuePath } from "@/lib/content/paths";
import { isAppError } from "@/lib/errors";
import { asciiFileName, contentDisposition, pdfFileName } from "@/lib/pdf/filename";
import { isRenderRequest } from "@/lib/pdf/render-access";
import { issuePdf } from "@/lib/pdf/service";
import { downloadableIssue, noStoreText } from "@/lib/route-params";
import { viewerMayReadInternal } from "@/lib/viewer";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ series: string; year: string; number: string }> };

export async function GET(request: Request, { params }: Params) {
  // Internal issues: for signed-in studio users and for whoever holds the render secret (npm run pdf).
  const found = await downloadableIssue(params, async () => isRenderRequest(request.headers) || (await viewerMayReadInternal()), "PDF");
  if ("refusal" in found) return found.refusal;
  const { key, issue } = found;
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
      return noStoreText(error.status, error.publicMessage, headers);
    }
    return noStoreText(500, "生成PDF时出错，请稍后再试。");
  }
}
