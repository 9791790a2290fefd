// Recognises the parts of a bulletin from its text alone, as a person reading the printed page
// would: masthead (series, 〔2022〕第3期, organisation and date, marking), 编者按, 本期要目, the
// title, the articles with their run-in headings, bylines and signatures, and the 版记 at the
// foot (报/送/发, 责任编辑, 共印N份). What it is unsure about becomes a note for the editor.
import type { Distribution } from "@/lib/content/schema";
import { findDate, type IssueLine, parseIssueLine } from "./dates";
import { BOLD_CLOSE, BOLD_OPEN, compact, FOOTNOTE_CLOSE, FOOTNOTE_OPEN, normalizeText, plain, tidyBold } from "./normalize";
import { BULLET, BYLINE, COPIES, ENUMERATION, LABEL, MARKING, NUMBERED, PREFACE, SECRET, TOC } from "./patterns";
import { endsWithAfterClosers, trimEndChars, trimLeaderAndPage } from "./scan-text";
import type { SourceBlock } from "./source";
import { type StatedFrontmatter, statedTitle } from "./stated";
import { endsSentence, isRuleLine } from "./text-source";
import { titleText } from "./title";

export type SeriesInfo = { id: string; name: string; organization: string; marking?: string; editor?: string };

export type Note = { line?: number; message: string; review: boolean };

export type BodyNode =
  | { kind: "para"; text: string }
  | { kind: "runin"; level: 1 | 2 | 3; head: string; rest: string }
  | { kind: "title"; text: string }
  | { kind: "note"; text: string }
  | { kind: "byline"; text: string }
  | { kind: "signature"; org?: string; date: string }
  | { kind: "table"; rows: string[][] }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "image"; file: string; alt?: string; caption?: string }
  | { kind: "footnote"; id: string; text: string };

export type RecognisedIssue = {
  series: SeriesInfo;
  /** In the order the file is written. Optional fields are left out when the series' default applies. */
  frontmatter: {
    series: string;
    year: number;
    number: number;
    total?: number;
    supplement?: true;
    organization?: string;
    date: string;
    title: string | string[];
    subtitle?: string;
    preface?: string;
    marking?: string;
    distribution?: Distribution;
    editor?: string;
    copies?: number;
    visibility: "public" | "internal";
    status: "published" | "draft" | "withdrawn";
  };
  body: BodyNode[];
  notes: Note[];
};

export type ImportErrorCode =
  | "import:no-masthead"
  | "import:unknown-series"
  | "import:series-mismatch"
  | "import:no-number"
  | "import:no-date"
  | "import:no-title"
  | "import:no-body";

export class RecogniseError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = "RecogniseError";
  }
}

const isText = (b: SourceBlock | undefined): b is Extract<SourceBlock, { kind: "text" }> => b?.kind === "text";

/**
 * A line that could be a title or a masthead line: short and not a sentence. A closing quote
 * ends a title as often as a sentence (推动“青年大学习”), so only a full stop counts here.
 */
function titleLike(text: string, max = 60): boolean {
  const p = plain(text).trim();
  return p.length > 0 && p.length <= max && !endsWithAfterClosers(p, "。！？!?…", "”’」』）)") && !/[，；：,;:]$/.test(p);
}

const numberedLevel = (text: string) => NUMBERED.find(([re]) => re.test(plain(text)))?.[1];

