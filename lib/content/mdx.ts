// Compiles an issue's MDX body with @mdx-js/mdx into a sanitised HTML syntax tree (hast).
// The JavaScript that MDX would normally produce is thrown away and never evaluated: the page
// renders the tree through a fixed component map, so no author-supplied code can run.
import { compile } from "@mdx-js/mdx";
import type { Element, ElementContent, Nodes as HastNodes, Root as HastRoot } from "hast";
import remarkCjkFriendly from "remark-cjk-friendly";
import remarkGfm from "remark-gfm";
import { VFile } from "vfile";
import { INVISIBLE_CHARACTERS, TEXT_BLOCKS } from "./allowed-elements";
import { type RuleViolation, remarkRejectUnsafe } from "./mdx-rules";

export type CompiledBody = {
  tree: HastRoot;
  /**
   * The tree as JSON, when it was compiled in another process (load-pool.ts): the sync stores
   * it as it came instead of rebuilding and re-serialising a tree of thousands of nodes.
   */
  treeJson?: string;
  /** Plain text of the body, paragraphs separated by newlines (search, summaries). */
  text: string;
  /** Titles of the articles (# headings), in order. */
  articles: string[];
};

export type CompileResult = { ok: true; value: CompiledBody } | { ok: false; violations: RuleViolation[] };

class Stop extends Error {}

export async function compileBody(source: string, lineOffset = 0): Promise<CompileResult> {
  const sink = { violations: [] as RuleViolation[], lineOffset };
  let captured: HastRoot | undefined;
  const file = new VFile({ value: source });
  try {
    await compile(file, {
      format: "mdx",
      remarkPlugins: [
        remarkGfm,
        remarkCjkFriendly,
        [remarkRejectUnsafe, sink],
        () => () => {
          if (sink.violations.length > 0) throw new Stop();
        },
      ],
      remarkRehypeOptions: { footnoteLabel: "注释", footnoteBackLabel: "返回正文", footnoteLabelTagName: "h2" },
      rehypePlugins: [
        () => (tree: HastRoot) => {
          // No copy needed: nothing runs after this plugin (it stops the pipeline), and strip() builds new nodes.
          captured = tree;
          // The rest of the pipeline only builds JavaScript we will not use.
          throw new Stop();
        },
      ],
    });
  } catch (error) {
    if (!(error instanceof Stop)) {
      const e = error as {
        line?: number;
        column?: number;
        place?: { line?: number; column?: number; start?: { line: number; column: number } };
        reason?: string;
        message?: string;
      };
      const pos =
        e.place && "start" in e.place && e.place.start ? e.place.start : (e.place as { line?: number; column?: number } | undefined);
      sink.violations.push({
        line: (pos?.line ?? e.line ?? 1) + lineOffset,
        column: pos?.column ?? e.column,
        field: "body",
        code: "mdx:syntax",
        message: `MDX 语法错误：${translateSyntax(e.reason ?? e.message ?? String(error))}`,
      });
    }
  }
  if (sink.violations.length > 0 || !captured) return { ok: false, violations: sink.violations };
  const tree = strip(captured) as HastRoot;
  return { ok: true, value: { tree, text: toText(tree), articles: articleTitles(tree) } };
}

function translateSyntax(reason: string): string {
  if (/before name|Unexpected character .* before name/.test(reason)) return `${reason}（正文中的“<”请写作 \\<）`;
  if (/expected a closing tag|Expected a closing tag/.test(reason)) return `${reason}（元素缺少结束标签）`;
  return reason;
}

/**
 * Drops positions and parser data so the stored tree is small and holds only what renders, and
 * turns the (already validated) MDX JSX elements into plain hast elements whose attributes are
 * literal strings: the renderer then needs no JavaScript evaluation at all.
 */
function strip(input: HastNodes): HastNodes {
  let node = input;
  if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
    const properties: Record<string, string> = {};
    for (const a of node.attributes) if (a.type === "mdxJsxAttribute" && typeof a.value === "string") properties[a.name] = a.value;
    node = { type: "element", tagName: node.name ?? "div", properties, children: node.children as ElementContent[] };
  }
  const { position: _p, data: _d, ...rest } = node as HastNodes & { position?: unknown; data?: unknown };
  if (rest.type === "text") return { ...rest, value: rest.value.replace(INVISIBLE_CHARACTERS, "") } as HastNodes;
  if ("children" in rest && Array.isArray(rest.children)) {
    let children = rest.children as HastNodes[];
    // Newlines between blocks carry no meaning and bloat the stored tree.
    if (rest.type === "root" || (rest.type === "element" && LAYOUT_ONLY.has(rest.tagName))) {
      children = children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
    }
    return { ...rest, children: children.map(strip) } as HastNodes;
  }
  return rest as HastNodes;
}

const LAYOUT_ONLY = new Set(["table", "thead", "tbody", "tr", "ol", "ul", "section", "blockquote"]);

const BLOCKS = new Set<string>([...TEXT_BLOCKS, "li", "tr", "blockquote", "figcaption"]);

function toText(root: HastRoot): string {
  const out: string[] = [];
  const visit = (n: HastNodes) => {
    if (n.type === "text") out.push(n.value);
    const name = n.type === "element" ? n.tagName : "";
    if (n.type === "element" && n.tagName === "br") out.push("\n");
    if ("children" in n) for (const c of n.children as HastNodes[]) visit(c);
    if (BLOCKS.has(name)) out.push("\n");
  };
  visit(root);
  return out
    .join("")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

function articleTitles(root: HastRoot): string[] {
  return root.children
    .filter((n): n is Element => n.type === "element" && n.tagName === "h1")
    .map((h) => textOf(h).replace(/\s+/g, " ").trim());
}

export function textOf(n: ElementContent | HastNodes): string {
  if (n.type === "text") return n.value;
  if ("children" in n) return (n.children as ElementContent[]).map(textOf).join("");
  return "";
}
