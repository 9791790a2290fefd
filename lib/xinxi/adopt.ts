// 采用: a 信息稿件's article put into an issue (an open draft of its series, or 新建一期) as a new
// revision of the draft — heading, body, pictures, 供稿 byline — with its adoption row, its
// 已采用 status and the audit row in the same transaction. Several at once is 综合: one issue
// made of several units' articles. What happens to the adoption afterwards (the article taken
// out, the draft abandoned or published) is settled by the studio's own queries
// (db/queries/xinxi/adoptions.ts).
import "server-only";
import { getSeries } from "@/db/queries/archive";
import { recordAudit } from "@/db/queries/studio/audit";
import { isUniqueViolation } from "@/db/queries/studio/common";
import { getDraft } from "@/db/queries/studio/drafts";
import { listDraftMedia, MAX_DRAFT_MEDIA_BYTES, MAX_DRAFT_PICTURES } from "@/db/queries/studio/media";
import { createDraftIn } from "@/db/queries/studio/numbering";
import { saveRevisionIn } from "@/db/queries/studio/revisions";
import { roleAtLeast } from "@/db/queries/users";
import { copyPicturesToDraft, insertAdoption } from "@/db/queries/xinxi/adoptions";
import { addSubmissionEvent, headVersion, loadSubmission, setSubmissionStatus, submissionPictures } from "@/db/queries/xinxi/submissions";
import { getUnit } from "@/db/queries/xinxi/units";
import type { AdoptionKind, SubmissionMediaRow, SubmissionStatus } from "@/db/schema";
import { requireSeries, type StudioUser } from "@/lib/auth/session";
import { issuePath } from "@/lib/content/paths";
import { seriesSchema } from "@/lib/content/schema";
import { db } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { escapeInline } from "@/lib/import/mdx-writer";
import { mediaSrc } from "@/lib/pictures/paths";
import { initialFields, todayInChina } from "@/lib/studio/new-draft";
import { assertWithinLimits, composeSource, draftTitle, normaliseBody, splitSource } from "@/lib/studio/source";
import { bylineOf } from "@/lib/vocabulary";
import { oneLineTitle } from "./submission-body";
import { DECISION_RULES, transition } from "./submission-status";

/** What may be adopted alone (the submission's own rule); 综合 may also take one already 已采用 (a roundup of what was used). */
export const ADOPTABLE: readonly SubmissionStatus[] = DECISION_RULES.adopt.from;
export const COMBINABLE: readonly SubmissionStatus[] = [...ADOPTABLE, "adopted"];

/** The last path segment of a picture reference: what a submission's picture is known by. */
const baseName = (src: string) => src.slice(src.lastIndexOf("/") + 1);

// Attribute values and Markdown image targets, each a bounded run of non-delimiters: linear.
const SRC_ATTRIBUTE = /(\bsrc=")([^"\n]{1,500})(")/g;
const IMAGE_TARGET = /(!\[[^\]\n]{0,200}\]\()([^)\s]{1,500})(\))/g;

/**
 * The body with every reference to one of `names` pointing at the draft's media folder (`srcOf`),
 * whatever folder the submission named it under; the names referenced.
 */
export function relinkPictures(
  body: string,
  names: readonly string[],
  srcOf: (name: string) => string,
): { body: string; used: Set<string> } {
  const known = new Set(names);
  const used = new Set<string>();
  const swap = (_all: string, open: string, src: string, close: string) => {
    const name = baseName(src);
    if (!known.has(name)) return `${open}${src}${close}`;
    used.add(name);
    return `${open}${srcOf(name)}${close}`;
  };
  return { body: body.replace(SRC_ATTRIBUTE, swap).replace(IMAGE_TARGET, swap), used };
}

export type Article = { heading: string; byline: string; text: string };

/**
 * One adopted article as the draft's MDX: `# 标题`, the body with its pictures relinked (those it
 * does not show follow it as figures), then `<Byline>（…供稿）</Byline>`. `heading` and `byline` are
 * as written, which is what the adoption keeps to find the article again.
 */
