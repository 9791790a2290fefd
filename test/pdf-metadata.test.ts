// The finishing pass on Chromium's PDF: document information a filing system reads, and an
// outline that jumps to each article when an issue carries several.
import { PDFDocument, PDFName } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { finishPdf, type PdfInfo } from "@/lib/pdf/metadata";

async function threePages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) doc.addPage([594.96, 841.92]);
  return doc.save();
}

const info: Omit<PdfInfo, "outline"> = {
  title: "晋团要讯〔2023〕第5期 全省共青团扎实开展学雷锋志愿服务月活动",
  author: "共青团山西省委",
  subject: "全省共青团扎实开展学雷锋志愿服务月活动",
  keywords: ["晋团要讯", "〔2023〕第5期"],
  created: new Date("2026-11-28T08:00:00Z"),
};

async function outlineOf(bytes: Uint8Array) {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const items = (await doc.getOutline()) ?? [];
  const out = [];
  for (const item of items) {
    const dest = Array.isArray(item.dest) ? item.dest : await doc.getDestination(String(item.dest));
    out.push({ title: item.title, page: (await doc.getPageIndex(dest![0] as { num: number; gen: number })) + 1 });
  }
  const hasOutline = (await doc.getOutline()) !== null;
  await doc.destroy();
  return { out, hasOutline };
}

describe("finishPdf", () => {
  it("sets title, author (the issuing body), subject, keywords, dates and language", async () => {
    const doc = await PDFDocument.load(await finishPdf(await threePages(), { ...info, outline: [] }));
    expect(doc.getTitle()).toBe(info.title);
    expect(doc.getAuthor()).toBe("共青团山西省委");
    expect(doc.getSubject()).toBe(info.subject);
    expect(doc.getKeywords()).toBe("晋团要讯 〔2023〕第5期");
    expect(doc.getCreationDate()?.toISOString()).toBe("2026-11-28T08:00:00.000Z");
    expect(doc.catalog.get(PDFName.of("Lang"))?.toString()).toContain("zh-CN");
    expect(doc.getPageCount()).toBe(3);
  });

  it("writes an outline of the articles, each pointing at its page", async () => {
    const outline = [
      { title: "全省共青团扎实开展学雷锋志愿服务月活动", page: 1, top: 500 },
      { title: "团运城市委聚焦青年就业创业 打造“青创运城”服务品牌", page: 2, top: 40 },
      { title: "团临汾市委扎实推进基层团组织规范化建设", page: 3, top: 300 },
    ];
    const { out } = await outlineOf(await finishPdf(await threePages(), { ...info, outline }));
    expect(out).toEqual(outline.map(({ title, page }) => ({ title, page })));
  });

  it("writes no outline for a single article", async () => {
    const { hasOutline } = await outlineOf(await finishPdf(await threePages(), { ...info, outline: [{ title: "唯一", page: 1, top: 0 }] }));
    expect(hasOutline).toBe(false);
  });
});
