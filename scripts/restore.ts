// `npm run restore -- FILE [--force] [--verify]`: checks a backup archive end to end, then puts
// its database and content/ in place of the current ones (kept beside them, renamed) and migrates
// the database. Refuses a damaged archive, a running server, and (without --force) replacing
// existing data. `--verify` only checks the archive and changes nothing.
import { parseArgs } from "node:util";
import { closeDb, openDb } from "@/db/index";
import { RestoreError, restoreBackup, verifyBackup } from "@/lib/backup/restore";
import { env } from "@/lib/env";

const USAGE = "用法：npm run restore -- 备份文件.tar.gz [--force] [--verify]";

let parsed: { values: { force?: boolean; verify?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({
    options: { force: { type: "boolean", default: false }, verify: { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  console.error(`错误：${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [file, ...extra] = parsed.positionals;
if (!file || extra.length > 0) {
  console.error(`错误：请给出一个备份文件\n${USAGE}`);
  process.exit(2);
}

try {
  if (parsed.values.verify) {
    const { manifest, sha256, entries } = await verifyBackup(file);
    console.log(
      `${file} 校验通过：${manifest.createdAt} 由 ${manifest.app.name} ${manifest.app.version} 备份，数据库结构版本 ${manifest.database.migration ?? "无"}，共 ${entries.size} 个条目`,
    );
    console.log(`  总校验和（sha256，解压后的 tar）：${sha256}`);
    process.exit(0);
  }
  const e = env();
  const r = await restoreBackup({
    file,
    dataDir: e.dataDir,
    contentDir: e.contentDir,
    force: parsed.values.force,
    migrate: (databaseFile) => {
      openDb(databaseFile, { backupDir: e.backupDir });
      closeDb(databaseFile);
    },
  });
  console.log(`已从 ${file} 恢复（备份时间 ${r.manifest.createdAt}）：`);
  console.log(
    `  数据库 ${r.databaseFile}：${Object.entries(r.records)
      .map(([t, n]) => `${t} ${n}`)
      .join("，")}；结构版本 ${r.migration ?? "无"}`,
  );
  console.log(`  content ${r.contentDir}：${r.files} 个文件`);
  if (r.keptDatabase) console.log(`  原来的数据库保留为 ${r.keptDatabase}`);
  if (r.keptContent) console.log(`  原来的 content 目录保留为 ${r.keptContent}`);
  console.log("启动服务器后，它会按恢复的 content 重建索引。会话密钥不在备份中：换了机器时大家需要重新登录。");
} catch (error) {
  if (error instanceof RestoreError) {
    console.error(`错误（${error.code}）：${error.message}`);
    process.exit(error.code === "backup:invalid" ? 3 : error.code === "backup:failed" ? 1 : 4);
  }
  console.error("backup:restore-failed", error);
  console.error(`错误：恢复失败：${(error as Error).message}`);
  process.exit(1);
}
