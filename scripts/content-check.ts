// `npm run content:check`: validates every file under CONTENT_DIR and lists each problem as
// path:line: field: message. Exits 1 when there is any problem.
import { checkContent } from "@/lib/content/check";
import { formatProblem } from "@/lib/content/problem";
import { env } from "@/lib/env";

const root = process.argv[2] ?? env().contentDir;
const result = await checkContent(root);
for (const p of result.problems) console.error(formatProblem(p));
const broken = new Set(result.problems.map((p) => p.path)).size;
console.log(
  `content:check ${root}: ${result.series.length} series, ${result.issues.length} issues valid; ${result.problems.length} problems in ${broken} files (${result.files} files read)`,
);
process.exitCode = result.problems.length > 0 ? 1 : 0;
