// The units import (lib/xinxi/units-import.ts and `npm run units:import`): the office's list in
// every form it comes in (CSV with or without BOM, GB18030 from Excel on Chinese Windows, .xlsx),
// parents in any order, every kind of problem named by file, line and field, nothing written when
// there is one, the same file twice changing nothing, and .xlsx zip bombs refused unread.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import writeExcelFile from "write-excel-file/node";
import { listUnits } from "@/db/queries/xinxi/units";
import { db } from "@/lib/database";
import { formatUnitsProblem, importUnitsFile, parseUnitsFile, UNITS_FILE_LIMITS, type UnitsProblem } from "@/lib/xinxi/units-import";
import { text, zeros, zipOf } from "./lib/zip-bomb";

const REPO = path.resolve(import.meta.dirname, "..");
const SAMPLE = path.join(REPO, "test/fixtures/units-shanxi.csv");
const sampleText = fs.readFileSync(SAMPLE, "utf8");
const utf8 = (s: string) => new TextEncoder().encode(s);

/** GB18030 bytes for text, built from the platform's decoder (Node has no GB18030 encoder). */
function gb18030(s: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? fail(ch)));
  }
  return new Uint8Array(out);
  function fail(ch: string): never {
    throw new Error(`no GBK code for ${ch}`);
  }
}

const problemsOf = async (csv: string, known: { name: string; parentName: string | null }[] = []) => {
  const r = await parseUnitsFile(utf8(csv), "单位.csv", known);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems.map((p) => formatUnitsProblem("单位.csv", p));
};

