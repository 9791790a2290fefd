// "可能与以下内容相近": for one 信息稿件, the other submissions of its series and the issues that
// share its most distinctive character pairs — a duplicate sent by two units, or news already
// printed. The work per call is bounded: at most MAX_CANDIDATES pairs are weighed, MAX_TERMS
// queried, and a fixed number of rows scored.
import "server-only";
import { roleAtLeast } from "@/db/queries/users";
import {
  type SimilarIssue,
  type SimilarSubmission,
  similarIssues,
  similarSubmissions,
  submissionPairCounts,
} from "@/db/queries/xinxi/similar";
import { headVersion, loadSubmission } from "@/db/queries/xinxi/submissions";
import { requireSeries, type StudioUser } from "@/lib/auth/session";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { indexTexts } from "@/lib/search/text";

const MAX_CANDIDATES = 60;
const MAX_TERMS = 24;
const MAX_TITLE_TERMS = 8;
/** Rows fetched by BM25 before they are scored by the pairs they share. */
const FETCHED = 20;
const SHOWN = 5;
/** The share of the pairs a text must hold to be called close. */
export const MIN_SHARE = 0.5;

// MDX tags and picture names are not the text: a bounded run up to the tag's end, linear.
const TAG = /<[^<>\n]{0,500}>/g;
const pairsOf = (text: string) => indexTexts(text.replace(TAG, " ")).pairs.split(" ").filter(Boolean);

/** The pairs to look for: the title's and the body's most frequent, kept by rarity among all submissions. */
export function distinctivePairs(title: string, body: string, countIn: (pairs: string[]) => Map<string, number>): string[] {
  const inText = new Map<string, number>();
  for (const p of pairsOf(body)) inText.set(p, (inText.get(p) ?? 0) + 1);
  const titlePairs = [...new Set(pairsOf(title))].slice(0, MAX_CANDIDATES / 2);
  const bodyPairs = [...inText.entries()]
    .filter(([p]) => !titlePairs.includes(p))
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_CANDIDATES - titlePairs.length)
    .map(([p]) => p);
  const df = countIn([...titlePairs, ...bodyPairs]);
  const rarest = (ps: string[]) =>
    [...ps].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || (inText.get(b) ?? 0) - (inText.get(a) ?? 0));
  const fromTitle = rarest(titlePairs).slice(0, MAX_TITLE_TERMS);
  return [...fromTitle, ...rarest(bodyPairs).slice(0, MAX_TERMS - fromTitle.length)];
}

export type Similar<T> = T & { score: number };

const closest = <T extends { shared: number }>(rows: T[], terms: number): Similar<T>[] =>
  rows
    .map((r) => ({ ...r, score: r.shared / terms }))
    .filter((r) => r.score >= MIN_SHARE)
    .sort((a, b) => b.score - a.score)
    .slice(0, SHOWN);

/** For editors who work on the submission's series; `score` is the share of the pairs found (0–1). */
export function findSimilar(
  user: StudioUser,
  submissionId: number,
): { submissions: Similar<SimilarSubmission>[]; issues: Similar<SimilarIssue>[] } {
  if (!roleAtLeast(user.role, "editor")) throw new AppError("auth:forbidden", "此操作需要编辑权限");
  const d = db();
  const submission = loadSubmission(d, submissionId);
  requireSeries(user, submission.seriesId);
  const version = headVersion(d, submission);
  const pairs = distinctivePairs(version.title, version.body, (ps) => submissionPairCounts(d, ps));
  if (pairs.length === 0) return { submissions: [], issues: [] };
  return {
    submissions: closest(
      similarSubmissions(d, { pairs, seriesId: submission.seriesId, excludeId: submission.id, candidates: FETCHED }),
      pairs.length,
    ),
    issues: closest(similarIssues(d, { pairs, seriesId: submission.seriesId, candidates: FETCHED }), pairs.length),
  };
}
