// 撤回 and 恢复发布: an issue leaves the public site (or returns to it) by the status line of its
// file alone, so the file, its history in git and everything else in it stay exactly as they were.
import { splitFrontmatter } from "@/lib/content/frontmatter";
import { sha256 } from "@/lib/content/load";
import { readContentFileIfAny } from "@/lib/content/safe-file";
import { decodeUtf8 } from "@/lib/content/utf8";
import { AppError } from "@/lib/errors";
import { fileChangedError, issueFilePath, writeIssueFile } from "./publish-file";

export type IssueFileStatus = "published" | "withdrawn";

/**
 * The file as the loader decodes it (a leading BOM dropped, line ends kept), and the sha256 of its
 * bytes on disk: what a correction later passes as `expectedHash`. Null when there is no file.
 */
export async function readIssueFile(root: string, rel: string): Promise<{ text: string; hash: string } | null> {
  const bytes = await readBytes(root, rel);
  return bytes && { text: decode(rel, bytes), hash: sha256(bytes) };
}

export async function setIssueFileStatus(input: {
  root: string;
  rel: string;
  status: IssueFileStatus;
  expectedHash: string;
}): Promise<{ hash: string }> {
  const { source } = await statusChange(input);
  if (source === null) return { hash: input.expectedHash };
  return writeIssueFile({ root: input.root, rel: input.rel, source, expectedHash: input.expectedHash });
}

/**
 * What setting the status would write, before anything is written: the file's bytes now (what
 * an undo puts back), and its new text, or null when the file already has that status. Refused
 * when the file is gone or no longer the one read as `expectedHash`.
 */
export async function statusChange({
  root,
  rel,
  status,
  expectedHash,
}: {
  root: string;
  rel: string;
  status: IssueFileStatus;
  expectedHash: string;
}): Promise<{ oldBytes: Buffer; source: string | null }> {
  const bytes = await readBytes(root, rel);
  if (!bytes) throw fileChangedError(rel, "gone");
  if (sha256(bytes) !== expectedHash) throw fileChangedError(rel, "changed");
  const text = decode(rel, bytes);
  const next = withStatus(text, status);
  if (next === null)
    throw new AppError(
      "studio:draft-invalid",
      `无法自动修改 content/${rel} 的状态：文件开头的元数据格式不规范，请直接编辑文件中的 status 一行`,
    );
  if (next === text) return { oldBytes: bytes, source: null };
  // The decoder drops a byte-order mark; it goes back, so the rest of the file is as it was.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? "\uFEFF" : "";
  return { oldBytes: bytes, source: bom + next };
}

async function readBytes(root: string, rel: string): Promise<Buffer | null> {
  issueFilePath(root, rel); // refuses a path that is not an issue's place
  return readContentFileIfAny(root, rel);
}

function decode(rel: string, bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok)
    throw new AppError(
      "studio:draft-invalid",
      `content/${rel} 第 ${decoded.line} 行不是有效的 UTF-8 编码，无法在这里打开：请先修正文件的编码`,
    );
  return decoded.text;
}

const FENCE = /^---[ \t]*\r?$/;
const STATUS_LEAD = /^status[ \t]*:[ \t]*/;

/**
 * A status line cut into what surrounds the value: the spacing, a trailing comment and a CR line
 * end. The parts of /^(status[ \t]*:[ \t]*)(.*?)([ \t]+#.*)?(\r?)$/, found by one scan: that
 * expression backtracks cubically over a line of spaces with no comment.
 */
export function splitStatusLine(line: string): [lead: string, value: string, comment: string | undefined, cr: string] | null {
  const lead = STATUS_LEAD.exec(line)?.[0];
  if (lead === undefined) return null;
  const cr = line.endsWith("\r") ? "\r" : "";
  const rest = line.slice(lead.length, line.length - cr.length);
  if (/[\r\n\u2028\u2029]/.test(rest)) return null;
  // The comment starts at the first run of blanks that a # follows.
  for (let q = rest.indexOf("#"); q >= 0; q = rest.indexOf("#", q + 1)) {
    if (q === 0 || (rest[q - 1] !== " " && rest[q - 1] !== "\t")) continue;
    let p = q - 1;
    while (p > 0 && (rest[p - 1] === " " || rest[p - 1] === "\t")) p--;
    return [lead, rest.slice(0, p), rest.slice(p), cr];
  }
  return [lead, rest, undefined, cr];
}

/** The text with its frontmatter's status set; null when the frontmatter cannot be edited safely. */
export function withStatus(text: string, status: IssueFileStatus): string | null {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) return null;
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) return null;
  const at = lines.findIndex((l, i) => i > 0 && i < end && /^status[ \t]*:/.test(l));
  const next = [...lines];
  if (at >= 0) {
    const m = splitStatusLine(lines[at]!);
    if (!m) return null;
    const lead = /[ \t]$/.test(m[0]) ? m[0] : `${m[0]} `;
    next[at] = `${lead}${status}${m[2] ?? ""}${m[3]}`;
  } else next.splice(end, 0, `status: ${status}${lines[0]!.endsWith("\r") ? "\r" : ""}`);
  const out = next.join("\n");
  // The line edit is checked by the parser the loader uses: the status must now read as intended,
  // and nothing else in the frontmatter or the body may read differently.
  return sameButStatus(text, out, status) ? out : null;
}

function sameButStatus(before: string, after: string, status: IssueFileStatus): boolean {
  const a = splitFrontmatter("", before.replace(/\r\n?/g, "\n"));
  const b = splitFrontmatter("", after.replace(/\r\n?/g, "\n"));
  if (!a.ok || !b.ok || !isRecord(a.value.data) || !isRecord(b.value.data)) return false;
  const { status: _old, ...restA } = a.value.data;
  const { status: now, ...restB } = b.value.data;
  return now === status && a.value.body === b.value.body && JSON.stringify(restA) === JSON.stringify(restB);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
