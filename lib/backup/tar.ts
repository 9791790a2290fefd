// The tar format of backups (POSIX ustar, with pax records for long or non-ASCII names): written
// and read here, ~200 lines, rather than through a tar library. The reader is the security
// boundary of a restore and must refuse, not tidy up: general-purpose extractors (node-tar
// included) accept links, devices and directories and strip `../` or a leading `/` with a
// warning. This one accepts exactly what the writer emits: regular files and pax path/size
// records, under one root folder, nothing else.
export const BLOCK = 512;

/** A problem with the archive, naming the entry (or the byte offset) where it was found. */
export class TarError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "TarError";
  }
}

const USTAR_SIZE_MAX = 8 ** 11 - 1;

function putString(block: Buffer, text: string, offset: number, width: number): void {
  block.write(text, offset, width, "utf8");
}

function putOctal(block: Buffer, n: number, offset: number, width: number): void {
  putString(block, n.toString(8).padStart(width - 1, "0"), offset, width - 1);
  block[offset + width - 1] = 0;
}

function ustarBlock(name: string, size: number, mtime: number, typeflag: string, mode: number, linkname = ""): Buffer {
  const block = Buffer.alloc(BLOCK);
  putString(block, name, 0, 100);
  putOctal(block, mode, 100, 8);
  putOctal(block, 0, 108, 8);
  putOctal(block, 0, 116, 8);
  putOctal(block, size, 124, 12);
  putOctal(block, Math.max(0, Math.min(USTAR_SIZE_MAX, Math.floor(mtime))), 136, 12);
  block.fill(0x20, 148, 156);
  block.write(typeflag, 156, 1, "latin1");
  putString(block, linkname, 157, 100);
  block.write("ustar\u000000", 257, 8, "latin1");
  let sum = 0;
  for (const byte of block) sum += byte;
  putString(block, sum.toString(8).padStart(6, "0"), 148, 6);
  block[154] = 0;
  block[155] = 0x20;
  return block;
}

/** One pax record: "<length> <key>=<value>\n", the length counting itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  const restBytes = Buffer.byteLength(rest);
  let length = restBytes + 1;
  while (String(length).length + restBytes !== length) length = String(length).length + restBytes;
  return `${length}${rest}`;
}

export const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/**
 * The header block(s) of a regular file. Names that are not short ASCII, and sizes ustar cannot
 * hold, go in a pax record before it (what GNU tar and bsdtar read). Tests build hostile archives
 * with `typeflag` and `linkname`; backups only ever write regular files.
 */
export function entryHeader(
  name: string,
  size: number,
  mtime: number,
  opts: { typeflag?: string; linkname?: string; mode?: number } = {},
): Buffer {
  const records: string[] = [];
  const plain = /^[\x21-\x7e]{1,99}$/.test(name) ? name : null;
  if (!plain) records.push(paxRecord("path", name));
  if (size > USTAR_SIZE_MAX) records.push(paxRecord("size", String(size)));
  const header = ustarBlock(
    plain ?? "jianbao-backup/long-name",
    size > USTAR_SIZE_MAX ? 0 : size,
    mtime,
    opts.typeflag ?? "0",
    opts.mode ?? 0o644,
    opts.linkname,
  );
  if (records.length === 0) return header;
  const body = Buffer.from(records.join(""), "utf8");
  return Buffer.concat([ustarBlock("jianbao-backup/PaxHeader", body.length, mtime, "x", 0o644), body, padding(body.length), header]);
}

/** Two zero blocks end a tar archive. */
export const endOfArchive = (): Buffer => Buffer.alloc(2 * BLOCK);

const utf8 = new TextDecoder("utf-8", { fatal: true });

function readString(block: Buffer, offset: number, width: number, where: string): string {
  const field = block.subarray(offset, offset + width);
  const end = field.indexOf(0);
  try {
    return utf8.decode(end === -1 ? field : field.subarray(0, end));
  } catch {
    throw new TarError(where, "header holds a name that is not UTF-8");
  }
}

