// Finishes a PDF from Chromium: document information (title, author = the issuing body, subject,
// keywords, dates, language) and, when the issue has several articles, an outline (bookmarks)
// that jumps to each article's page.
import { type PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef } from "pdf-lib";

export type PdfInfo = {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  created: Date;
  /** Article titles with the page (1-based) and the distance from the page top (CSS px) where each starts. */
  outline: { title: string; page: number; top: number }[];
};

const PX_TO_PT = 72 / 96;

export async function finishPdf(bytes: Uint8Array, info: PdfInfo): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setCreator("简报 Jianbao");
  doc.setProducer("Jianbao (Chromium, pdf-lib)");
  doc.setCreationDate(info.created);
  doc.setModificationDate(info.created);
  doc.setLanguage("zh-CN");
  if (info.outline.length > 1) addOutline(doc, info.outline);
  return doc.save({ useObjectStreams: false, addDefaultPage: false });
}

function addOutline(doc: PDFDocument, entries: PdfInfo["outline"]): void {
  const { context } = doc;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const page = pages[Math.min(Math.max(entry.page, 1), pages.length) - 1]!;
    const y = page.getHeight() - entry.top * PX_TO_PT;
    const item: Record<string, unknown> = {
      Title: PDFHexString.fromText(entry.title),
      Parent: rootRef,
      Dest: context.obj([page.ref, PDFName.of("XYZ"), null, PDFNumber.of(Math.round(y)), null]),
    };
    if (i > 0) item.Prev = refs[i - 1];
    if (i < refs.length - 1) item.Next = refs[i + 1];
    context.assign(refs[i]!, context.obj(item as Parameters<typeof context.obj>[0]));
  });
  const root = context.obj({
    Type: "Outlines",
    First: refs[0] as PDFRef,
    Last: refs[refs.length - 1] as PDFRef,
    Count: refs.length,
  }) as PDFDict;
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}
