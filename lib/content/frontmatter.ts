// Splits an MDX file into its YAML frontmatter and body, and turns YAML and schema errors into
// problems that point at the line of the offending key.
import { type Document, isAlias, isMap, isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import type { ContentProblem } from "./problem";

export type Frontmatter = {
  data: unknown;
  doc: Document.Parsed;
  /** 1-based line in the file where the YAML starts (the line after the opening ---). */
  yamlLine: number;
  lineCounter: LineCounter;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
};

const FENCE = /^---[ \t]*$/;

/**
 * Where the frontmatter ends: the first later line that is `---` at column 0 (trailing blanks
 * allowed). The loader and the studio's form both split here, so a `---` inside an indented
 * YAML value can never end the block for one of them and not the other.
 */
export function findFences(source: string): { ok: true; lines: string[]; end: number } | { ok: false; missing: "open" | "close" } {
  const lines = source.split("\n");
  if (!FENCE.test(lines[0]?.replace(/\r$/, "") ?? "")) return { ok: false, missing: "open" };
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l.replace(/\r$/, "")));
  return end < 0 ? { ok: false, missing: "close" } : { ok: true, lines, end };
}

export function splitFrontmatter(
  path: string,
  source: string,
): { ok: true; value: Frontmatter } | { ok: false; problems: ContentProblem[] } {
  const fences = findFences(source);
  if (!fences.ok) {
    const message = fences.missing === "open" ? "文件必须以 --- 开头的 YAML 元数据开始" : "YAML 元数据缺少结尾的 ---";
    return { ok: false, problems: [{ path, line: 1, field: "frontmatter", code: "content:no-frontmatter", message }] };
  }
  const { lines, end } = fences;
  const yamlText = lines.slice(1, end).join("\n");
  const parsed = parseYaml(path, yamlText, 2);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: { ...parsed.value, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 },
  };
}

/** Parses YAML (a frontmatter block or a whole series file) starting at `firstLine` of the file. */
export function parseYaml(path: string, yamlText: string, firstLine: number) {
  const lineCounter = new LineCounter();
  // Aliases are refused outright: they are how a few bytes of YAML expand into gigabytes.
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + firstLine - 1, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false as const,
      problems: doc.errors.map(
        (e): ContentProblem => ({
          path,
          ...at(e.pos[0]),
          field: "frontmatter",
          code: "content:invalid-yaml",
          message: `YAML 格式错误：${e.message.split("\n")[0]}`,
        }),
      ),
    };
  }
  const aliases: ContentProblem[] = [];
  visit(doc, {
    Alias(_, node) {
      aliases.push({
        path,
        ...at(node.range?.[0] ?? 0),
        field: "frontmatter",
        code: "content:yaml-alias",
        message: "不允许使用 YAML 别名（*name）",
      });
    },
  });
  if (aliases.length > 0) return { ok: false as const, problems: aliases };
  return { ok: true as const, value: { data: doc.toJS({ maxAliasCount: 0 }) as unknown, doc, yamlLine: firstLine, lineCounter } };
}

type Located = Pick<Frontmatter, "doc" | "lineCounter" | "yamlLine">;

/** Maps zod issues to problems on the line of the key (or value) they are about. */
export function schemaProblems(path: string, fm: Located, error: z.ZodError): ContentProblem[] {
  return error.issues.flatMap((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key): ContentProblem => {
      const fieldPath = key === undefined ? issue.path : [...issue.path, key];
      const line = lineOf(fm, issue.path, key);
      const field = fieldPath.map(String).join(".") || "frontmatter";
      const message =
        key !== undefined
          ? `未知字段「${key}」`
          : issue.code === "invalid_type" && valueAt(fm.doc, issue.path) === undefined
            ? `缺少必填字段：${issue.message}`
            : issue.message;
      return { path, line, field, code: "content:invalid-frontmatter", message };
    });
  });
}

function valueAt(doc: Document.Parsed, path: PropertyKey[]): unknown {
  return doc.getIn(
    path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    false,
  );
}

function lineOf(fm: Located, path: PropertyKey[], key?: string): number {
  const toLine = (offset: number) => fm.lineCounter.linePos(offset).line + fm.yamlLine - 1;
  let node: unknown = fm.doc.contents;
  let best = fm.yamlLine - 1; // the opening --- when nothing more precise is known
  const steps = key === undefined ? path : [...path, key];
  for (const step of steps) {
    if (!isMap(node) && !(node && typeof node === "object" && "items" in node)) break;
    const items = (node as { items: unknown[] }).items;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) best = toLine(pair.key.range[0]);
      next = pair.value;
    } else if (typeof step === "number") {
      next = items[step];
    }
    const range = (next as { range?: [number, number, number] } | null)?.range;
    if (range && !isAlias(next)) best = toLine(range[0]);
    node = next;
  }
  return Math.max(best, 1);
}
