// Validates a whole content tree: every series, every issue, and what only shows across files
// (duplicate numbers, stray files). Used by `npm run content:check` and by tests.
import { type LoadedIssue, type LoadedSeries, loadIssue, loadSeries } from "./load";
import type { ContentProblem } from "./problem";
import { UNSAFE_PATH_MESSAGE } from "./safe-file";
import { scanContent } from "./scan";

export type CheckResult = { series: LoadedSeries[]; issues: LoadedIssue[]; problems: ContentProblem[]; files: number };

export async function loadAllSeries(root: string, files: string[]) {
  const series = new Map<string, LoadedSeries>();
  const problems: ContentProblem[] = [];
  for (const rel of files) {
    const loaded = await loadSeries(root, rel);
    if (!loaded.ok) problems.push(...loaded.problems);
    else if (series.has(loaded.value.definition.id)) {
      problems.push({
        path: rel,
        line: 1,
        field: "id",
        code: "content:duplicate-series",
        message: `刊物代号「${loaded.value.definition.id}」已在 ${series.get(loaded.value.definition.id)!.path} 中定义`,
      });
    } else series.set(loaded.value.definition.id, loaded.value);
  }
  return { series, problems };
}

/** A symlink the scan found (a folder, a picture…): refused at its path, never followed. */
export const linkProblem = (rel: string): ContentProblem => ({
  path: rel,
  line: 1,
  field: "file",
  code: "content:symlink",
  message: UNSAFE_PATH_MESSAGE["content:symlink"],
});

export const issueKeyString = (i: Pick<LoadedIssue, "key">) =>
  `${i.key.series}/${i.key.year}/${i.key.supplement ? "zk" : ""}${i.key.number}`;

export async function checkContent(root: string): Promise<CheckResult> {
  const files = await scanContent(root);
  const { series, problems } = await loadAllSeries(root, files.series);
  problems.push(...files.links.map(linkProblem));
  for (const rel of files.stray) {
    problems.push({ path: rel, line: 1, field: "file", code: "content:path-mismatch", message: "期刊文件的扩展名应为 .mdx" });
  }
  const issues: LoadedIssue[] = [];
  const byKey = new Map<string, LoadedIssue>();
  for (const rel of files.issues) {
    const loaded = await loadIssue(root, rel, series);
    if (!loaded.ok) {
      problems.push(...loaded.problems);
      continue;
    }
    const first = byKey.get(issueKeyString(loaded.value));
    if (first) {
      problems.push({
        path: rel,
        line: 1,
        field: "number",
        code: "content:duplicate-issue",
        message: `与 ${first.path} 的刊物、年份和期号重复`,
      });
      continue;
    }
    byKey.set(issueKeyString(loaded.value), loaded.value);
    issues.push(loaded.value);
  }
  return {
    series: [...series.values()],
    issues,
    problems,
    files: files.series.length + files.issues.length + files.stray.length + files.links.length,
  };
}
