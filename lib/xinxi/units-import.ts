// The unit list an office keeps in Excel (名称, 简称, 上级, 级别) read into checked rows, for
// `npm run units:import` and the studio's 导入单位库 alike: bytes and a file name in, rows or
// every problem out (as FILE:LINE: 字段 — message), nothing touched, so a bad file writes nothing.
// parseUnitsFile is pure; importUnitsFile checks against the database and then writes.
import Papa from "papaparse";
import { readSheet } from "read-excel-file/node";
import type { Db } from "@/db/index";
import { importUnits, listUnits, type UnitImportResult, type UnitImportRow } from "@/db/queries/xinxi/units";
import type { UnitLevel } from "@/db/schema";
import { decodeText } from "@/lib/import/text-source";
import { checkZip, type ZipLimits } from "@/lib/import/zip-check";
import { UNIT_LEVEL_LABEL, unitLevelFrom } from "@/lib/vocabulary";

/** A province's units fill a few hundred rows; these bounds are far past any real list. */
export const UNITS_FILE_LIMITS = { bytes: 2 * 1024 * 1024, rows: 5000 };

// An .xlsx is a zip: its sheet is inflated whole by read-excel-file, so the archive is checked
// first (lib/import/zip-check.ts) against limits sized for a list of units, not for a document.
const XLSX_LIMITS: ZipLimits = {
  part: 16 * 1024 * 1024,
  media: 1024 * 1024,
  total: 32 * 1024 * 1024,
  ratio: 100,
  ratioFrom: 1024 * 1024,
  entries: 200,
};

export type UnitsProblem = { line?: number; field: string; message: string };
export type UnitsParse = { ok: true; rows: UnitImportRow[] } | { ok: false; problems: UnitsProblem[] };
/** A unit already in the database: a 上级 may name it, and a move must not close a loop through it. */
export type KnownUnit = { name: string; parentName: string | null };

export const formatUnitsProblem = (file: string, p: UnitsProblem) =>
  p.line === undefined ? `${file}: ${p.field} — ${p.message}` : `${file}:${p.line}: ${p.field} — ${p.message}`;

type Column = "name" | "shortName" | "parentName" | "level" | "contactName" | "contactPhone" | "contactEmail";
const HEADERS: Record<string, Column> = {
  名称: "name",
  单位名称: "name",
  简称: "shortName",
  上级: "parentName",
  上级单位: "parentName",
  级别: "level",
  联系人: "contactName",
  电话: "contactPhone",
  联系电话: "contactPhone",
  邮箱: "contactEmail",
  电子邮箱: "contactEmail",
};
const LABEL: Record<Column, string> = {
  name: "名称",
  shortName: "简称",
  parentName: "上级",
  level: "级别",
  contactName: "联系人",
  contactPhone: "电话",
  contactEmail: "邮箱",
};
const MAX_LENGTH: Record<Column, number> = {
  name: 80,
  shortName: 40,
  parentName: 80,
  level: 10,
  contactName: 40,
  contactPhone: 40,
  contactEmail: 200,
};
const LEVELS = Object.values(UNIT_LEVEL_LABEL).join("、");

/** The cells of a file, row by row, each with the line it is on; or why the file cannot be read. */
type Table = { ok: true; rows: { line: number; cells: string[] }[] } | { ok: false; problems: UnitsProblem[] };

const fileProblem = (message: string): Table => ({ ok: false, problems: [{ field: "文件", message }] });