describe("reading a units file", () => {
  it("reads the sample CSV with and without a BOM: 24 units, the counties under 共青团长治市委", async () => {
    for (const bytes of [utf8(sampleText), new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(sampleText)])]) {
      const r = await parseUnitsFile(bytes, "units-shanxi.csv", []);
      if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
      expect(r.rows).toHaveLength(24);
      expect(r.rows[0]).toMatchObject({ name: "共青团山西省委", shortName: "团省委", parentName: null, level: "province" });
      expect(r.rows.filter((u) => u.parentName === "共青团长治市委")).toHaveLength(12);
      expect(r.rows.every((u) => u.contactName === undefined)).toBe(true);
    }
  });

  it("reads GB18030 bytes, as Excel saves CSV on Chinese Windows", async () => {
    const bytes = gb18030(sampleText);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const r = await parseUnitsFile(bytes, "units-shanxi.csv", []);
    expect(r.ok && r.rows.map((u) => u.name)).toContain("共青团长治市沁源县委");
  });

  it("reads an .xlsx, columns in any order, with the optional contact columns", async () => {
    const sheet = [
      ["级别", "上级", "名称", "简称", "联系人", "电话", "邮箱"],
      ["县级", "共青团长治市委", "共青团长治市潞州区委", "团潞州区委", "王芳", 3552020123, "luzhou@example.cn"],
      ["市级", "共青团山西省委", "共青团长治市委", "团长治市委", null, null, null],
      ["省级", null, "共青团山西省委", "团省委", null, null, null],
    ];
    const bytes = await writeExcelFile(sheet).toBuffer();
    const r = await parseUnitsFile(bytes, "单位库.xlsx", []);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
    expect(r.rows.map((u) => u.name)).toEqual(["共青团长治市潞州区委", "共青团长治市委", "共青团山西省委"]);
    expect(r.rows[0]).toMatchObject({
      contactName: "王芳",
      contactPhone: "3552020123",
      contactEmail: "luzhou@example.cn",
      level: "county",
    });
    expect(r.rows[1]).toMatchObject({ contactName: null });
  });

  it("names the line and the field of every problem, all of them at once", async () => {
    const problems = await problemsOf(
      [
        "名称,简称,上级,级别",
        "共青团山西省委,团省委,,省级",
        ",团某某,共青团山西省委,市级",
        "共青团太原市委,团太原市委,共青团山西省委,地级",
        "共青团大同市委,团大同市委,共青团山西省委,",
        "共青团太原市委,团太原,共青团山西省委,市级",
        "共青团朔州市委,团朔州市委,共青团北京市委,市级",
        "甲,,乙,县级",
        "乙,,甲,县级",
        "丙,,丙,县级",
        "丁,,,县级,",
        "戊,,,县级",
      ].join("\n"),
    );
    expect(problems).toEqual([
      "单位.csv:3: 名称 — 名称不能为空",
      "单位.csv:4: 级别 — 不认识的级别「地级」，应为 省级、市级、县级、乡镇级、其他 之一",
      "单位.csv:5: 级别 — 请填写级别（省级、市级、县级、乡镇级、其他）",
      "单位.csv:6: 名称 — 「共青团太原市委」与第 4 行重复",
      "单位.csv:7: 上级 — 找不到上级单位「共青团北京市委」：它既不在本文件中，也不在单位库里",
      "单位.csv:8: 上级 — 上级关系形成循环：「甲」→「乙」→「甲」",
      "单位.csv:9: 上级 — 上级关系形成循环：「乙」→「甲」→「乙」",
      "单位.csv:10: 上级 — 上级不能是单位自己",
    ]);
  });

  it("follows the database's parents too: a move that closes a loop through existing units is a cycle", async () => {
    const known = [
      { name: "共青团山西省委", parentName: null },
      { name: "共青团长治市委", parentName: "共青团山西省委" },
    ];
    expect(await problemsOf("名称,简称,上级,级别\n共青团山西省委,团省委,共青团长治市委,省级\n", known)).toEqual([
      "单位.csv:2: 上级 — 上级关系形成循环：「共青团山西省委」→「共青团长治市委」→「共青团山西省委」",
    ]);
    // A parent that exists only in the database is fine.
    const r = await parseUnitsFile(utf8("名称,简称,上级,级别\n共青团长治市潞州区委,,共青团长治市委,县级\n"), "a.csv", known);
    expect(r.ok).toBe(true);
  });

  it("refuses a file without the four columns, naming the header line", async () => {
    expect(await problemsOf("单位,简称,上级,级别\n共青团山西省委,团省委,,省级\n")).toEqual([
      "单位.csv:1: 表头 — 缺少「名称」列（表头应有：名称、简称、上级、级别）",
    ]);
  });

  it("bounds the rows and the bytes", async () => {
    const many = ["名称,简称,上级,级别", ...Array.from({ length: UNITS_FILE_LIMITS.rows + 1 }, (_, i) => `单位${i},,,其他`)].join("\n");
    expect(await problemsOf(many)).toEqual([`单位.csv:${UNITS_FILE_LIMITS.rows + 2}: 文件 — 超过 5000 行的上限，请分成几个文件导入`]);
    const big = await parseUnitsFile(new Uint8Array(UNITS_FILE_LIMITS.bytes + 1).fill(0x41), "big.csv", []);
    expect(!big.ok && big.problems[0]).toMatchObject({ field: "文件", message: expect.stringContaining("超过单位库文件的上限") });
  });

  it("refuses an .xlsx zip bomb before inflating it, whether it says how big it is or lies", async () => {
    const types = text("[Content_Types].xml", "<Types/>");
    for (const sheet of [zeros("xl/worksheets/sheet1.xml", 32 * 1024 * 1024), zeros("xl/worksheets/sheet1.xml", 32 * 1024 * 1024, 2000)]) {
      const bomb = zipOf([types, sheet]);
      expect(bomb.length).toBeLessThan(UNITS_FILE_LIMITS.bytes);
      const r = await parseUnitsFile(bomb, "炸弹.xlsx", []);
      const p: UnitsProblem | undefined = r.ok ? undefined : r.problems[0];
      expect(p).toMatchObject({ field: "文件", message: expect.stringContaining("疑似压缩炸弹") });
      expect(formatUnitsProblem("炸弹.xlsx", p!)).toMatch(/^炸弹\.xlsx: 文件 — Excel 文件解压后过大/);
    }
  });
});

