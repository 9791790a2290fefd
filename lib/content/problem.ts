// A problem found in a content file, always pinned to path:line and a field, so an editor can
// go straight to it. Codes are stable identifiers; messages are for people (zh-CN).
export type ContentProblem = {
  path: string;
  line: number;
  column?: number;
  field: string;
  code: ProblemCode;
  message: string;
};

export type ProblemCode =
  | "content:too-large"
  | "content:invalid-utf8"
  | "content:no-frontmatter"
  | "content:invalid-yaml"
  | "content:yaml-alias"
  | "content:invalid-frontmatter"
  | "content:unknown-series"
  | "content:path-mismatch"
  | "content:duplicate-issue"
  | "content:duplicate-series"
  | "content:unreadable"
  | "content:missing-media"
  | "content:symlink"
  | "content:not-a-file"
  | "mdx:syntax"
  | "mdx:esm"
  | "mdx:expression"
  | "mdx:attribute-expression"
  | "mdx:unknown-element"
  | "mdx:unknown-attribute"
  | "mdx:unsafe-url";

export function formatProblem(p: ContentProblem): string {
  const where = p.column ? `${p.path}:${p.line}:${p.column}` : `${p.path}:${p.line}`;
  return `${where}: ${p.field}: ${p.message} [${p.code}]`;
}
