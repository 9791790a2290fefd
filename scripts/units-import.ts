// `npm run units:import -- FILE`: loads the office's unit list (.csv or .xlsx: 名称, 简称, 上级,
// 级别) into the 单位库. The whole file is checked first; one problem and nothing is written.
// Running it again with the same file changes nothing.
import fs from "node:fs";
import path from "node:path";
import { recordAudit } from "@/db/queries/studio/audit";
import { db } from "@/lib/database";
import { isAppError } from "@/lib/errors";
import { formatUnitsProblem, importUnitsFile, UNITS_FILE_LIMITS } from "@/lib/xinxi/units-import";

const USAGE = `用法：npm run units:import -- 文件.csv|文件.xlsx
  表头（第一行）须有：名称、简称、上级、级别（次序不限）；可另有：联系人、电话、邮箱
  上级写上级单位的名称（本文件中的另一行，或单位库里已有的单位）；级别写 省级、市级、县级、乡镇级 或 其他
  CSV 可以是 UTF-8（带或不带 BOM）或 GB18030（Excel 在中文 Windows 上另存的 CSV）`;

const args = process.argv.slice(2).filter((a) => a !== "--");
if (args.length !== 1 || args[0]!.startsWith("-")) {
  console.error(args.includes("--help") || args.includes("-h") ? USAGE : `错误：请给出一个单位库文件\n\n${USAGE}`);
  process.exit(2);
}
const file = args[0]!;
const shown = path.basename(file);

let bytes: Buffer;
try {
  // Bounded before it is read: a file far past any unit list is refused without loading it.
  const size = fs.statSync(file).size;
  if (size > UNITS_FILE_LIMITS.bytes) {
    console.error(
      formatUnitsProblem(shown, { field: "文件", message: `文件超过单位库文件的上限 ${UNITS_FILE_LIMITS.bytes / 1024 / 1024} MB` }),
    );
    process.exit(1);
  }
  bytes = fs.readFileSync(file);
} catch (error) {
  console.error(`错误：无法读取 ${file}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）`);
  process.exit(2);
}

const d = db();
try {
  const outcome = await importUnitsFile(d, bytes, shown);
  if (!outcome.ok) {
    for (const p of outcome.problems) console.error(formatUnitsProblem(shown, p));
    console.error(`\n发现 ${outcome.problems.length} 处问题，单位库没有任何改动。`);
    process.exit(1);
  }
  const { added, updated, unchanged } = outcome.result;
  if (added.length || updated.length)
    recordAudit(d, {
      actorId: null,
      actorEmail: "命令行",
      action: "unit.import",
      target: shown,
      detail: { added: added.length, updated: updated.length, unchanged: unchanged.length },
    });
  for (const n of added) console.log(`新增  ${n}`);
  for (const n of updated) console.log(`更新  ${n}`);
  console.log(`新增 ${added.length}、更新 ${updated.length}、未变 ${unchanged.length}`);
} catch (error) {
  if (isAppError(error)) {
    console.error(`错误：${error.publicMessage}；单位库没有任何改动`);
    process.exit(1);
  }
  throw error;
}
