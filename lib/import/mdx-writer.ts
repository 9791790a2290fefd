// Writes a recognised issue as MDX: YAML frontmatter in the project's field order, then the body
// with every character that MDX or Markdown would read as syntax escaped, so imported text can
// never become markup, let alone code.
import { stringify } from "yaml";
import { BOLD_CLOSE, BOLD_OPEN } from "./normalize";
import type { BodyNode, RecognisedIssue } from "./recognise";
import { trailingSpace } from "./scan-text";

const SYNTAX = /[\\`*_{}[\]<>#|~&$]/g;

/** Footnote references (FOOTNOTE_OPEN id FOOTNOTE_CLOSE) as [^id]; the id is the reader's own number. */
const footnoteRefs = (s: string) => s.replace(/\uE002([0-9A-Za-z-]{1,20})\uE003/g, "[^$1]").replace(/[\uE002\uE003]/g, "");

/** Escapes text for an MDX paragraph; bold marks become **…**, footnote references [^id]. */
export function escapeInline(text: string): string {
  return footnoteRefs(escapeMarked(text));
}

function escapeMarked(text: string): string {
  let out = "";
  for (const part of text.split(/(\uE000[^\uE000\uE001]*\uE001)/)) {
    if (part.startsWith(BOLD_OPEN) && part.endsWith(BOLD_CLOSE)) {
      const inner = part.slice(1, -1);
      const lead = inner.match(/^\s*/)![0];
      const trail = trailingSpace(inner);
      const core = inner.trim();
      out += core ? `${lead}**${core.replace(SYNTAX, "\\$&")}**${trail}` : inner;
    } else out += part.replace(/[\uE000\uE001]/g, "").replace(SYNTAX, "\\$&");
  }
  return out;
}

/** As escapeInline, and what would start a list, quote or heading at the beginning of a block. */
function escapeBlock(text: string): string {
  return escapeInline(text.trim())
    .replace(/^([-+])(\s)/, "\\$1$2")
    .replace(/^(\d{1,9})([.)])(\s)/, "$1\\$2$3")
    .replace(/^(=+|-+)$/, "\\$1");
}

/** A JSX attribute value: MDX has no escapes inside "…", so a double quote becomes the full-width one. */
const attr = (s: string) => s.replace(/"/g, "＂").replace(/[{}<>]/g, (c) => ({ "{": "｛", "}": "｝", "<": "＜", ">": "＞" })[c]!);

/** One body node as MDX (also a 信息稿件's body, lib/import/article.ts). */
export function nodeMdx(n: BodyNode): string {
  switch (n.kind) {
    case "para":
      return escapeBlock(n.text);
    case "runin": {
      const open = n.level === 1 ? "<RunIn>" : `<RunIn level="${n.level}">`;
      return `${open}${escapeInline(n.head)}</RunIn>${escapeInline(n.rest)}`;
    }
    case "title":
      return `# ${escapeInline(n.text)}`;
    case "note":
      return `<EditorNote>${escapeInline(n.text)}</EditorNote>`;
    case "byline":
      return `<Byline>${escapeInline(n.text)}</Byline>`;
    case "signature":
      return n.org ? `<Signature org="${attr(n.org)}" date="${attr(n.date)}" />` : `<Signature date="${attr(n.date)}" />`;
    case "image": {
      const alt = n.alt && n.alt !== n.caption ? ` alt="${attr(n.alt)}"` : "";
      const caption = n.caption ? ` caption="${attr(n.caption)}"` : "";
      return `<Figure src="${attr(n.file)}"${alt}${caption} />`;
    }
    case "footnote":
      return `[^${n.id}]: ${escapeInline(n.text)}`;
    case "list":
      return n.items.map((item, i) => `${n.ordered ? `${i + 1}.` : "-"} ${escapeInline(item) || " "}`).join("\n");
    case "table": {
      const width = Math.max(...n.rows.map((r) => r.length));
      const row = (cells: string[]) =>
        `| ${Array.from({ length: width }, (_, i) => escapeInline(cells[i] ?? "").replace(/\n/g, " ") || " ").join(" | ")} |`;
      const [header = [], ...rows] = n.rows;
      return [row(header), `| ${Array.from({ length: width }, () => "---").join(" | ")} |`, ...rows.map(row)].join("\n");
    }
  }
}

export function toMdx(issue: RecognisedIssue): string {
  const yaml = stringify(issue.frontmatter, { lineWidth: 0, indentSeq: true, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  return `---\n${yaml}---\n\n${issue.body.map(nodeMdx).join("\n\n")}\n`;
}