/** 本期要目 entries often carry bullets, numbers and page references: ◆…, 1．…, ……（3）. */
function tocEntry(text: string): string {
  // The leader dots and page number are trimmed by a scanner: /[.…·\s]{2,}\d*$/ backtracks
  // quadratically over a long run of dots that does not end the line.
  const entry = compact(text).replace(/^([◆◇★☆●○▲△■□·•\-—]|\d{1,2}[.．、]|[（(]?[一二三四五六七八九十]{1,3}[)）、])+/, "");
  return trimLeaderAndPage(entry).replace(/[（(]?第?\d{1,3}页?[）)]?$/, (m) => (/^\d/.test(m) || /页|[（(]/.test(m) ? "" : m));
}

/** Where the reading stands: the blocks, the next one to read, where the 版记 starts, and the notes so far. */
type Cursor = {
  blocks: SourceBlock[];
  /** The next block to read. */
  i: number;
  /** Where the body ends: the first block of the 版记 (the end of the blocks until phase 4 finds it). */
  end: number;
  notes: Note[];
};

type Options = { series: SeriesInfo[]; seriesId?: string; notes?: Note[]; stated?: StatedFrontmatter };

const note = (c: Cursor, message: string, line?: number, review = true) => c.notes.push({ message, line, review });

/** Moves past empty lines and rules. */
function skipEmpty(c: Cursor) {
  const { blocks } = c;
  while (
    c.i < blocks.length &&
    isText(blocks[c.i]) &&
    (!compact((blocks[c.i] as { text: string }).text) || isRuleLine(plain((blocks[c.i] as { text: string }).text)))
  )
    c.i++;
}

/**
 * `notes`: what the file's reader already found to mention (e.g. pictures it could not keep).
 * `stated`: what a Word file exported by Jianbao says of itself (stated.ts), used where the
 * masthead agrees with it.
 */
export function recognise(source: SourceBlock[], options: Options): RecognisedIssue {
  // Word's footnotes come after everything, the 版记 too: read apart, written at the body's end.
  const blocks = source.filter((b) => b.kind !== "footnote");
  const footnotes = source.filter((b) => b.kind === "footnote");
  const c: Cursor = { blocks, i: 0, end: blocks.length, notes: [] };
  const head = readMasthead(c, options);
  const { preface, toc } = readFrontMatter(c);
  const title = readTitle(c, toc);
  const colophon = readColophon(c);
  const body = readBody(c, { title, toc, preface });
  body.nodes.push(...footnotes.map((f) => ({ kind: "footnote" as const, id: f.id, text: f.text })));
  keepDefinedNotes(body.nodes);
  c.notes.push(...(options.notes ?? []));
  if (!body.nodes.some((n) => n.kind === "para" || n.kind === "runin" || n.kind === "table" || n.kind === "list")) {
    throw new RecogniseError("import:no-body", "标题之后没有正文", title.start);
  }

  const { series } = head;
  const marking = head.marking && head.marking !== series.marking ? head.marking : undefined;
  const secret = SECRET.test(head.marking ?? series.marking ?? "");
  const multi = toc.length >= 2;
  const stated = believeStated(c, options.stated, head, title, secret);
  // The marking says internal: held for review unless the file states it too.
  if (secret) note(c, `标注为「${head.marking ?? series.marking}」，可见范围设为 internal（仅内部）`, undefined, !stated);
  const review = c.notes.some((n) => n.review);
  const total = stated?.total ?? head.issue.total;
  const subtitle = stated ? stated.subtitle : title.subtitle;
  return {
    series,
    frontmatter: {
      series: series.id,
      year: head.year,
      number: head.issue.number,
      ...(total ? { total } : {}),
      ...(head.issue.supplement ? { supplement: true as const } : {}),
      ...(head.org && head.org !== compact(series.organization) ? { organization: head.org } : {}),
      date: head.date,
      title: stated ? stated.title : multi || title.lines.length === 1 ? title.lines.join(" ") : title.lines,
      ...(subtitle ? { subtitle } : {}),
      ...(body.preface ? { preface: body.preface } : {}),
      ...(marking ? { marking } : {}),
      ...(colophon.distribution ? { distribution: colophon.distribution } : {}),
      ...(colophon.editor ? { editor: colophon.editor } : {}),
      ...(colophon.copies ? { copies: colophon.copies } : {}),
      visibility: stated?.visibility ?? (secret ? "internal" : "public"),
      status: review ? "draft" : (stated?.status ?? "published"),
    },
    body: body.nodes,
    notes: c.notes,
  };
}

/**
 * The stated frontmatter when the masthead and title agree with it; undefined (with a note) when
 * the file was changed after its export. It never makes public an issue whose marking says internal.
 */
function believeStated(
  c: Cursor,
  stated: StatedFrontmatter | undefined,
  head: Masthead,
  title: Title,
  secret: boolean,
): StatedFrontmatter | undefined {
  if (!stated) return undefined;
  const agrees =
    stated.series === head.series.id &&
    stated.year === head.year &&
    stated.number === head.issue.number &&
    Boolean(stated.supplement) === head.issue.supplement &&
    stated.date === head.date &&
    (!head.issue.total || !stated.total || stated.total === head.issue.total) &&
    statedTitle(stated.title) === compact(title.lines.join("")) &&
    statedTitle(stated.subtitle ?? "") === compact(title.subtitle ?? "");
  if (!agrees) {
    note(c, "文件属性中记录的期号、日期或标题与报头不一致（文件导出后改动过），已按文件内容导入", undefined, false);
    return undefined;
  }
  if (secret && stated.visibility === "public") {
    note(c, "文件属性记为公开，但报头有内部标注，已按内部导入", undefined);
    return { ...stated, visibility: "internal" };
  }
  return stated;
}

/** What the masthead's lines say, as they are read. */
type MastheadLines = {
  unknownName?: string;
  marking?: string;
  series?: SeriesInfo;
  seriesLine?: number;
  issue?: IssueLine;
  issueLine?: number;
  org?: string;
  date?: string;
  dateLine?: number;
};

/** The masthead once it is known to name the series, the number and the date. */
type Masthead = MastheadLines & { series: SeriesInfo; issue: IssueLine & { number: number }; date: string; year: number };

function mergeIssue(head: MastheadLines, il: IssueLine, line: number) {
  head.issue = {
    ...head.issue,
    ...Object.fromEntries(Object.entries(il).filter(([, v]) => v !== undefined)),
    supplement: Boolean(head.issue?.supplement || il.supplement),
  };
  head.issueLine ??= line;
}

/** 共青团山西省委办公室编, 主办：共青团太原市委: the issuing body without the word that introduces it. */
const orgName = (t: string) => t.replace(/^(主办单位|主办|编印单位|编印|编发)[：:]/, "").replace(/(.{2})(编印|编发|主办|编)$/, "$1");

/** A line holding the date, perhaps with the issuing body before it or the issue line around it. */
function takeDateLine(head: MastheadLines, text: string, line: number): boolean {
  const d = findDate(text);
  if (!d || head.date) return false;
  const before = text.slice(0, d.start).trim();
  const after = text.slice(d.end).trim();
  let beforeIssue = before ? parseIssueLine(before) : null;
  let org = before;
  // The issuing body and the issue line before the date, on one line (共青团太原市委　第6期　2024年6月3日).
  for (let k = 1; !beforeIssue && k < Math.min(before.length, 40); k++) {
    if (!"〔［[【（(第增".includes(before[k]!)) continue;
    const il = parseIssueLine(before.slice(k));
    if (il && titleLike(before.slice(0, k), 30)) {
      beforeIssue = il;
      org = before.slice(0, k).trim();
    }
  }
  const afterIssue = after ? parseIssueLine(after) : null;
  if (after && !afterIssue) return false;
  if (before && !beforeIssue && !titleLike(before, 40)) return false;
  head.date = d.iso;
  head.dateLine = line;
  if (beforeIssue) mergeIssue(head, beforeIssue, line);
  if (org && org !== before) head.org = orgName(compact(org));
  else if (before && !beforeIssue) head.org = orgName(compact(before));
  if (afterIssue) mergeIssue(head, afterIssue, line);
  return true;
}

// 1. The masthead: marking, series name, issue line, organisation and date, in any order.
function readMasthead(c: Cursor, options: Options): Masthead {
  const { blocks } = c;
  const head: MastheadLines = {};
  const started = c.i;
  for (skipEmpty(c); c.i < blocks.length && c.i - started < 16; c.i++, skipEmpty(c)) {
    const b = blocks[c.i]!;
    if (b.kind === "image" && !head.series) {
      note(c, "报头中的图片（如刊头图案）没有导入", b.line, false);
      continue;
    }
    // Word templates often set the organisation and the date in the cells of a borderless table.
    if (b.kind === "table" && b.rows.length === 1 && !head.date && takeDateLine(head, b.rows[0]!.join("　"), b.line)) continue;
    if (!isText(b)) break;
    const t = compact(b.text);
    const p = plain(b.text).trim();
    // The marking, perhaps over two lines (内部资料 / 注意保存) above the name.
    if (MARKING.test(t) && t.length <= 20 && (!head.marking || !head.series)) {
      const marking = plain(b.raw ?? b.text)
        .trim()
        .replace(/[\s\u3000]+/g, "　");
      head.marking = head.marking ? `${head.marking}　${marking}` : marking;
      continue;
    }
    const series = head.series ? undefined : options.series.find((s) => t.startsWith(compact(s.name)));
    if (series) {
      head.series = series;
      head.seriesLine = b.line;
      const rest = t.slice(compact(series.name).length);
      if (rest) {
        const il = parseIssueLine(rest);
        if (il) mergeIssue(head, il, b.line);
        else if (!takeDateLine(head, rest, b.line)) note(c, `报头「${p}」中刊物名称之后的「${rest}」没有认出`, b.line);
      }
      continue;
    }
    const il = parseIssueLine(t);
    if (il) {
      mergeIssue(head, il, b.line);
      continue;
    }
    if (t.length <= 48 && takeDateLine(head, p, b.line)) continue;
    const next = blocks.slice(c.i + 1).find((n) => isText(n) && compact(n.text));
    // A name we do not know, standing where the series name stands (just above the issue line).
    if (
      !head.series &&
      !head.unknownName &&
      !head.issue &&
      titleLike(p, 20) &&
      isText(next) &&
      (parseIssueLine(compact(next.text)) || findDate(compact(next.text)))
    ) {
      head.unknownName = p;
      continue;
    }
    // The issuing body on a line of its own, just above the date.
    const nextDate = isText(next) ? findDate(plain(next.text)) : null;
    if (
      (head.series || head.issue) &&
      !head.date &&
      !head.org &&
      titleLike(p, 30) &&
      nextDate &&
      isText(next) &&
      compact(next.text).length <= 16
    ) {
      head.org = orgName(t);
      continue;
    }
    // …or under the line that holds the date: 共青团太原市委编, 主办：共青团太原市委.
    if (head.date && !head.org && titleLike(p, 30) && (orgName(t) !== t || t === compact(head.series?.organization ?? ""))) {
      head.org = orgName(t);
      continue;
    }
    break;
  }
  return settleMasthead(c, head, options);
}

/** Refuses a masthead without a known series, a date or a number; fills what a default may fill. */
function settleMasthead(c: Cursor, head: MastheadLines, options: Options): Masthead {
  const { blocks } = c;
  const hinted = options.seriesId ? options.series.find((s) => s.id === options.seriesId) : undefined;
  if (options.seriesId && !hinted)
    throw new RecogniseError(
      "import:unknown-series",
      `指定的刊物「${options.seriesId}」没有定义（content/series/${options.seriesId}.yml）`,
    );
  if (!head.series) {
    const first = blocks.find((b) => isText(b) && compact(b.text));
    const firstText = isText(first) ? plain(first.text).trim().slice(0, 30) : "";
    if (!head.issue && !head.date) {
      throw new RecogniseError(
        "import:no-masthead",
        `没有找到报头：文件开头应有刊物名称、期号（如“〔2022〕第3期”）和日期（如“2022年3月25日”），第一行是「${firstText}」`,
        first?.line,
      );
    }
    if (!hinted) {
      throw new RecogniseError(
        "import:unknown-series",
        head.unknownName
          ? `报头「${head.unknownName}」不是已定义的刊物（已定义：${options.series.map((s) => s.name).join("、") || "无"}）。请在 content/series/ 中定义这份刊物，或用 --series 指定`
          : `报头中没有已定义的刊物名称（已定义：${options.series.map((s) => s.name).join("、") || "无"}）；第一行是「${firstText}」。请在 content/series/ 中定义这份刊物，或用 --series 指定`,
        first?.line,
      );
    }
    head.series = hinted;
    note(c, `报头中没有找到刊物名称，按指定的「${hinted.name}」导入`, first?.line);
  } else if (hinted && hinted.id !== head.series.id) {
    throw new RecogniseError(
      "import:series-mismatch",
      `报头是「${head.series.name}」，与指定的刊物「${hinted.name}」（${hinted.id}）不一致`,
      head.seriesLine,
    );
  }
  const series = head.series;
  if (!head.date)
    throw new RecogniseError(
      "import:no-date",
      "报头中没有找到日期（如“2022年3月25日”或“二〇二二年三月二十五日”）",
      head.issueLine ?? head.seriesLine,
    );
  if (!head.issue?.number) {
    if (head.issue?.supplement) {
      head.issue.number = 1;
      note(c, "增刊没有写期号，按增刊第1期导入", head.issueLine);
    } else {
      throw new RecogniseError("import:no-number", "报头中没有找到期号（如“〔2022〕第3期”或“第3期”）", head.issueLine ?? head.seriesLine);
    }
  }
  const year = head.issue.year ?? Number(head.date.slice(0, 4));
  if (!head.org) note(c, `报头中没有找到编印单位，使用刊物的默认值「${series.organization}」`, head.dateLine, false);
  return { ...head, series, issue: { ...head.issue, number: head.issue.number }, date: head.date, year };
}

// 2. Before the title: 编者按 and 本期要目, in either order.
function readFrontMatter(c: Cursor): { preface?: string; toc: string[] } {
  const { blocks } = c;
  let preface: string | undefined;
  const toc: string[] = [];
  for (skipEmpty(c); c.i < blocks.length; c.i++, skipEmpty(c)) {
    const b = blocks[c.i]!;
    if (!isText(b)) break;
    const t = compact(b.text);
    if (PREFACE.test(t) && !preface) {
      preface = plain(b.text).replace(PREFACE, "").trim();
      // A label on a line of its own (编　者　按, or 编者按： at the end of a line): its text is
      // the sentences that follow, up to 本期要目 or the title.
      if (!preface) preface = readLabelledText(c);
      continue;
    }
    if (TOC.test(t)) {
      readToc(c, toc);
      continue;
    }
    break;
  }
  return { preface, toc };
}

/** The paragraphs after a label standing alone, up to the first line that is not a sentence. */
function readLabelledText(c: Cursor): string {
  const { blocks } = c;
  const parts: string[] = [];
  for (let k = c.i + 1; k < blocks.length; k++) {
    const e = blocks[k]!;
    if (!isText(e)) break;
    if (!compact(e.text)) continue;
    const p = plain(e.text).trim();
    if (titleLike(p) || TOC.test(compact(p))) break;
    parts.push(p);
    c.i = k;
  }
  return parts.join("");
}

const bulleted = (text: string) => BULLET.test(compact(text)) || /^[·\-—]/.test(compact(text));

/**
 * 本期要目: one entry a line, perhaps bulleted (◆, ·) or numbered. When the entries are bulleted,
 * a line without a bullet continues the entry above it (a long title wrapped), unless it opens
 * the first article: the list ends where its first entry is printed again as a title.
 */
function readToc(c: Cursor, toc: string[]) {
  const { blocks } = c;
  let withBullets = false;
  for (c.i++; c.i < blocks.length; c.i++) {
    const e = blocks[c.i]!;
    if (!isText(e)) break;
    if (!compact(e.text)) continue;
    const t = compact(e.text);
    if (PREFACE.test(t) || TOC.test(t)) break;
    const entry = tocEntry(e.text);
    if (!titleLike(e.text, 80) || !entry) break;
    if (toc.length > 0 && (entry === toc[0] || (!bulleted(e.text) && toc[0]!.startsWith(entry)))) break;
    if (toc.length === 0) withBullets = bulleted(e.text);
    if (withBullets && !bulleted(e.text) && toc.length > 0) toc[toc.length - 1] += entry;
    else toc.push(entry);
  }
  c.i--;
}

type Title = { lines: string[]; subtitle?: string; start?: number };

/** A line under the title that opens with a dash (——“青春暖冬”……综述) is its 副标题. */
const SUBTITLE = /^[—–-]{2}/;

// 3. The title: up to four short lines that are not sentences.
function readTitle(c: Cursor, toc: string[]): Title {
  const { blocks } = c;
  const lines: string[] = [];
  let subtitle: string | undefined;
  const start = blocks[c.i]?.line;
  for (skipEmpty(c); c.i < blocks.length && lines.length < 4; c.i++) {
    const b = blocks[c.i]!;
    if (!isText(b) || b.joined) break;
    const p = plain(b.text);
    if (lines.length > 0 && toc.length === 0 && SUBTITLE.test(p.trim())) {
      subtitle = titleText(b.raw ?? b.text).join("");
      c.i++;
      break;
    }
    if (!titleLike(p) || PREFACE.test(compact(p)) || BYLINE.test(compact(p)) || numberedLevel(p) || LABEL.test(compact(p))) break;
    lines.push(...titleText(b.raw ?? b.text));
    // One title when the articles are listed, perhaps wrapped over lines that 本期要目 has on one.
    if (toc.length > 0) {
      const sofar = compact(lines.join(""));
      if (sofar !== toc[0] && toc[0]!.startsWith(sofar) && !listedAs(new Set(toc.slice(0, 1)), sofar)) continue;
      c.i++;
      break;
    }
  }
  if (lines.length === 0) throw new RecogniseError("import:no-title", "报头之后没有找到标题（一至四行不以句号结尾的短句）", start);
  return { lines, ...(subtitle ? { subtitle } : {}), start };
}

// 4. The 版记 at the foot, found from the end: labelled lines and the lines that continue them.
function readColophon(c: Cursor): ReturnType<typeof parseColophon> {
  const { blocks, i } = c;
  let end = blocks.length;
  while (end > i && isText(blocks[end - 1]) && !compact((blocks[end - 1] as { text: string }).text)) end--;
  let k = end;
  while (k > i && isText(blocks[k - 1]) && colophonLike((blocks[k - 1] as { text: string }).text)) k--;
  while (k < end && !(isText(blocks[k]) && labelled((blocks[k] as { text: string }).text))) k++;
  const colophon = parseColophon(blocks.slice(k, end).filter(isText), (message, line, review) => note(c, message, line, review));
  if (k === end) note(c, "没有找到版记（报：/送：/发：），发送范围将使用刊物的默认值", undefined);
  c.end = k;
  return colophon;
}

// 5. The body, between the title and the 版记; a 编者按 met before the first paragraph is the preface.
function readBody(c: Cursor, front: { title: Title; toc: string[]; preface?: string }): { nodes: BodyNode[]; preface?: string } {
  const { title, toc } = front;
  let { preface } = front;
  const body: BodyNode[] = [];
  const single = title.lines.join("");
  const multi = toc.length >= 2;
  const pending = new Set(toc.slice(1));
  if (multi) {
    body.push({ kind: "title", text: title.lines.join(" ") });
    if (!listedAs(new Set(toc.slice(0, 1)), compact(single)))
      note(c, `本期要目的第一项「${toc[0]}」与第一篇标题「${single}」不一致`, title.start);
  }
  const rest = c.blocks.slice(c.i, c.end);
  for (let j = 0; j < rest.length; j++) {
    const b = rest[j]!;
    // The layout's 注释: a heading over the numbered notes, which the text's raised numbers refer to.
    const list = rest[j + 1];
    if (isText(b) && NOTES_HEADING.test(compact(b.text)) && list?.kind === "list" && list.ordered) {
      const marks = body.map((n) => (n.kind === "para" ? n.text : n.kind === "runin" ? n.head + n.rest : "")).join("");
      if (list.items.some((_, k) => marks.includes(`${FOOTNOTE_OPEN}${k + 1}${FOOTNOTE_CLOSE}`))) {
        body.push(...list.items.map((text, k) => ({ kind: "footnote" as const, id: String(k + 1), text })));
        j++;
        continue;
      }
    }
    if (b.kind === "table") body.push({ kind: "table", rows: b.rows });
    else if (b.kind === "list") body.push({ kind: "list", ordered: b.ordered, items: b.items });
    else if (b.kind === "image") {
      const caption = captionAfter(rest[j + 1], pending);
      body.push({ kind: "image", file: b.file, alt: b.alt, ...(caption ? { caption } : {}) });
      if (caption) j++;
    }
    if (!isText(b)) continue;
    const t = compact(b.text);
    const p = plain(b.text).trim();
    if (!t || isRuleLine(p)) continue;
    // Where the export could not embed a picture (one on another site) it printed its description.
    const missing = /^［图：(.{1,200})］$/.exec(p);
    if (missing) {
      body.push({ kind: "para", text: b.text });
      const caption = captionAfter(rest[j + 1], pending);
      if (caption) {
        body.push({ kind: "para", text: caption });
        j++;
      }
      note(c, `此处的图片「${missing[1]}」没有在文件中，请补上图片`, b.line);
      continue;
    }
    if (PREFACE.test(t)) {
      const text = p.replace(PREFACE, "").trim();
      if (!preface && !body.some((n) => n.kind === "para" || n.kind === "runin")) preface = text;
      else body.push({ kind: "note", text });
      continue;
    }
    if (BYLINE.test(t)) {
      body.push({ kind: "byline", text: p.replace(/[\s\u3000]+/g, "") });
      continue;
    }
    const prev = body[body.length - 1];
    const next = rest.slice(j + 1).find((n) => !isText(n) || compact(n.text));
    // A table as extracted text lays it out: rows of cells apart by wide gaps, the same count each.
    const cells = cellsOf(b);
    if (cells) {
      const rows = [cells];
      let k2 = j + 1;
      for (; k2 < rest.length; k2++) {
        const r = cellsOf(rest[k2]!);
        if (!r || r.length !== cells.length) break;
        rows.push(r);
      }
      if (rows.length >= 2) {
        body.push({ kind: "table", rows });
        note(c, `此处${rows.length}行按空白对齐识别为表格，请核对`, b.line, false);
        j = k2 - 1;
        continue;
      }
    }
    // A title printed over two lines, listed on one in 本期要目.
    const wrapped =
      isText(next) && titleLike(p) && titleLike(plain(next.text)) ? listedAs(pending, tocEntry(b.text) + compact(next.text)) : undefined;
    if (wrapped && isText(next)) {
      pending.delete(wrapped);
      body.push({ kind: "title", text: [...titleText(b.raw ?? b.text), ...titleText(next.raw ?? next.text)].join(" ") });
      j = rest.indexOf(next);
      continue;
    }
    const listed = titleLike(p) ? listedAs(pending, tocEntry(b.text)) : undefined;
    const isTitle =
      pending.has(tocEntry(b.text)) ||
      listed !== undefined ||
      b.heading === 1 ||
      (titleLike(p) &&
        !numberedLevel(p) &&
        (prev?.kind === "byline" || prev?.kind === "signature") &&
        isText(next) &&
        !titleLike(plain(next.text)));
    if (isTitle) {
      if (!multi && !body.some((n) => n.kind === "title")) body.unshift({ kind: "title", text: title.lines.join(" ") });
      pending.delete(listedAs(pending, tocEntry(b.text)) ?? "");
      body.push({ kind: "title", text: titleText(b.raw ?? b.text).join(" ") });
      continue;
    }
    // 落款: an issuing body over a date, closing an article.
    const date = findDate(p);
    if (
      date &&
      date.start === 0 &&
      date.end >= p.length - 1 &&
      (!next || (isText(next) && (colophonLike(next.text) || titleLike(plain(next.text)))))
    ) {
      const orgNode = body[body.length - 1];
      if (orgNode?.kind === "para" && titleLike(orgNode.text, 30) && !numberedLevel(orgNode.text)) {
        body.pop();
        body.push({ kind: "signature", org: plain(orgNode.text), date: p });
      } else body.push({ kind: "signature", date: p });
      continue;
    }
    // A Word heading below the article title is a heading of its own line (黑体/楷体/bold by level).
    if (b.heading && b.heading >= 2 && titleLike(p, 50)) {
      body.push({ kind: "runin", level: Math.min(numberedLevel(p) ?? b.heading - 1, 3) as 1 | 2 | 3, head: p, rest: "" });
      continue;
    }
    const level = numberedLevel(p);
    if (level) {
      const node = runIn(b.text, level);
      if (node) {
        body.push(node);
        continue;
      }
    }
    // A line over a date line is the 落款's issuing body (taken off again below when the date comes), not a heading.
    const overDate = (() => {
      if (!isText(next)) return false;
      const np = plain(next.text);
      const d = findDate(np);
      return !!d && d.start === 0 && d.end >= np.length - 1;
    })();
    if (!b.joined && titleLike(p, 30) && !/[，。；：、！？]/.test(p) && body.length > 0 && next && !overDate) {
      note(c, `「${p}」单独成行，像是小标题或标题，已按普通段落导入`, b.line);
    }
    body.push({ kind: "para", text: boldEnumeration(b.text) });
  }
  for (const missing of pending) note(c, `本期要目中的「${missing}」没有在正文中找到对应的标题`);
  return { nodes: body, preface };
}

/**
 * The 本期要目 entry a title line stands for: the same words, the same with the source after them
 * in brackets (……阵地建设（团小店区委）), or the title shortened (at least 8 characters of it).
 */
function listedAs(entries: Set<string>, line: string): string | undefined {
  if (entries.has(line)) return line;
  for (const e of entries) {
    if (e.startsWith(line) && /^[（(][^（）()]{1,30}[）)]$/.test(e.slice(line.length))) return e;
    if (e.length >= 8 && line.startsWith(e)) return e;
  }
  return undefined;
}

/** A raised number with no note of that number under it was only a raised digit (m², a power): it is text again. */
function keepDefinedNotes(nodes: BodyNode[]) {
  const defined = new Set(nodes.flatMap((n) => (n.kind === "footnote" ? [n.id] : [])));
  const fix = (s: string) => s.replace(/\uE002([^\uE002\uE003]*)\uE003/g, (m, id: string) => (defined.has(id) ? m : id));
  for (const n of nodes) {
    if (n.kind === "runin") {
      n.head = fix(n.head);
      n.rest = fix(n.rest);
    } else if (n.kind === "list") n.items = n.items.map(fix);
    else if (n.kind === "table") n.rows = n.rows.map((r) => r.map(fix));
    else if ("text" in n) n.text = fix(n.text);
  }
}

/** 注释 (or 注：) over a numbered list, after the text: the notes its raised numbers point to. */
const NOTES_HEADING = /^(注释|注)[：:]?$/;

/** The short line under a picture, when it reads as its caption (not a title, a heading or a sentence). */
function captionAfter(b: SourceBlock | undefined, pending: Set<string>): string | undefined {
  if (!isText(b) || b.joined || b.heading) return undefined;
  const p = plain(b.text).trim();
  if (!titleLike(p, 40) || /[，。；：！？]/.test(p) || numberedLevel(p) || BYLINE.test(compact(p)) || pending.has(tocEntry(b.text)))
    return undefined;
  return p;
}

/** The cells of a line that lays out a table row (pdftotext -layout): two or more, apart by wide gaps. */
function cellsOf(b: SourceBlock): string[] | null {
  if (!isText(b) || b.joined || !b.raw) return null;
  const cells = plain(b.raw)
    .trim()
    .split(/[ \t]{2,}|\u3000+/)
    .map((c) => normalizeText(c))
    .filter(Boolean);
  return cells.length >= 2 && cells.every((c) => c.length <= 30 && !endsSentence(c)) ? cells : null;
}

const labelled = (text: string) => LABEL.test(compact(text)) || COPIES.test(compact(text));

/** A line that may belong to the 版记: a labelled line, or a short list of bodies continuing one. */
function colophonLike(text: string): boolean {
  const t = compact(text);
  if (!t || isRuleLine(t) || labelled(t)) return true;
  return t.length <= 80 && !/[。！？]/.test(t) && !findDate(t);
}

function parseColophon(blocks: { text: string; line: number }[], note: (m: string, line?: number, review?: boolean) => void) {
  const lists: Record<"report" | "send" | "issue", string | undefined> = { report: undefined, send: undefined, issue: undefined };
  let current: keyof typeof lists | undefined;
  let editor: string | undefined;
  let copies: number | undefined;
  for (const b of blocks) {
    let t = compact(b.text);
    const c = COPIES.exec(t);
    if (c) {
      copies = Number(c[1]);
      t = t.replace(COPIES, "");
    }
    const ed = /(责任编辑|编辑)[：:](.*)$/.exec(t);
    if (ed) {
      editor = trimEndChars(ed[2]!, "，。；,;") || undefined;
      t = t.slice(0, ed.index);
      current = undefined;
    }
    if (!t) continue;
    const m = LABEL.exec(t);
    if (m) {
      const label = m[1]!;
      const value = t.slice(m[0].length);
      if (/^(报送|报)$/.test(label)) current = "report";
      else if (/^(抄送|分送|送)$/.test(label)) current = "send";
      else if (/^(印发|发送|发)$/.test(label)) current = "issue";
      else {
        note(`版记中的「${label}：${value}」没有对应的字段，没有导入`, b.line, false);
        current = undefined;
        continue;
      }
      lists[current] = lists[current] ? joinBodies(lists[current]!, value) : value;
      continue;
    }
    if (current) lists[current] = joinBodies(lists[current] ?? "", t);
    else note(`版记中的「${t}」没有认出，没有导入`, b.line);
  }
  const split = (s: string | undefined) =>
    (s ?? "")
      .split(/[，,；;]+/)
      .map((x) => trimEndChars(x, "。.").trim())
      .filter(Boolean);
  const found = Object.values(lists).some((v) => v !== undefined);
  return {
    distribution: found ? { report: split(lists.report), send: split(lists.send), issue: split(lists.issue) } : undefined,
    editor,
    copies,
  };
}

/** A wrapped 版记 line continues the list: after "、" inside a name it is the same body, otherwise a new one. */
function joinBodies(a: string, b: string): string {
  if (!a) return b;
  return /[、，,；;]$/.test(a) ? a + b : `${a}，${b}`;
}

/** "一、标题。正文……" → a run-in heading (the first sentence) and the rest of the paragraph. */
function runIn(text: string, level: 1 | 2 | 3): BodyNode | null {
  const p = plain(text);
  const stop = /[。！？]/.exec(p);
  if (!stop) return p.length <= 50 ? { kind: "runin", level, head: text.replace(/[\uE000\uE001]/g, "").trim(), rest: "" } : null;
  if (stop.index > 50) return null;
  // Map the cut in the plain text back onto the marked-up text (bold marks are zero-width).
  let seen = 0;
  let cut = 0;
  for (; cut < text.length && seen <= stop.index; cut++) {
    // A footnote reference is zero-width too, and stays whole with the side it is on.
    if (text[cut] === FOOTNOTE_OPEN && text.indexOf(FOOTNOTE_CLOSE, cut) > cut) cut = text.indexOf(FOOTNOTE_CLOSE, cut);
    else if (text[cut] !== BOLD_OPEN && text[cut] !== BOLD_CLOSE) seen++;
  }
  let rest = text.slice(cut);
  // A bold run that the heading cut in two loses its head: close it off cleanly.
  const opens = (text.slice(0, cut).match(/\uE000/g) ?? []).length - (text.slice(0, cut).match(/\uE001/g) ?? []).length;
  if (opens > 0) rest = BOLD_OPEN + rest;
  // The head keeps its footnote references (plain would drop them), not its bold.
  const head = text
    .slice(0, cut)
    .replace(/[\uE000\uE001]/g, "")
    .trim();
  return { kind: "runin", level, head, rest: boldEnumeration(tidyBold(rest.trimStart())) };
}

/** 一是……二是……: the enumeration words read in bold, as in every bulletin. */
export function boldEnumeration(text: string): string {
  return tidyBold(
    text.replace(ENUMERATION, (m, before: string, word: string, offset: number, whole: string) => {
      // Already bold when an open mark precedes it without a close in between.
      const upTo = whole.slice(0, offset + before.length);
      if (upTo.lastIndexOf(BOLD_OPEN) > upTo.lastIndexOf(BOLD_CLOSE)) return m;
      return `${before}${BOLD_OPEN}${word}${BOLD_CLOSE}`;
    }),
  );
}