async function tableOf(bytes: Uint8Array, fileName: string): Promise<Table> {
  if (bytes.byteLength > UNITS_FILE_LIMITS.bytes)
    return fileProblem(`文件有 ${Math.ceil(bytes.byteLength / 1024)} KB，超过单位库文件的上限 ${UNITS_FILE_LIMITS.bytes / 1024 / 1024} MB`);
  const lower = fileName.toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (lower.endsWith(".xls") && !zip) return fileProblem("不支持旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV");
  if (lower.endsWith(".xlsx") || zip) {
    const check = checkZip(bytes, XLSX_LIMITS);
    if (!check.ok)
      return fileProblem(
        check.kind === "size"
          ? `Excel 文件解压后过大${check.part ? `（「${check.part}」）` : ""}，疑似压缩炸弹，已拒绝导入`
          : "无法读取这个 Excel 文件（不是有效的 .xlsx），请在 Excel 中重新另存为 .xlsx 或 CSV",
      );
    let sheet: unknown[][];
    try {
      sheet = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch {
      return fileProblem("无法读取这个 Excel 文件（不是有效的 .xlsx），请在 Excel 中重新另存为 .xlsx 或 CSV");
    }
    return { ok: true, rows: sheet.map((cells, i) => ({ line: i + 1, cells: cells.map(cellText) })) };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fileProblem(decoded.message);
  // One kind of line break: a list pasted together from two files may mix CRLF and LF, and Papa
  // would split on whichever it saw first.
  const parsed = Papa.parse<string[]>(decoded.text.replace(/\r\n?/g, "\n"), { skipEmptyLines: false, newline: "\n" });
  const broken = parsed.errors.find((e) => e.type === "Quotes");
  if (broken)
    return { ok: false, problems: [{ line: (broken.row ?? 0) + 1, field: "文件", message: "引号不配对，请在 Excel 中重新另存为 CSV" }] };
  return { ok: true, rows: parsed.data.map((cells, i) => ({ line: i + 1, cells: cells.map(cellText) })) };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v)
    .replace(/^\uFEFF/, "")
    .trim();
}

/**
 * Reads and checks a whole units file against the units already known. Every problem is
 * collected (not just the first), so an office fixes its file in one go.
 */
export async function parseUnitsFile(bytes: Uint8Array, fileName: string, known: KnownUnit[]): Promise<UnitsParse> {
  const table = await tableOf(bytes, fileName);
  if (!table.ok) return table;
  const lines = table.rows.filter((r) => r.cells.some(Boolean));
  const header = lines.shift();
  if (!header) return { ok: false, problems: [{ field: "文件", message: "文件是空的：第一行应是表头（名称、简称、上级、级别）" }] };
  const problems: UnitsProblem[] = [];
  const columns = new Map<Column, number>();
  header.cells.forEach((h, i) => {
    const col = HEADERS[h];
    if (!col) return;
    if (columns.has(col)) problems.push({ line: header.line, field: "表头", message: `「${h}」列出现了两次` });
    else columns.set(col, i);
  });
  for (const col of ["name", "shortName", "parentName", "level"] as const)
    if (!columns.has(col))
      problems.push({ line: header.line, field: "表头", message: `缺少「${LABEL[col]}」列（表头应有：名称、简称、上级、级别）` });
  if (problems.length) return { ok: false, problems };
  if (lines.length > UNITS_FILE_LIMITS.rows)
    return {
      ok: false,
      problems: [
        {
          line: lines[UNITS_FILE_LIMITS.rows]!.line,
          field: "文件",
          message: `超过 ${UNITS_FILE_LIMITS.rows} 行的上限，请分成几个文件导入`,
        },
      ],
    };

  const rows: (UnitImportRow & { line: number })[] = [];
  const lineOf = new Map<string, number>();
  const siblings = new Map<string | null, number>();
  for (const { line, cells } of lines) {
    const cell = (col: Column) => {
      const i = columns.get(col);
      return i === undefined ? undefined : (cells[i] ?? "");
    };
    let bad = false;
    const problem = (col: Column, message: string) => {
      problems.push({ line, field: LABEL[col], message });
      bad = true;
    };
    for (const col of columns.keys()) {
      const v = cell(col) ?? "";
      if (v.length > MAX_LENGTH[col]) problem(col, `不能超过 ${MAX_LENGTH[col]} 个字`);
    }
    const name = cell("name")!;
    if (!name) problem("name", "名称不能为空");
    else if (lineOf.has(name)) problem("name", `「${name}」与第 ${lineOf.get(name)} 行重复`);
    const levelText = cell("level")!;
    const level: UnitLevel | undefined = unitLevelFrom(levelText);
    if (!levelText) problem("level", `请填写级别（${LEVELS}）`);
    else if (!level) problem("level", `不认识的级别「${levelText}」，应为 ${LEVELS} 之一`);
    const email = cell("contactEmail");
    if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) problem("contactEmail", `「${email}」不是有效的邮箱地址`);
    if (name && !lineOf.has(name)) lineOf.set(name, line);
    if (bad || !level) continue;
    const parentName = cell("parentName") || null;
    // Its place among the file's rows with the same 上级: the file's order, whatever rows lie between.
    const position = siblings.get(parentName) ?? 0;
    siblings.set(parentName, position + 1);
    const optional = (col: Column) => {
      const v = cell(col);
      return v === undefined ? undefined : v || null;
    };
    rows.push({
      line,
      name,
      shortName: cell("shortName") || null,
      parentName,
      level,
      position,
      contactName: optional("contactName"),
      contactPhone: optional("contactPhone"),
      contactEmail: optional("contactEmail"),
    });
  }

  // 上级: a row of this file (in any order) or a unit already in the database; and no loops,
  // following the parents this file would leave every unit with, the database's included.
  const knownNames = new Set(known.map((k) => k.name));
  const parentOf = new Map(known.map((k) => [k.name, k.parentName]));
  for (const r of rows) parentOf.set(r.name, r.parentName);
  const state = new Map<string, "ok" | "cycle">();
  for (const r of rows) {
    if (r.parentName === null) continue;
    if (!lineOf.has(r.parentName) && !knownNames.has(r.parentName)) {
      problems.push({ line: r.line, field: "上级", message: `找不到上级单位「${r.parentName}」：它既不在本文件中，也不在单位库里` });
      continue;
    }
    if (r.parentName === r.name) {
      problems.push({ line: r.line, field: "上级", message: "上级不能是单位自己" });
      state.set(r.name, "cycle");
      continue;
    }
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at: string | null | undefined = r.name;
    while (at != null && !state.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = parentOf.get(at);
    }
    const loopFrom = at != null && onPath.has(at) ? onPath.get(at)! : path.length;
    for (const [i, n] of path.entries()) state.set(n, i >= loopFrom ? "cycle" : "ok");
    if (state.get(r.name) === "cycle") {
      const loop = [r.name];
      for (let n = parentOf.get(r.name); n != null && n !== r.name && loop.length <= parentOf.size; n = parentOf.get(n)) loop.push(n);
      const seen = [...loop, r.name].map((n) => `「${n}」`).join("→");
      problems.push({ line: r.line, field: "上级", message: `上级关系形成循环：${seen}` });
    }
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  return { ok: true, rows: rows.map(({ line: _line, ...r }) => r) };
}

export type UnitsFileOutcome = { ok: true; result: UnitImportResult } | { ok: false; problems: UnitsProblem[] };

/** Checks the file against the database as it is now and, only when every row passes, writes it. */
export async function importUnitsFile(d: Db, bytes: Uint8Array, fileName: string): Promise<UnitsFileOutcome> {
  const all = listUnits(d);
  const nameOf = new Map(all.map((u) => [u.id, u.name]));
  const known = all.map((u) => ({ name: u.name, parentName: u.parentId === null ? null : (nameOf.get(u.parentId) ?? null) }));
  const parsed = await parseUnitsFile(bytes, fileName, known);
  return parsed.ok ? { ok: true, result: importUnits(d, parsed.rows) } : parsed;
}
