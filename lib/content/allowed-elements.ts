// The only elements an editor may write in an issue's MDX, with the attributes each takes.
// Everything else is refused by the compiler, so the renderer can trust what it gets.
export type AttributeRule = { kind: "text"; max?: number } | { kind: "url" } | { kind: "enum"; values: readonly string[] };

export type ElementRule = { description: string; attributes: Record<string, AttributeRule>; required?: string[] };

export const allowedElements: Record<string, ElementRule> = {
  RunIn: {
    description: "段首标题（如“一、……。”，黑体，正文接排）",
    attributes: { level: { kind: "enum", values: ["1", "2", "3"] } },
  },
  EditorNote: {
    description: "按语（楷体）",
    attributes: { label: { kind: "text", max: 10 } },
  },
  Signature: {
    description: "落款：单位与日期，右对齐",
    attributes: { org: { kind: "text", max: 60 }, date: { kind: "text", max: 30 } },
  },
  Byline: { description: "供稿单位或作者，如“（团长治市委供稿）”", attributes: {} },
  Figure: {
    description: "图片及图注",
    attributes: { src: { kind: "url" }, alt: { kind: "text", max: 200 }, caption: { kind: "text", max: 200 } },
    required: ["src"],
  },
  PageBreak: { description: "另起一页", attributes: {} },
  br: { description: "换行", attributes: {} },
  sup: { description: "上标", attributes: {} },
  sub: { description: "下标", attributes: {} },
};

export const allowedElementNames = Object.keys(allowedElements);

/**
 * Characters that print nothing and that a bulletin's text never needs: zero-width space, joiner
 * and non-joiner, byte-order mark, soft hyphen. A zero-width space or soft hyphen would let a
 * line break where the layout's rules forbid it (before a closing mark, inside a word). The
 * importer drops them from what it reads, the compiler from every body.
 */
export const INVISIBLE_CHARACTERS = /[\u200B-\u200D\uFEFF\u00AD]/g;

/** Elements that stand as paragraphs of their own and hold text: headings, and the components
 * that set a block (a note, a signature, a byline, a figure). Plain text and the Word export both
 * end a paragraph after each. */
export const TEXT_BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "EditorNote", "Signature", "Byline", "Figure"] as const;

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** True for http(s)/mailto URLs and for relative references; false for javascript:, data:, etc. */
export function isSafeUrl(raw: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so do we.
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  // No scheme: refuse protocol-relative forms. Browsers read a backslash as "/" in http(s) URLs,
  // so "/\evil.com" reaches evil.com just as "//evil.com" does.
  if (!scheme) return !url.startsWith("//") && !url.startsWith("\\") && !url.startsWith("/\\");
  return SAFE_PROTOCOLS.has(`${scheme[1]!.toLowerCase()}:`);
}
