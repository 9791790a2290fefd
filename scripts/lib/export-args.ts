// The arguments `npm run pdf` and `npm run docx` share: one issue (jtyx/2022/3) with --out, or
// --all with --out-dir. One reading, so both commands accept and refuse the same spellings.
import { parseArgs } from "node:util";
import type { IssueKey } from "@/lib/content/paths";
import { parseIssueParams } from "@/lib/route-params";

export type ExportArgs = { all: true; outDir?: string } | { all: false; key: IssueKey; out?: string };

export function exportArgs(command: "pdf" | "docx"): ExportArgs {
  const usage = `用法：npm run ${command} -- <简报代号>/<年份>/<期号> [--out 文件]\n      npm run ${command} -- --all [--out-dir 目录]\n例如：npm run ${command} -- jtyx/2022/3`;
  const { values, positionals } = parseArgs({
    options: { out: { type: "string" }, "out-dir": { type: "string" }, all: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help || (!values.all && positionals.length !== 1) || (values.all && positionals.length > 0)) exitWith(usage);
  if (values.all) return { all: true, outDir: values["out-dir"] };
  const raw = positionals[0]!;
  // jtyx/2022/3 as in the URL; the file's number form (jtyx/2022/003, zk001) is accepted too.
  const [series = "", year = "", number = "", ...rest] = raw.replace(/^\/+|\/+$/g, "").split("/");
  const key = rest.length ? null : parseIssueParams({ series, year, number: number.replace(/^(zk)?0+(?=\d)/, "$1") });
  return key ? { all: false, key, out: values.out } : exitWith(`无法识别期号“${raw}”。\n${usage}`);
}

/** A refusal the user can act on: the message alone, no stack; 2 for usage, 1 for a failed export. */
export function exitWith(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}