export function articleOf(input: {
  title: string;
  body: string;
  unit: { name: string; shortName: string | null };
  pictures: readonly string[];
  srcOf: (name: string) => string;
}): Article {
  const heading = escapeInline(oneLineTitle(input.title));
  const byline = escapeInline(bylineOf(input.unit));
  const { body, used } = relinkPictures(normaliseBody(input.body), input.pictures, input.srcOf);
  const figures = input.pictures.filter((n) => !used.has(n)).map((n) => `<Figure src="${input.srcOf(n)}" />`);
  const parts = [`# ${heading}`, body, ...figures, `<Byline>${byline}</Byline>`].filter((p) => p.trim() !== "");
  return { heading, byline, text: parts.join("\n\n") };
}

/** The draft's body with the articles after what it already holds. */
export function appendArticles(body: string, articles: readonly Article[]): string {
  const current = normaliseBody(body);
  return [current, ...articles.map((a) => a.text)].filter(Boolean).join("\n\n");
}

export type AdoptItem = { submissionId: number; kind: AdoptionKind };
/** An open draft of the submissions' series, or 新建一期 (the next free number of this year). */
export type AdoptTarget = { draftId: number } | { newIssue: true };

async function definitionOf(seriesId: string) {
  const row = getSeries(db(), seriesId);
  const parsed = row ? seriesSchema.safeParse(row.definition) : undefined;
  if (!parsed?.success) throw new AppError("studio:not-found", `找不到刊物「${seriesId}」，或其定义文件有错误`);
  return parsed.data;
}

const quoted = (titles: string[]) => (titles.length === 1 ? `《${titles[0]}》` : `《${titles[0]}》等 ${titles.length} 篇`);

/**
 * Adopts the submissions into one draft, in the order given. Refused for anyone below editor,
 * for a series the user does not work on, for a submission not in `allowed`, and (through the
 * draft's own save rules) for a draft that is closed or being published.
 */
