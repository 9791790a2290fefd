// The name a downloaded PDF gets, e.g. 晋团要讯〔2022〕第3期.pdf, and the Content-Disposition
// header that carries it (RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name).
import { type IssueKey, numberSlug } from "@/lib/content/paths";
import { issueLine } from "@/lib/format";

type Named = IssueKey & { seriesName: string };

export function pdfFileName(issue: Named): string {
  return `${issue.seriesName}${issueLine({ year: issue.year, number: issue.number, supplement: issue.supplement })}.pdf`.replace(
    /[\\/:*?"<>|\u0000-\u001f]/g,
    "",
  );
}

export function asciiFileName(issue: IssueKey): string {
  return `${issue.series}-${issue.year}-${numberSlug(issue)}.pdf`;
}

export function contentDisposition(kind: "attachment" | "inline", name: string, fallback: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
