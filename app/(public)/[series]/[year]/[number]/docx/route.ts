// GET /<series>/<year>/<number>/docx: the issue as a Word file in the official layout, named e.g.
// 晋团要讯〔2022〕第3期.docx. Internal issues only for signed-in studio users, as with PDFs.
import { issuePath } from "@/lib/content/paths";
import { docxAsciiFileName, docxFileName } from "@/lib/docx/filename";
import { fromDetail } from "@/lib/docx/issue";
import { docxEtag, publishedIssueDocx } from "@/lib/docx/service";
import { contentDisposition } from "@/lib/pdf/filename";
import { downloadableIssue, noStoreText } from "@/lib/route-params";
import { viewerMayReadInternal } from "@/lib/viewer";

export const dynamic = "force-dynamic";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

type Params = { params: Promise<{ series: string; year: string; number: string }> };

export async function GET(request: Request, { params }: Params) {
  const found = await downloadableIssue(params, viewerMayReadInternal, "Word文档");
  if ("refusal" in found) return found.refusal;
  const { key, issue } = found;
  // As with PDFs: public files may be kept by browsers and proxies for a while, internal ones never.
  const caching = issue.visibility === "public" ? "public, max-age=300" : "private, no-store";
  const etag = docxEtag(issue.contentHash);
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": caching } });
  try {
    const bytes = await publishedIssueDocx(fromDetail(issue));
    return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
      headers: {
        "Content-Type": DOCX,
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": contentDisposition(
          "attachment",
          docxFileName({ ...key, seriesName: issue.series.name }),
          docxAsciiFileName(key),
        ),
        ETag: etag,
        "Cache-Control": caching,
      },
    });
  } catch (error) {
    console.error("docx:failed", issuePath(key), error);
    return noStoreText(500, "生成Word文档时出错，请稍后再试。");
  }
}
