// Zip archives built byte by byte for the import tests: a real .docx skeleton whose parts can be
// zip bombs (gigabytes of zeros deflated to a few megabytes) or can lie about their size.
import { constants, deflateRawSync } from "node:zlib";

export type Part = { name: string; data: Buffer; method?: 0 | 8; size: number; declaredSize?: number };

/**
 * A part of `bytes` zeros (a multiple of 16 MB), deflated without ever holding them: one 16 MB
 * chunk deflated with a full flush (which resets the compressor, so the same chunk always
 * deflates to the same bytes), repeated, and closed by an empty final block. 2 GB is 2 MB.
 */
export function zeros(name: string, bytes: number, declaredSize?: number): Part {
  const chunk = 16 * 1024 * 1024;
  if (bytes % chunk !== 0) throw new Error("zeros: a multiple of 16 MB");
  const block = deflateRawSync(Buffer.alloc(chunk), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const data = Buffer.concat([...Array<Buffer>(bytes / chunk).fill(block), Buffer.from([0x03, 0x00])]);
  return { name, data, size: bytes, declaredSize };
}

export function text(name: string, body: string): Part {
  const raw = Buffer.from(body, "utf8");
  return { name, data: deflateRawSync(raw), size: raw.length };
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** The parts every .docx has besides its document. */
export const skeleton = (): Part[] => [text("[Content_Types].xml", CONTENT_TYPES), text("_rels/.rels", RELS)];

/** The archive: local headers and data, the central directory, its end record. CRCs are left 0. */
export function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const size = p.declaredSize ?? p.size;
    const method = p.method ?? 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(method, 10);
    head.writeUInt32LE(p.data.length, 20);
    head.writeUInt32LE(size, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(head, name);
    offset += local.length + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
