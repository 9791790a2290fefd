// A remark plugin that refuses everything in MDX that could run code or escape the allow-list:
// import/export, {expressions}, attribute expressions and spreads, unknown elements, unsafe URLs.
import type { Nodes, Root } from "mdast";
import type { VFile } from "vfile";
import { checkPictureUrl } from "@/lib/net/address-rule";
import { allowedElements, isSafeUrl } from "./allowed-elements";
import type { ContentProblem, ProblemCode } from "./problem";

export type RuleViolation = Omit<ContentProblem, "path">;

type Sink = { violations: RuleViolation[]; lineOffset: number };

export function remarkRejectUnsafe(sink: Sink) {
  return (tree: Root, _file: VFile) => {
    walk(tree, (node) => check(node, sink));
  };
}

function walk(node: Nodes, fn: (n: Nodes) => void) {
  fn(node);
  if ("children" in node) for (const child of node.children as Nodes[]) walk(child, fn);
}

function check(node: Nodes, sink: Sink) {
  const add = (code: ProblemCode, message: string, field = "body") => {
    const start = node.position?.start;
    sink.violations.push({ line: (start?.line ?? 1) + sink.lineOffset, column: start?.column, field, code, message });
  };
  switch (node.type) {
    case "mdxjsEsm":
      add("mdx:esm", "不允许使用 import 或 export 语句");
      return;
    case "mdxFlowExpression":
    case "mdxTextExpression":
      add("mdx:expression", "不允许使用 {…} 表达式；如需显示花括号，请写作 \\{ 和 \\}");
      return;
    case "mdxJsxFlowElement":
    case "mdxJsxTextElement": {
      const name = node.name ?? "";
      const rule = allowedElements[name];
      if (!rule) {
        add(
          "mdx:unknown-element",
          name ? `不支持的元素 <${name}>；可用的有：${Object.keys(allowedElements).join("、")}` : "不支持空元素 <>…</>",
        );
        return;
      }
      const seen = new Set<string>();
      for (const attr of node.attributes) {
        if (attr.type === "mdxJsxExpressionAttribute") {
          add("mdx:attribute-expression", `<${name}> 的属性不能使用 {…} 展开`);
          continue;
        }
        seen.add(attr.name);
        const attrRule = rule.attributes[attr.name];
        if (!attrRule) {
          add("mdx:unknown-attribute", `<${name}> 没有属性「${attr.name}」`, `body.${name}.${attr.name}`);
          continue;
        }
        if (attr.value === null || attr.value === undefined || typeof attr.value !== "string") {
          add(
            "mdx:attribute-expression",
            `<${name}> 的属性「${attr.name}」必须是带引号的文字，例如 ${attr.name}="…"`,
            `body.${name}.${attr.name}`,
          );
          continue;
        }
        if (attrRule.kind === "url" && !isSafeUrl(attr.value))
          add("mdx:unsafe-url", `不允许的链接地址：${attr.value.slice(0, 60)}`, `body.${name}.${attr.name}`);
        else if (name === "Figure" && attr.name === "src" && isInternalPicture(attr.value))
          add("mdx:unsafe-url", internalPictureMessage(attr.value), `body.${name}.${attr.name}`);
        if (attrRule.kind === "enum" && !attrRule.values.includes(attr.value))
          add("mdx:unknown-attribute", `<${name}> 的「${attr.name}」只能是 ${attrRule.values.join("、")}`, `body.${name}.${attr.name}`);
        if (attrRule.kind === "text" && attrRule.max && attr.value.length > attrRule.max)
          add("mdx:unknown-attribute", `<${name}> 的「${attr.name}」不能超过 ${attrRule.max} 个字`, `body.${name}.${attr.name}`);
      }
      for (const req of rule.required ?? [])
        if (!seen.has(req)) add("mdx:unknown-attribute", `<${name}> 缺少必填属性「${req}」`, `body.${name}.${req}`);
      return;
    }
    case "link":
    case "image":
    case "definition":
      if (!isSafeUrl(node.url)) add("mdx:unsafe-url", `不允许的链接地址：${node.url.slice(0, 60)}`);
      else if (node.type === "image" && isInternalPicture(node.url)) add("mdx:unsafe-url", internalPictureMessage(node.url));
      return;
    default:
      return;
  }
}

/**
 * An absolute http(s) picture address the PDF renderer would refuse (loopback, a private range,
 * localhost…): refused here too, so the author learns at the line rather than from a PDF with a
 * hole in it. Relative paths (the issue's own folder, the site) are not addresses.
 */
function isInternalPicture(src: string): boolean {
  return /^https?:/i.test(src.trim()) && !checkPictureUrl(src.trim()).ok;
}

const internalPictureMessage = (src: string) =>
  `图片地址 ${src.slice(0, 60)} 指向内部网络或本机，不予读取：图片只能来自公开网站，或放在本期旁的图片文件夹中`;
