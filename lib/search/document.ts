// What of an issue the search indexes: its title, subtitle and article titles (ranked higher),
// and its 编者按 and body text.
import type { LoadedIssue } from "@/lib/content/load";
import { indexTexts, type SearchDocument } from "./text";

export function searchDocument(issue: Pick<LoadedIssue, "resolved" | "frontmatter" | "body">): SearchDocument {
  const title = indexTexts([issue.resolved.title, issue.frontmatter.subtitle, ...issue.body.articles].filter(Boolean).join("\n"));
  const body = indexTexts([issue.frontmatter.preface, issue.body.text].filter(Boolean).join("\n"));
  return { titlePairs: title.pairs, titleChars: title.chars, bodyPairs: body.pairs, bodyChars: body.chars };
}
