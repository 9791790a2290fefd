// Checks that every picture an issue shows from its own folder is named correctly and exists,
// so a missing image is a content problem at its line, not a broken picture for readers.
import type { Root } from "hast";
import { visit } from "unist-util-visit";
import type { ContentProblem } from "@/lib/content/problem";
import { isUnsafeContentPath, openContentFile } from "@/lib/content/safe-file";
import { isRelativeMedia, mediaDirName, mediaFileOf, mediaPath } from "./paths";

function figures(root: Root): string[] {
  const out: string[] = [];
  visit(root, "element", (n) => {
    if (n.tagName === "Figure" && typeof n.properties.src === "string") out.push(n.properties.src);
  });
  return out;
}

export async function mediaProblems(
  rel: string,
  body: string,
  bodyLine: number,
  tree: Root,
  options: { mediaRoot?: string; pendingMedia?: ReadonlySet<string> },
): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const lineOf = (src: string) => {
    const at = body.indexOf(src);
    return at < 0 ? bodyLine : bodyLine + body.slice(0, at).split("\n").length - 1;
  };
  for (const src of figures(tree).filter(isRelativeMedia)) {
    const file = mediaFileOf(src, rel);
    const folder = mediaDirName(rel);
    if (!file) {
      problems.push({
        path: rel,
        line: lineOf(src),
        field: "body",
        code: "content:missing-media",
        message: `图片「${src}」应放在本期旁的 ${folder}/ 文件夹中，写作 ${folder}/<文件名>，文件名只用英文字母、数字、点、横线，格式为 png、jpg、gif 或 webp`,
      });
      continue;
    }
    if (options.pendingMedia?.has(file)) continue;
    if (!options.mediaRoot) continue;
    const found = await openContentFile(options.mediaRoot, mediaPath(rel, file)).then(
      async (handle) => {
        await handle.close();
        return "ok" as const;
      },
      (error: unknown) => (isUnsafeContentPath(error) ? error.code : "missing"),
    );
    if (found === "content:symlink" || found === "content:not-a-file") {
      problems.push({
        path: rel,
        line: lineOf(src),
        field: "body",
        code: found,
        message: `图片 ${mediaPath(rel, file)} ${found === "content:symlink" ? "是符号链接（或位于符号链接的文件夹中），系统不读取符号链接：请换成真实的图片文件" : "不是普通文件"}`,
      });
    } else if (found === "missing") {
      problems.push({
        path: rel,
        line: lineOf(src),
        field: "body",
        code: "content:missing-media",
        message: `找不到图片文件 ${mediaPath(rel, file)}`,
      });
    }
  }
  return problems;
}
