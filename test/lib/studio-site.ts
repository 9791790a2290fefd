// A site for studio tests: the jtyx series (and any sample issues asked for) synced into the file's
// database, an editor 王编辑 and a reviewer 李审核, a form's worth of fields, the studio's modules
// under one name, and the drafts most tests start from (a new 2026 issue, signed off, with a picture).

import * as archive from "@/db/queries/archive";
import * as audit from "@/db/queries/studio/audit";
import * as drafts from "@/db/queries/studio/drafts";
import * as media from "@/db/queries/studio/media";
import * as numbering from "@/db/queries/studio/numbering";
import * as review from "@/db/queries/studio/review";
import * as revisions from "@/db/queries/studio/revisions";
import { createUser } from "@/db/queries/users";
import * as schema from "@/db/schema";
import { syncContent } from "@/lib/content/sync";
import { db } from "@/lib/database";
import * as picture from "@/lib/pictures/bytes";
import * as issueFiles from "@/lib/studio/issue-files";
import * as publish from "@/lib/studio/publish";
import * as source from "@/lib/studio/source";
import { site } from "./temp-site";

/** jtyx 2022/003, the sample issue studioSite(["jtyx/2022/003.mdx"]) publishes. */
export const SAMPLE_KEY = { series: "jtyx", year: 2022, number: 3, supplement: false };

export type StudioSite = { site: typeof site; editor: number; reviewer: number };

/** The people studioSite made; the draft helpers below act as them. */
let people: { editor: number; reviewer: number } | undefined;
const who = () => {
  if (!people) throw new Error("call studioSite() first");
  return people;
};

export async function studioSite(sampleIssues: string[] = []): Promise<StudioSite> {
  await site.copyFromRepo("series/jtyx.yml", ...sampleIssues);
  await syncContent({ root: site.contentDir });
  const editor = createUser(db(), { email: "e@example.org", name: "王编辑", role: "editor", passwordHash: "scrypt$x" }).id;
  const reviewer = createUser(db(), { email: "r@example.org", name: "李审核", role: "reviewer", passwordHash: "scrypt$x" }).id;
  people = { editor, reviewer };
  return { site, editor, reviewer };
}

/** The studio's modules, as the studio tests call them (`m.review.submitDraft(m.d(), …)`). */
export const studio = { d: db, schema, numbering, revisions, review, drafts, media, audit, archive, picture, publish, source, issueFiles };

/** The issue form filled in for a 2026 issue with the given title. */
export const draftFields = (title: string) => ({
  titleLines: [title],
  date: "2026-11-20",
  organization: "",
  marking: "",
  visibility: "public" as const,
  editor: "赵坚",
  copies: "",
  total: "",
  subtitle: "",
  preface: "",
  distribution: { report: ["省委办公厅"], send: [], issue: ["市级团委"] },
});

/** The key and content path of jtyx's issue of 2026 with this number. */
export const key2026 = (number: number) => ({ series: "jtyx", year: 2026, number, supplement: false });
export const rel2026 = (number: number) => `jtyx/2026/${String(number).padStart(3, "0")}.mdx`;

/** A new draft of jtyx 2026 by the editor, numbered next; its body defaults to a line naming the title. */
export function newDraft(title: string, body = `${title}的正文。`) {
  const created = numbering.createDraft(db(), {
    seriesId: "jtyx",
    year: 2026,
    supplement: false,
    authorId: who().editor,
    compose: (n) => ({ source: source.composeSource(key2026(n), draftFields(title), body), title }),
    path: rel2026,
  });
  return { ...created, rel: rel2026(created.number) };
}

/** Submitted by the editor and signed off by the reviewer. */
export function approve(draftId: number, revisionId: number): void {
  review.submitDraft(db(), { draftId, revisionId, actorId: who().editor });
  review.approveDraft(db(), { draftId, revisionId, actorId: who().reviewer });
}

/**
 * A new draft of jtyx 2026 showing one uploaded picture (made for the draft's number), signed off.
 * `body` gets the picture's path as the text shows it (`<folder>/<name>`).
 */
export function approvedWithPicture(
  title: string,
  pictureFor: (number: number) => { bytes: Uint8Array; name: string },
  body: (src: string) => string,
) {
  const created = newDraft(title);
  const upload = pictureFor(created.number);
  const shown = picture.readPicture(upload.bytes, upload.name);
  media.addDraftPicture(db(), {
    draftId: created.draftId,
    picture: shown,
    originalName: upload.name,
    bytes: upload.bytes,
    actorId: who().editor,
  });
  const folder = `${String(created.number).padStart(3, "0")}.media`;
  const saved = revisions.saveRevision(db(), {
    draftId: created.draftId,
    baseRevisionId: created.revisionId,
    source: source.composeSource(key2026(created.number), draftFields(title), body(`${folder}/${shown.name}`)),
    title,
    authorId: who().editor,
    kind: "save",
  });
  if (!saved.ok) throw new Error("save refused");
  approve(created.draftId, saved.revision.id);
  return { ...created, revisionId: saved.revision.id, picture: shown, bytes: upload.bytes, folder };
}

/** The editor as the studio's session would give them. */
export const editorUser = () => ({
  id: who().editor,
  email: "e@example.org",
  name: "王编辑",
  role: "editor" as const,
  seriesIds: null,
  unitId: null,
});

/** A correction of the sample issue (jtyx 2022/003) giving it a new title, by the editor, signed off. */
export async function approvedCorrection(title: string): Promise<number> {
  const issue = await archive.getPublicIssue(db(), SAMPLE_KEY);
  const draftId = await issueFiles.startCorrection(editorUser(), issue!.id);
  const draft = drafts.getDraft(db(), draftId)!;
  const split = source.splitSource(draft.source);
  const saved = revisions.saveRevision(db(), {
    draftId,
    baseRevisionId: draft.headRevisionId!,
    source: source.composeSource(SAMPLE_KEY, { ...split.fields, titleLines: [title] }, split.body, { extra: split.extra }),
    title,
    authorId: who().editor,
    kind: "save",
  });
  if (!saved.ok) throw new Error("save refused");
  approve(draftId, saved.revision.id);
  return draftId;
}
