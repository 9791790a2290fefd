// Reads a Word (.docx) bulletin through mammoth, which understands Word's own structure (runs,
// styles, numbering, tables, embedded pictures), and flattens its HTML into source blocks:
// paragraphs with their bold, headings, lists, tables and pictures, in reading order.
import type { Element, ElementContent, Nodes } from "hast";
import { fromHtml } from "hast-util-from-html";
import mammoth from "mammoth";
import { BOLD_CLOSE, BOLD_OPEN, FOOTNOTE_CLOSE, FOOTNOTE_OPEN, normalizeText, tidyBold, withoutMarks } from "./normalize";
import type { SourceBlock } from "./source";
import { readStated, type StatedFrontmatter } from "./stated";
import { checkZip } from "./zip-check";

export type DocxMedia = { name: string; bytes: Uint8Array; contentType: string };

export type DocxRead =
  | { ok: true; blocks: SourceBlock[]; media: DocxMedia[]; skippedImages: string[]; stated?: StatedFrontmatter }
  | { ok: false; code: "import:not-docx" | "import:old-doc" | "import:too-large"; message: string };

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

/** Sniffs the bytes first: Word 97-2003 files and things renamed to .docx get their own message. */
export async function readDocx(bytes: Uint8Array): Promise<DocxRead> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return {
      ok: false,
      code: "import:old-doc",
      message: "这是旧版 Word 97-2003 文档（.doc）或 WPS 文档，请在 Word 或 WPS 中“另存为”.docx 后再导入",
    };
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    return { ok: false, code: "import:not-docx", message: "这不是 Word 文档（.docx 文件应是一个 zip 压缩包）" };
  }
  // Every part's size is checked, declared and inflated, before mammoth inflates anything whole.
  const zip = checkZip(bytes);
  if (!zip.ok) return { ok: false, code: zip.kind === "size" ? "import:too-large" : "import:not-docx", message: zip.message };
  const media: DocxMedia[] = [];
  const skippedImages: string[] = [];
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // A .docx can link to files elsewhere on this machine; never follow such links.
        externalFileAccess: false,
        styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='标题'] => h1:fresh"],
        convertImage: mammoth.images.imgElement(async (image) => {
          const ext = EXTENSIONS[image.contentType];
          if (!ext) {
            skippedImages.push(image.contentType);
            return { src: "" };
          }
          const name = `image-${media.length + 1}.${ext}`;
          media.push({ name, bytes: new Uint8Array(await image.readAsBuffer()), contentType: image.contentType });
          return { src: name };
        }),
      },
    );
    html = result.value;
  } catch (error) {
    const reason = (error as Error).message ?? String(error);
    return {
      ok: false,
      code: "import:not-docx",
      message: /word\/document\.xml|Could not find|main document/i.test(reason)
        ? "这个压缩包里没有 Word 文档内容（可能是改了扩展名的其他 zip 文件）"
        : `无法读取这个 Word 文档（文件可能已损坏）：${reason}`,
    };
  }
  const stated = await readStated(bytes);
  return { ok: true, blocks: htmlToBlocks(html), media, skippedImages, ...(stated ? { stated } : {}) };
}

const FOOTNOTE_REF = /^#footnote-(\d{1,6})$/;
const FOOTNOTE_ID = /^footnote-(\d{1,6})$/;

function inline(nodes: ElementContent[], images: { file: string; alt?: string }[]): string {
  let out = "";
  for (const n of nodes) {
    if (n.type === "text") out += withoutMarks(n.value);
    else if (n.type === "element") {
      if (n.tagName === "br") out += "\n";
      else if (n.tagName === "a" && FOOTNOTE_REF.test(String(n.properties.href ?? ""))) {
        // A Word footnote's reference: mammoth links it to the note (…就业创业<sup><a href="#footnote-1">[1]</a></sup>).
        out += FOOTNOTE_OPEN + FOOTNOTE_REF.exec(String(n.properties.href))![1] + FOOTNOTE_CLOSE;
      } else if (n.tagName === "a" && /^#footnote-ref-/.test(String(n.properties.href ?? ""))) {
        // The note's link back to its reference (↑).
      } else if (
        n.tagName === "sup" &&
        n.children.length === 1 &&
        n.children[0]!.type === "text" &&
        /^\d{1,3}$/.test(n.children[0]!.value.trim())
      ) {
        // A raised number: a note's mark when the text has notes under 注释 (recognise.ts decides),
        // a plain digit otherwise (m² is written m2).
        out += FOOTNOTE_OPEN + n.children[0]!.value.trim() + FOOTNOTE_CLOSE;
      } else if (n.tagName === "img") {
        const src = String(n.properties.src ?? "");
        if (src) images.push({ file: src, alt: n.properties.alt ? String(n.properties.alt) : undefined });
      } else if (n.tagName === "strong" || n.tagName === "b") out += BOLD_OPEN + inline(n.children, images) + BOLD_CLOSE;
      else out += inline(n.children, images);
    }
  }
  return out;
}