/** An octal number field, strictly: digits, then NUL or space padding (no base-256, no signs). */
function readOctal(block: Buffer, offset: number, width: number, where: string, field: string): number {
  const text = block.toString("latin1", offset, offset + width);
  const m = /^ *([0-7]{1,12}) *[\0 ]*$/.exec(text.replace(/\0+$/, ""));
  if (!m) throw new TarError(where, `header field ${field} is not an octal number`);
  return parseInt(m[1]!, 8);
}

/**
 * A path inside the archive as a restore may use it: relative, under `root`, made of plain
 * segments. Anything else is refused, never rewritten.
 */
export function checkEntryPath(name: string, root: string): string {
  const where = name || "(empty name)";
  if (name.length > 4096) throw new TarError(where.slice(0, 80), "name is too long");
  if (/[\0\\]/.test(name)) throw new TarError(where, "name contains a NUL or a backslash");
  if (name.startsWith("/")) throw new TarError(where, "absolute path");
  const segments = name.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) throw new TarError(where, 'path has an empty, "." or ".." segment');
  if (segments[0] !== root || segments.length < 2) throw new TarError(where, `path is not under ${root}/`);
  return segments.slice(1).join("/");
}

export type TarEvent =
  | { type: "entry"; path: string; size: number; mtime: number }
  | { type: "data"; chunk: Buffer }
  | { type: "entry-end" };

/**
 * A push parser: feed it the decompressed stream chunk by chunk and act on the events it returns
 * (so the caller can await a disk write between them). Throws TarError on anything it does not
 * accept. `end()` checks that the archive was complete.
 */
export class TarReader {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private offset = 0;
  private remaining = 0;
  private pad = 0;
  private inEntry = false;
  private current = "";
  private pax: { path?: string; size?: number } | null = null;
  private paxBody: { left: number; parts: Buffer[] } | null = null;
  private zeroBlocks = 0;
  private finished = false;
  lastEntry = "";

  constructor(private readonly root: string) {}

  push(chunk: Buffer): TarEvent[] {
    const events: TarEvent[] = [];
    let data = chunk;
    while (data.length > 0) {
      if (this.inEntry && this.remaining > 0) {
        const n = Math.min(this.remaining, data.length);
        events.push({ type: "data", chunk: data.subarray(0, n) });
        this.remaining -= n;
        this.offset += n;
        data = data.subarray(n);
        if (this.remaining === 0) {
          events.push({ type: "entry-end" });
          this.inEntry = false;
        }
        continue;
      }
      if (this.pad > 0) {
        const n = Math.min(this.pad, data.length);
        if (data.subarray(0, n).some((b) => b !== 0)) throw new TarError(`after ${this.lastEntry}`, "padding after the entry is not zero");
        this.pad -= n;
        this.offset += n;
        data = data.subarray(n);
        continue;
      }
      if (this.paxBody) {
        const n = Math.min(this.paxBody.left, data.length);
        this.paxBody.parts.push(Buffer.from(data.subarray(0, n)));
        this.paxBody.left -= n;
        this.offset += n;
        data = data.subarray(n);
        if (this.paxBody.left === 0) {
          const body = Buffer.concat(this.paxBody.parts);
          this.paxBody = null;
          this.pax = parsePax(body, `pax header at byte ${this.offset - body.length}`);
          this.pad = padding(body.length).length;
        }
        continue;
      }
      // A header block, gathered across chunks.
      const need = BLOCK - this.bufferedBytes;
      const take = data.subarray(0, need);
      this.buffered.push(Buffer.from(take));
      this.bufferedBytes += take.length;
      data = data.subarray(take.length);
      if (this.bufferedBytes < BLOCK) continue;
      const block = Buffer.concat(this.buffered);
      this.buffered = [];
      this.bufferedBytes = 0;
      const at = this.offset;
      this.offset += BLOCK;
      if (this.finished) {
        if (block.some((b) => b !== 0)) throw new TarError(`byte ${at}`, "data after the end of the archive");
        continue;
      }
      if (block.every((b) => b === 0)) {
        if (this.pax) throw new TarError(`byte ${at}`, "pax header without an entry");
        if (++this.zeroBlocks === 2) this.finished = true;
        continue;
      }
      if (this.zeroBlocks > 0) throw new TarError(`byte ${at}`, "a lone zero block inside the archive");
      const event = this.header(block, at);
      if (event) events.push(event);
      if (event && event.size === 0) events.push({ type: "entry-end" });
    }
    return events;
  }

