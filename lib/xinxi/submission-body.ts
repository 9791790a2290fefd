// A 信息稿件's text judged by the drafts' own MDX rules (lib/content/mdx.ts, mdx-rules.ts), with its
// pictures named as a draft's are, in a folder of their own: <Figure src="submission.media/<hash>.png" />.
// The editor's lint, the submit action and the read-only preview all read the body through this.
import type { Root } from "hast";
import { visit } from "unist-util-visit";
import { MAX_ISSUE_BYTES } from "@/lib/content/limits";
import { compileBody } from "@/lib/content/mdx";
import { isRelativeMedia, mediaDirName, mediaFileOf, mediaSrc } from "@/lib/pictures/paths";
import { indexTexts } from "@/lib/search/text";

/** The file a submission's body stands for when its pictures are named: they live in submission.media/. */
export const SUBMISSION_FILE = "submission.mdx";
export const SUBMISSION_MEDIA = mediaDirName(SUBMISSION_FILE);
export const submissionMediaSrc = (name: string) => mediaSrc(SUBMISSION_FILE, name);

export const MAX_SUBMISSION_TITLE = 100;

/** A title on one line: it becomes the article's `# 标题` line in a draft, where a line break would
 * let the rest of the title be read as lines of the body. */
export const oneLineTitle = (title: string): string => title.replace(/\s+/g, " ").trim();

/** Appended when a body is checked: what follows the body in a draft (its byline, the next unit's
 * article) must still be read as itself, so a body cannot leave a code block or an element open. */
const AFTER_BODY = "<Byline>（检查）</Byline>";
/** As large as one bulletin may be: a submission is one article of one. */
export const MAX_SUBMISSION_BODY_BYTES = MAX_ISSUE_BYTES;

export type BodyProblem = { line: number; column?: number; field: string; message: string };

export type BodyCheck = { problems: BodyProblem[]; tree?: Root; text: string; pictures: string[] };

/** Problems of `body` (1-based lines of the body), given the picture names the submission holds or brings. */
export async function checkSubmissionBody(body: string, pictures: ReadonlySet<string>): Promise<BodyCheck> {
  if (!body.trim()) return { problems: [{ line: 1, field: "body", message: "请填写正文" }], text: "", pictures: [] };
  if (Buffer.byteLength(body) > MAX_SUBMISSION_BODY_BYTES)
    return {
      problems: [{ line: 1, field: "body", message: `正文超过 ${MAX_SUBMISSION_BODY_BYTES / 1024} KB 的上限` }],
      text: "",
      pictures: [],
    };
  const compiled = await compileBody(body);
  if (!compiled.ok)
    return {
      problems: compiled.violations.map((v) => ({ line: v.line, column: v.column, field: v.field, message: v.message })),
      text: "",
      pictures: [],
    };
  const problems: BodyProblem[] = [];
  // The body is one article of a draft: it may not start another (a level-one heading is what
  // separates articles, and the 本期要目 lists them) …
  const headingLines = body.split("\n").flatMap((l, i) => (/^ {0,3}#(?:[ \t]|$)/.test(l) ? [i + 1] : []));
  let h1 = 0;
  visit(compiled.value.tree, "element", (n) => {
    if (n.tagName === "h1")
      problems.push({
        line: n.position?.start.line ?? headingLines[h1++] ?? 1,
        field: "body",
        message: "正文中不能用一级标题（# ……）：标题请填在“标题”栏，正文中的小标题请用二级标题（## ……）",
      });
  });
  // … nor swallow what comes after it in the draft (an unclosed code block would turn the byline
  // and every later article into code).
  const closed = await compileBody(`${body}\n\n${AFTER_BODY}`);
  const last = closed.ok ? closed.value.tree.children.filter((c) => c.type === "element").at(-1) : undefined;
  if (last?.type !== "element" || last.tagName !== "Byline")
    problems.push({
      line: body.split("\n").length,
      field: "body",
      message: "正文结尾有没有结束的代码块或元素：它会吞掉排在后面的内容，请补全或删去",
    });
  const used: string[] = [];
  const lineOf = (src: string) => {
    const at = body.indexOf(src);
    return at < 0 ? 1 : body.slice(0, at).split("\n").length;
  };
  visit(compiled.value.tree, "element", (n) => {
    const src = n.tagName === "Figure" ? n.properties.src : undefined;
    if (typeof src !== "string" || !isRelativeMedia(src)) return;
    const file = mediaFileOf(src, SUBMISSION_FILE);
    if (!file) problems.push({ line: lineOf(src), field: "body.Figure.src", message: `图片「${src.slice(0, 60)}」请用“插入图片”上传` });
    else if (!pictures.has(file))
      problems.push({ line: lineOf(src), field: "body.Figure.src", message: `图片 ${file} 还没有上传：请重新插入这张图片` });
    else used.push(file);
  });
  return { problems, tree: compiled.value.tree, text: compiled.value.text, pictures: [...new Set(used)] };
}

/** The search pairs of a version (submission_search), from its title and its body's plain text. */
export const submissionSearchText = (title: string, text: string) => ({
  titlePairs: indexTexts(title).pairs,
  bodyPairs: indexTexts(text).pairs,
});

/** A phone number as people write them: 13800138000, 0351-1234567, (0351) 123 4567, +86 …; 7 to 20 digits. */
export function phoneProblem(phone: string): string | undefined {
  if (!phone) return "请填写联系电话";
  if (phone.length > 30 || !/^[\d\s()+-]+$/.test(phone)) return "联系电话只能包含数字、空格、括号、加号和横线";
  const digits = phone.replace(/\D/g, "").length;
  return digits < 7 || digits > 20 ? "联系电话应有 7 至 20 位数字" : undefined;
}
