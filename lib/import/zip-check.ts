// A Word file is a zip archive, and mammoth (through JSZip) inflates each part it reads whole,
// into memory, before anyone can say how big it is: a .docx whose document.xml or picture
// inflates to gigabytes takes the heap down with it. So the archive is walked here first, by its
// central directory (the index JSZip reads too), and every part is inflated once, in bounded
// chunks, with the inflater stopping as soon as the part passes what it declared or the limit:
// nothing larger than a limit is ever held. Only an archive every part of which passes goes on
// to mammoth. ZIP64, encryption and compression methods other than stored and deflate (none of
// which Word writes for a bulletin) are refused rather than half-understood.
import { inflateRawSync } from "node:zlib";
import { MAX_PICTURE_BYTES } from "@/lib/pictures/limits";

export type ZipLimits = {
  /** Inflated size of any one part (document.xml, styles.xml, …). */
  part: number;
  /** Inflated size of a picture (word/media/…): what a picture may be anywhere in the site. */
  media: number;
  /** All parts together, inflated. */
  total: number;
  /** Inflated / compressed, for parts over `ratioFrom` bytes: text compresses ~10:1, not 1000:1. */
  ratio: number;
  ratioFrom: number;
  entries: number;
};

export const DOCX_LIMITS: ZipLimits = {
  part: 32 * 1024 * 1024,
  media: MAX_PICTURE_BYTES,
  total: 96 * 1024 * 1024,
  ratio: 100,
  ratioFrom: 1024 * 1024,
  entries: 5000,
};

/** `size`: a part (or the whole) inflates past a limit or past what it declared; `format`: not a zip we read. */
export type ZipCheck = { ok: true } | { ok: false; kind: "size" | "format"; part?: string; message: string };

const mb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${Math.round((n / 1024 / 1024) * 10) / 10} MB`);

export function checkZip(bytes: Uint8Array, limits: ZipLimits = DOCX_LIMITS): ZipCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const broken = (why: string): ZipCheck => ({ ok: false, kind: "format", message: `无法读取这个 Word 文档（压缩包结构损坏：${why}）` });

  // The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return broken("找不到目录");
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    return { ok: false, kind: "size", message: "这个 Word 文档使用了 ZIP64 格式，简报文档不需要这么大，已拒绝导入" };
  if (count > limits.entries)
    return { ok: false, kind: "size", message: `这个 Word 文档包含 ${count} 个部件，超过上限 ${limits.entries} 个，已拒绝导入` };
  if (cdOffset + cdSize > eocd) return broken("目录位置不对");

  type Entry = { name: string; method: number; compressed: number; size: number; offset: number };
  const entries: Entry[] = [];
  let total = 0;
  for (let at = cdOffset, k = 0; k < count; k++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== 0x02014b50) return broken("目录项不完整");
    const flags = buf.readUInt16LE(at + 8);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString("utf8", at + 46, Math.min(at + 46 + nameLength, eocd));
    const entry = {
      name,
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      offset: buf.readUInt32LE(at + 42),
    };
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (flags & 1) return { ok: false, kind: "format", part: name, message: `Word 文档中的「${name}」已加密，无法导入` };
    if (entry.method !== 0 && entry.method !== 8)
      return { ok: false, kind: "format", part: name, message: `Word 文档中的「${name}」使用了不支持的压缩方式，无法导入` };
    // What each part declares is checked before anything is inflated.
    const over = overLimit(entry.name, entry.size, entry.compressed, limits);
    if (over) return { ok: false, kind: "size", part: name, message: over };
    total += entry.size;
    if (total > limits.total)
      return {
        ok: false,
        kind: "size",
        part: name,
        message: `Word 文档解压后共超过 ${mb(limits.total)}（到「${name}」为止），超过上限，已拒绝导入`,
      };
    entries.push(entry);
  }

  // Then what each part really inflates to: never more than it declared (which passed the limits),
  // because the inflater is told to stop one byte past it.
  for (const e of entries) {
    const at = e.offset;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return broken(`「${e.name}」的位置不对`);
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    if (start + e.compressed > buf.length) return broken(`「${e.name}」不完整`);
    const data = buf.subarray(start, start + e.compressed);
    let size: number;
    if (e.method === 0) size = data.length;
    else {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size + 1) }).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") size = e.size + 1;
        else return broken(`「${e.name}」无法解压`);
      }
    }
    if (size !== e.size) {
      return {
        ok: false,
        kind: "size",
        part: e.name,
        message: `Word 文档中的「${e.name}」解压后的大小与它声明的 ${mb(e.size)} 不符（${size > e.size ? "实际更大" : "实际更小"}），文件已损坏或被篡改，已拒绝导入`,
      };
    }
  }
  return { ok: true };
}

function overLimit(name: string, size: number, compressed: number, limits: ZipLimits): string | null {
  const media = name.startsWith("word/media/");
  const limit = media ? limits.media : limits.part;
  if (size > limit)
    return `Word 文档中的「${name}」解压后有 ${mb(size)}，超过${media ? "一张图片" : "单个部件"}的上限 ${mb(limit)}，已拒绝导入`;
  if (size > limits.ratioFrom && size / Math.max(1, compressed) > limits.ratio) {
    return `Word 文档中的「${name}」压缩比异常（${mb(compressed)} 解压后为 ${mb(size)}），疑似压缩炸弹，已拒绝导入`;
  }
  return null;
}
