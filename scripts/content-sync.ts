// `npm run content:sync`: indexes CONTENT_DIR into the SQLite database (incremental).

import { createLoadPool } from "@/lib/content/load-pool";
import { formatProblem } from "@/lib/content/problem";
import { syncContent } from "@/lib/content/sync";
import { env } from "@/lib/env";

const root = env().contentDir;
const tty = process.stderr.isTTY;
const report = await syncContent({
  root,
  pool: (root, series) => createLoadPool(root, series),
  onProgress: (done, total) => {
    if (total < 1000) return;
    if (tty) process.stderr.write(`\rcontent:sync ${done}/${total}`);
    else console.error(`content:sync ${done}/${total}`);
  },
});
if (tty) process.stderr.write("\n");
for (const p of report.problems) console.error(formatProblem(p));
console.log(
  `content:sync ${root} → ${env().databaseFile}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.removed} removed, ${report.failed} with problems${report.superseded > 0 ? `, ${report.superseded} left as indexed meanwhile by another writer` : ""} (${report.ms} ms)`,
);
