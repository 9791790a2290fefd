// `npm run backup -- [--out FILE]`: a backup archive of the database and content/ while the server
// runs (see lib/backup/archive.ts for what is in it). Without --out it goes to BACKUP_DIR
// (default DATA_DIR/backups) as jianbao-backup-<UTC time>.tar.gz.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "@/lib/backup/archive";
import { archiveName } from "@/lib/backup/names";
import { env } from "@/lib/env";

const USAGE = "用法：npm run backup -- [--out 文件名.tar.gz]";

let values: { out?: string };
try {
  ({ values } = parseArgs({ options: { out: { type: "string" } }, strict: true, allowPositionals: false }));
} catch (error) {
  console.error(`错误：${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const e = env();
if (!fs.existsSync(e.databaseFile)) {
  console.error(`错误：没有找到数据库 ${e.databaseFile}（DATA_DIR 设得对吗？）`);
  process.exit(1);
}
const now = new Date();
const out = path.resolve(values.out ?? path.join(e.backupDir, archiveName(now, false)));
if (fs.existsSync(out)) {
  console.error(`错误：${out} 已存在，不会覆盖它`);
  process.exit(1);
}
try {
  const r = await createBackup({ out, databaseFile: e.databaseFile, contentDir: e.contentDir, now });
  const content = r.manifest.files.filter((f) => f.path.startsWith("content/"));
  console.log(`已备份到 ${r.file}（${(r.bytes / 1024 / 1024).toFixed(1)} MB）`);
  console.log(`  数据库：结构版本 ${r.manifest.database.migration ?? "无"}`);
  console.log(`  content：${content.length} 个文件`);
  for (const s of r.manifest.skipped) console.log(`  跳过 ${s.path}：${s.reason}`);
  console.log(`  总校验和（sha256，解压后的 tar）：${r.sha256}`);
} catch (error) {
  console.error("backup:failed", error);
  console.error(`错误：备份没有完成，没有留下不完整的文件：${(error as Error).message}`);
  process.exit(1);
}
