// The name a downloaded Word file gets: the PDF's name (晋团要讯〔2022〕第3期) with .docx.
import type { IssueKey } from "@/lib/content/paths";
import { asciiFileName, pdfFileName } from "@/lib/pdf/filename";

export const docxFileName = (issue: IssueKey & { seriesName: string }) => pdfFileName(issue).replace(/\.pdf$/, ".docx");
export const docxAsciiFileName = (issue: IssueKey) => asciiFileName(issue).replace(/\.pdf$/, ".docx");
