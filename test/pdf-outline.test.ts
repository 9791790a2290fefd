// Details of the finished PDF beyond test/pdf-metadata.test.ts: bookmarks land where each article
// starts on its page, the viewer opens with the bookmarks panel, and an article page outside
// the document is clamped to it rather than breaking the file.
import { PDFDocument, PDFName } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { finishPdf, type PdfInfo } from "@/lib/pdf/metadata";

const A4: [number, number] = [595.28, 841.89];

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage(A4);
  return doc.save();
}

const info = (outline: PdfInfo["outline"]): PdfInfo => ({
  title: "晋团要讯〔2022〕第3期",
  author: "共青团山西省委",
  subject: "团长治市委认真履行全团带队职责",
  keywords: ["晋团要讯", "〔2022〕第3期"],
  created: new Date("2022-03-25T02:00:00Z"),
  outline,
});

async function bookmarks(bytes: Uint8Array) {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const out: { title: string; page: number; kind: string; top: number }[] = [];
    for (const item of (await doc.getOutline()) ?? []) {
      const dest = (Array.isArray(item.dest) ? item.dest : await doc.getDestination(String(item.dest)))!;
      const page = (await doc.getPageIndex(dest[0] as { num: number; gen: number })) + 1;
      out.push({ title: item.title, page, kind: (dest[1] as { name: string }).name, top: dest[3] as number });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

describe("finishPdf outline and viewer settings", () => {
  it("points each bookmark at the article's top on its page (CSS px from the top → PDF points from the bottom)", async () => {
    const marks = await bookmarks(
      await finishPdf(
        await pdfOf(2),
        info([
          { title: "团长治市委认真履行全团带队职责", page: 1, top: 96 },
          { title: "团运城市委聚焦青年就业创业", page: 2, top: 400 },
        ]),
      ),
    );
    expect(marks).toEqual([
      { title: "团长治市委认真履行全团带队职责", page: 1, kind: "XYZ", top: Math.round(A4[1] - 72) },
      { title: "团运城市委聚焦青年就业创业", page: 2, kind: "XYZ", top: Math.round(A4[1] - 300) },
    ]);
  });

  it("clamps an article page beyond the document to the last page (and below 1 to the first)", async () => {
    const marks = await bookmarks(
      await finishPdf(
        await pdfOf(2),
        info([
          { title: "甲", page: 0, top: 0 },
          { title: "乙", page: 9, top: 0 },
        ]),
      ),
    );
    expect(marks.map((m) => m.page)).toEqual([1, 2]);
  });

  it("opens with the bookmarks panel when there is an outline, and not otherwise", async () => {
    const withOutline = await PDFDocument.load(
      await finishPdf(
        await pdfOf(2),
        info([
          { title: "甲", page: 1, top: 0 },
          { title: "乙", page: 2, top: 0 },
        ]),
      ),
    );
    expect(withOutline.catalog.get(PDFName.of("PageMode"))).toBe(PDFName.of("UseOutlines"));
    const single = await PDFDocument.load(await finishPdf(await pdfOf(2), info([{ title: "甲", page: 1, top: 0 }])));
    expect(single.catalog.get(PDFName.of("PageMode"))).toBeUndefined();
    expect(single.catalog.get(PDFName.of("Outlines"))).toBeUndefined();
  });

  it("records the creator, producer, the modification date and keeps every page", async () => {
    // updateMetadata: false, or pdf-lib itself would stamp a new producer and modification date on load.
    const doc = await PDFDocument.load(await finishPdf(await pdfOf(3), info([])), { updateMetadata: false });
    expect(doc.getCreator()).toBe("简报 Jianbao");
    expect(doc.getProducer()).toBe("Jianbao (Chromium, pdf-lib)");
    expect(doc.getModificationDate()?.toISOString()).toBe("2022-03-25T02:00:00.000Z");
    expect(doc.getPageCount()).toBe(3);
  });
});