/** Word's line breaks inside a paragraph carry no meaning in the body; titles keep them as lines. */
const flat = (s: string) => tidyBold(s.split("\n").map(normalizeText).join(""));

export function htmlToBlocks(html: string): SourceBlock[] {
  const root = fromHtml(html, { fragment: true });
  const blocks: SourceBlock[] = [];
  let paragraph = 0;
  const visit = (n: Nodes) => {
    if (n.type !== "element" && n.type !== "root") return;
    const el = n as Element;
    const tag = n.type === "element" ? el.tagName : "";
    if (tag === "p" || /^h[1-6]$/.test(tag)) {
      paragraph++;
      const images: { file: string; alt?: string }[] = [];
      const raw = inline(el.children, images);
      if (raw.trim()) {
        blocks.push({ kind: "text", text: flat(raw), raw, line: paragraph, ...(tag.startsWith("h") ? { heading: Number(tag[1]) } : {}) });
      }
      for (const img of images) blocks.push({ kind: "image", ...img, line: paragraph });
      return;
    }
    // mammoth puts the footnotes after the text, as a list of <li id="footnote-N">.
    if (tag === "ol" && el.children.some((li) => li.type === "element" && FOOTNOTE_ID.test(String(li.properties.id ?? "")))) {
      for (const li of el.children) {
        if (li.type !== "element" || li.tagName !== "li") continue;
        const id = FOOTNOTE_ID.exec(String(li.properties.id ?? ""))?.[1];
        const own = li.children.flatMap((c) =>
          c.type === "element" && c.tagName === "p" ? [...c.children, { type: "text" as const, value: "\n" }] : [c],
        );
        const text = flat(inline(own, [])).trim();
        if (id && text) blocks.push({ kind: "footnote", id, text, line: ++paragraph });
      }
      return;
    }
    if (tag === "ul" || tag === "ol") {
      paragraph++;
      const items: string[] = [];
      const images: { file: string; alt?: string }[] = [];
      const walkItems = (list: Element) => {
        for (const li of list.children) {
          if (li.type !== "element" || li.tagName !== "li") continue;
          const own = li.children.filter((c) => !(c.type === "element" && (c.tagName === "ul" || c.tagName === "ol")));
          items.push(flat(inline(own, images)));
          for (const c of li.children) if (c.type === "element" && (c.tagName === "ul" || c.tagName === "ol")) walkItems(c);
        }
      };
      walkItems(el);
      blocks.push({ kind: "list", ordered: tag === "ol", items, line: paragraph });
      for (const img of images) blocks.push({ kind: "image", ...img, line: paragraph });
      return;
    }
    if (tag === "table") {
      // A table of one cell is a box around paragraphs, not a table of data (Word templates put
      // the 版记 in one, and so does lib/docx, to hold it at the foot of the page): its paragraphs.
      const cell = soleCell(el);
      if (cell) {
        for (const c of cell.children) visit(c as Nodes);
        return;
      }
      paragraph++;
      const rows: string[][] = [];
      const images: { file: string; alt?: string }[] = [];
      const walkRows = (e: Element) => {
        for (const c of e.children) {
          if (c.type !== "element") continue;
          if (c.tagName === "tr") {
            rows.push(
              c.children
                .filter((td): td is Element => td.type === "element" && (td.tagName === "td" || td.tagName === "th"))
                .map((td) => {
                  const paras = td.children.filter((x): x is Element => x.type === "element" && x.tagName === "p");
                  const parts = paras.length > 0 ? paras.map((p) => inline(p.children, images)) : [inline(td.children, images)];
                  return parts.map(flat).filter(Boolean).join(" ");
                }),
            );
          } else walkRows(c);
        }
      };
      walkRows(el);
      if (rows.length > 0) blocks.push({ kind: "table", rows, line: paragraph });
      for (const img of images) blocks.push({ kind: "image", ...img, line: paragraph });
      return;
    }
    for (const c of (n as Element).children) visit(c as Nodes);
  };
  visit(root);
  return blocks;
}

function soleCell(table: Element): Element | null {
  const cells: Element[] = [];
  const walk = (e: Element) => {
    for (const c of e.children)
      if (c.type === "element") c.tagName === "td" || c.tagName === "th" ? cells.push(c) : c.tagName !== "table" && walk(c);
  };
  walk(table);
  return cells.length === 1 ? cells[0]! : null;
}