export async function adoptSubmissions(
  user: StudioUser,
  input: { items: AdoptItem[]; target: AdoptTarget; ip?: string | null; allowed?: readonly SubmissionStatus[] },
): Promise<{ draftId: number; adoptionIds: number[] }> {
  if (!roleAtLeast(user.role, "editor")) throw new AppError("auth:forbidden", "采用信息需要编辑权限");
  if (input.items.length === 0) throw new AppError("studio:invalid-input", "请选择要采用的信息稿件");
  if (new Set(input.items.map((i) => i.submissionId)).size !== input.items.length)
    throw new AppError("studio:invalid-input", "同一篇信息稿件选了两次");
  const allowed = input.allowed ?? ADOPTABLE;
  const d = db();
  const loaded = input.items.map((item) => {
    const submission = loadSubmission(d, item.submissionId);
    requireSeries(user, submission.seriesId);
    const unit = getUnit(d, submission.unitId);
    if (!unit) throw new AppError("xinxi:unknown-unit", "找不到这篇稿件的报送单位");
    return { item, submission, unit, version: headVersion(d, submission), pictures: submissionPictures(d, submission.id) };
  });
  const seriesId = loaded[0]!.submission.seriesId;
  if (loaded.some((l) => l.submission.seriesId !== seriesId))
    throw new AppError("studio:invalid-input", "一期简报只能采用同一刊物的信息稿件");
  if (!("newIssue" in input.target)) {
    const draft = getDraft(d, input.target.draftId);
    if (!draft) throw new AppError("studio:not-found", "找不到这份稿件");
    requireSeries(user, draft.seriesId);
    if (draft.seriesId !== seriesId) throw new AppError("studio:invalid-input", "只能采用到同一刊物的稿件中");
  }
  const def = "newIssue" in input.target ? await definitionOf(seriesId) : undefined;
  const titles = loaded.map((l) => l.version.title);
  const at = new Date();

  try {
    return d.transaction(
      (tx) => {
        // Read again under the write lock: another editor may have decided on it meanwhile.
        const wasAdopted = loaded.map((l) => {
          const current = loadSubmission(tx, l.submission.id);
          // The text read above must still be the submission's: a resubmission in between brings a new version.
          if (current.headVersionId !== l.submission.headVersionId)
            throw new AppError("xinxi:bad-transition", `《${current.title}》刚被重新报送：请刷新后再采用`);
          if (current.status === "adopted" && allowed.includes("adopted")) return true;
          transition(current.status, "adopt");
          return false;
        });
        let draftId: number;
        if (def) {
          const year = Number(todayInChina(at).slice(0, 4));
          const fields = initialFields(def, year, at);
          const key = (number: number) => ({ series: seriesId, year, number, supplement: false });
          draftId = createDraftIn(tx, {
            seriesId,
            year,
            supplement: false,
            authorId: user.id,
            compose: (number) => ({ source: composeSource(key(number), fields, ""), title: draftTitle(fields) }),
            path: (number) => issuePath(key(number)),
          }).draftId;
        } else draftId = (input.target as { draftId: number }).draftId;

        const draft = getDraft(tx, draftId);
        if (!draft) throw new AppError("studio:not-found", "找不到这份稿件");
        const split = splitSource(draft.source);
        const articles = loaded.map((l) =>
          articleOf({
            title: l.version.title,
            body: l.version.body,
            unit: l.unit,
            pictures: l.pictures.map((p) => p.name),
            srcOf: (name) => mediaSrc(draft.path, name),
          }),
        );
        const fields = split.fields.titleLines.some((t) => t.trim()) ? split.fields : { ...split.fields, titleLines: [titles[0]!] };
        const key = { series: draft.seriesId, year: draft.year, number: draft.number, supplement: draft.supplement };
        const source = composeSource(key, fields, appendArticles(split.body, articles), { extra: split.extra });
        assertWithinLimits(source);
        const saved = saveRevisionIn(tx, {
          draftId,
          baseRevisionId: draft.headRevisionId!,
          source,
          title: draftTitle(fields),
          authorId: user.id,
          kind: "save",
          note: `采用信息稿件${quoted(titles)}`,
        });
        if (!saved.ok) throw new AppError("studio:stale-revision", "稿件刚被修改：请刷新后再采用");

        copyPicturesToDraft(tx, { draftId, pictures: loaded.flatMap((l) => l.pictures.map(pictureOf)), actorId: user.id, at });
        // The draft's own limits, as an upload meets them.
        const media = listDraftMedia(tx, draftId);
        if (media.length > MAX_DRAFT_PICTURES)
          throw new AppError("studio:media-full", `采用后这份稿件的图片将超过 ${MAX_DRAFT_PICTURES} 张：请先删去不用的图片`);
        if (media.reduce((n, p) => n + p.size, 0) > MAX_DRAFT_MEDIA_BYTES)
          throw new AppError(
            "studio:media-full",
            `采用后这份稿件的图片合计将超过 ${MAX_DRAFT_MEDIA_BYTES / 1048576} MB：请先删去不用的图片`,
          );

        const adoptionIds = loaded.map((l, i) => {
          const a = articles[i]!;
          const row = insertAdoption(tx, {
            submissionId: l.submission.id,
            draftId,
            kind: l.item.kind,
            heading: a.heading,
            byline: a.byline,
            actorId: user.id,
            at,
          });
          // Taken into a roundup once more: the first 采用 keeps its date and its kind (what the points count).
          const detail = { draftId, kind: l.item.kind, adoptionId: row.id };
          if (wasAdopted[i])
            addSubmissionEvent(tx, {
              submissionId: l.submission.id,
              unitId: l.submission.unitId,
              kind: "adopted",
              actorId: user.id,
              detail,
              at,
            });
          else
            setSubmissionStatus(tx, {
              submissionId: l.submission.id,
              status: "adopted",
              event: "adopted",
              actorId: user.id,
              at,
              adoptionKind: l.item.kind,
              decided: true,
              detail,
            });
          recordAudit(tx, {
            actorId: user.id,
            actorEmail: user.email,
            action: "submission.adopt",
            target: `submission:${l.submission.id}`,
            detail: { draftId, path: draft.path, kind: l.item.kind, ...(loaded.length > 1 ? { combined: loaded.length } : {}) },
            ip: input.ip ?? null,
          });
          return row.id;
        });
        return { draftId, adoptionIds };
      },
      { behavior: "immediate" },
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("studio:number-taken", "期号刚被占用：请重试", { cause: e });
    throw e;
  }
}

const pictureOf = (p: SubmissionMediaRow) => ({
  name: p.name,
  originalName: p.originalName,
  type: p.type,
  size: p.size,
  width: p.width,
  height: p.height,
  bytes: p.bytes,
});