describe("writing a units file", () => {
  const count = () => listUnits(db()).length;

  it("adds every unit parents first, then changes nothing on the same file again", async () => {
    // Counties first: their parent comes later in the file.
    const lines = sampleText.trim().split("\n");
    const shuffled = [lines[0]!, ...lines.slice(13), ...lines.slice(1, 13)].join("\n");
    const first = await importUnitsFile(db(), utf8(shuffled), "u.csv");
    if (!first.ok) throw new Error(first.problems.map((p) => formatUnitsProblem("u.csv", p)).join("\n"));
    expect(first.result.added).toHaveLength(24);
    const tree = listUnits(db());
    expect(tree.map((u) => u.name).indexOf("共青团长治市委")).toBeLessThan(tree.map((u) => u.name).indexOf("共青团长治市潞州区委"));
    const again = await importUnitsFile(db(), utf8(sampleText), "u.csv");
    expect(again.ok && again.result).toMatchObject({ added: [], updated: [] });
    expect(again.ok && again.result.unchanged).toHaveLength(24);
  });

  it("updates 简称, 级别 and 上级 of existing units by 名称", async () => {
    const r = await importUnitsFile(db(), utf8("名称,简称,上级,级别\n共青团长治市沁源县委,团沁源,共青团山西省委,其他\n"), "u.csv");
    expect(r.ok && r.result).toMatchObject({ updated: ["共青团长治市沁源县委"], added: [] });
    const unit = listUnits(db()).find((u) => u.name === "共青团长治市沁源县委")!;
    const province = listUnits(db()).find((u) => u.name === "共青团山西省委")!;
    expect(unit).toMatchObject({ shortName: "团沁源", level: "other", parentId: province.id });
  });

  it("writes nothing when any row has a problem, not even the good rows", async () => {
    const before = JSON.stringify(listUnits(db()));
    const r = await importUnitsFile(
      db(),
      utf8("名称,简称,上级,级别\n新单位甲,,共青团山西省委,县级\n共青团山西省委,新简称,,省级\n新单位乙,,没有这个单位,县级\n"),
      "u.csv",
    );
    expect(!r.ok && r.problems.map((p) => formatUnitsProblem("u.csv", p))).toEqual([
      "u.csv:4: 上级 — 找不到上级单位「没有这个单位」：它既不在本文件中，也不在单位库里",
    ]);
    expect(JSON.stringify(listUnits(db()))).toBe(before);
    expect(count()).toBe(24);
  });
});

describe("npm run units:import -- FILE", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-units-cli-"));
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dataDir);
  fs.mkdirSync(path.join(dir, "content"));
  const run = (file: string) => {
    const r = spawnSync(path.join(REPO, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/units-import.ts", file], {
      cwd: REPO,
      env: { ...process.env, CONTENT_DIR: path.join(dir, "content"), DATA_DIR: dataDir },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const unitsInDb = () => {
    const sqlite = new Database(path.join(dataDir, "jianbao.sqlite"), { readonly: true });
    try {
      return (sqlite.prepare("select count(*) as n from units").get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  };

  it("imports the sample, says what it did, and changes nothing the second time", () => {
    const first = run(SAMPLE);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toContain("新增 24、更新 0、未变 0");
    expect(unitsInDb()).toBe(24);
    const again = run(SAMPLE);
    expect(again.code).toBe(0);
    expect(again.out.trim()).toBe("新增 0、更新 0、未变 24");
  }, 120_000);

  it("prints every problem as FILE:LINE: 字段 — message, exits 1 and writes nothing", () => {
    const bad = path.join(dir, "坏的.csv");
    fs.writeFileSync(bad, "名称,简称,上级,级别\n新单位,,共青团山西省委,县级\n,,,市级\n");
    const r = run(bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain("坏的.csv:3: 名称 — 名称不能为空");
    expect(r.err).toContain("单位库没有任何改动");
    expect(unitsInDb()).toBe(24);
  }, 60_000);
});