  private header(block: Buffer, at: number): Extract<TarEvent, { type: "entry" }> | null {
    const where = `header at byte ${at}${this.lastEntry ? ` (after ${this.lastEntry})` : ""}`;
    const stored = readOctal(block, 148, 8, where, "chksum");
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
    if (sum !== stored) throw new TarError(where, "header checksum does not match (the header is damaged)");
    if (block.toString("latin1", 257, 265) !== "ustar\u000000") throw new TarError(where, "not a POSIX ustar header");
    const typeflag = block.toString("latin1", 156, 157);
    const rawName = readString(block, 0, 100, where);
    const prefix = readString(block, 345, 155, where);
    const name = this.pax?.path ?? (prefix ? `${prefix}/${rawName}` : rawName);
    const size = this.pax?.size ?? readOctal(block, 124, 12, where, "size");
    const mtime = readOctal(block, 136, 12, where, "mtime");
    if (typeflag === "x") {
      if (this.pax) throw new TarError(where, "two pax headers in a row");
      if (size > 64 * 1024) throw new TarError(where, "pax header is too large");
      this.paxBody = { left: size, parts: [] };
      if (size === 0) throw new TarError(where, "empty pax header");
      return null;
    }
    this.pax = null;
    const kinds: Record<string, string> = {
      "1": "a hard link",
      "2": "a symbolic link",
      "3": "a device",
      "4": "a device",
      "5": "a directory",
      "6": "a FIFO",
      "7": "a contiguous file",
      g: "a global pax header",
      L: "a GNU long name",
      K: "a GNU long link",
    };
    if (typeflag !== "0" && typeflag !== "\0")
      throw new TarError(name || where, `entry is ${kinds[typeflag] ?? `of type "${typeflag}"`}; a backup holds regular files only`);
    checkEntryPath(name, this.root);
    this.current = name;
    this.lastEntry = name;
    this.inEntry = size > 0;
    this.remaining = size;
    this.pad = padding(size).length;
    return { type: "entry", path: name, size, mtime };
  }

  /** Throws unless the archive ended properly (two zero blocks, nothing cut off). */
  end(): void {
    if (this.inEntry || this.paxBody || this.bufferedBytes > 0 || this.pad > 0)
      throw new TarError(this.current || `byte ${this.offset}`, "the archive is cut off in the middle of an entry");
    if (!this.finished) throw new TarError(`byte ${this.offset}`, "the archive has no end marker (it is cut off)");
  }
}

function parsePax(body: Buffer, where: string): { path?: string; size?: number } {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new TarError(where, "pax header is not UTF-8");
  }
  const out: { path?: string; size?: number } = {};
  let rest = text;
  while (rest.length > 0) {
    const m = /^([1-9][0-9]{0,5}) /.exec(rest);
    if (!m) throw new TarError(where, "malformed pax record");
    const length = Number(m[1]);
    const bytes = Buffer.from(rest, "utf8");
    if (length > bytes.length) throw new TarError(where, "malformed pax record");
    const record = bytes.subarray(0, length).toString("utf8");
    if (!record.endsWith("\n")) throw new TarError(where, "malformed pax record");
    const eq = record.indexOf("=");
    if (eq === -1) throw new TarError(where, "malformed pax record");
    const key = record.slice(m[0].length, eq);
    const value = record.slice(eq + 1, -1);
    if (key === "path") out.path = value;
    else if (key === "size" && /^[0-9]{1,15}$/.test(value)) out.size = Number(value);
    else throw new TarError(where, `pax record "${key}" is not one a backup writes`);
    rest = bytes.subarray(length).toString("utf8");
  }
  return out;
}
