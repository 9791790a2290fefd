import type { Metadata } from "next";
import Link from "next/link";
import { DraftEditor } from "@/components/studio/draft-editor";
import { ReviewPanel } from "@/components/studio/review-panel";
import { StatusBadge } from "@/components/studio/status-badge";
import { DraftAdoptions } from "@/components/xinxi/draft-adoptions";
import { getSeries } from "@/db/queries/archive";
import { listDraftMedia } from "@/db/queries/studio/media";
import { listPresets } from "@/db/queries/studio/presets";
import { unitNameSuggestions } from "@/db/queries/xinxi/units";
import { requirePageUser } from "@/lib/auth/session";
import { issueUrl } from "@/lib/content/paths";
import { seriesSchema } from "@/lib/content/schema";
import { db } from "@/lib/database";
import { issueLine } from "@/lib/format";
import { publishedPictures } from "@/lib/pictures/published";
import { checkDraft } from "@/lib/studio/check-draft";
import { draftFor, keyOfDraft } from "@/lib/studio/draft-access";
import { idParam, orRefuse } from "@/lib/studio/page-guard";
import { splitSource } from "@/lib/studio/source";
import { isOpen } from "@/lib/vocabulary";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "编辑稿件" };

async function load(id: string) {
  const user = await requirePageUser("editor", `/studio/drafts/${id}`);
  const draftId = idParam(id);
  return { user, draft: orRefuse(() => draftFor(user, draftId)) };
}

export default async function DraftPage({ params }: Props) {
  const { user, draft } = await load((await params).id);
  const key = keyOfDraft(draft);
  const seriesRow = getSeries(db(), draft.seriesId);
  const def = seriesRow ? seriesSchema.safeParse(seriesRow.definition) : undefined;
  const defaults = def?.success ? def.data : undefined;
  const presets = listPresets(db(), draft.seriesId).map((p) => ({
    id: p.id,
    name: p.name,
    report: p.report,
    send: p.send,
    issue: p.issue,
  }));
  const split = splitSource(draft.source);
  const { check } = await checkDraft(key, draft.source, draft.id);
  const suggestions = [
    ...new Set([
      ...(defaults ? [...defaults.distribution.report, ...defaults.distribution.send, ...defaults.distribution.issue] : []),
      ...presets.flatMap((p) => [...p.report, ...p.send, ...p.issue]),
      // The 单位库's names, so the lists and the units' pages spell a unit one way.
      ...unitNameSuggestions(db()),
    ]),
  ];
  const open = isOpen(draft.status);
  const own = listDraftMedia(db(), draft.id);
  const media = [...own, ...(await publishedPictures(draft.path)).filter((p) => !own.some((o) => o.name === p.name))];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href="/studio" className="text-sm text-stone-600 hover:underline">
          ← 稿件
        </Link>
        <h1 className="text-lg font-bold" data-testid="draft-heading">
          {seriesRow?.name ?? draft.seriesId}
          {issueLine(draft)}
          {draft.kind === "correction" ? " 更正稿" : ""}
        </h1>
        <StatusBadge status={draft.status} />
        <span className="text-xs text-stone-600">
          起草：{draft.createdByName} · 将发布为 content/{draft.path}
        </span>
      </div>
      <DraftAdoptions draftId={draft.id} />
      <DraftEditor
        key={draft.headRevisionId}
        draftId={draft.id}
        editable={open}
        canSubmit={draft.status === "draft"}
        initial={{
          fields: split.fields,
          body: split.body,
          check,
          revisionId: draft.headRevisionId ?? 0,
          seq: draft.headSeq,
          savedAt: draft.updatedAt.toISOString(),
        }}
        suggestions={suggestions}
        presets={presets}
        seriesDefaults={{
          organization: defaults?.organization ?? "",
          editor: defaults?.editor ?? "",
          distribution: defaults?.distribution ?? { report: [], send: [], issue: [] },
        }}
        media={media}
        issueFile={draft.path}
      >
        <ReviewPanel
          draftId={draft.id}
          status={draft.status}
          role={user.role}
          isCreator={draft.createdBy === user.id}
          approvedByName={draft.approvedByName}
          approvedAt={draft.approvedAt?.toISOString() ?? null}
          scheduledAt={draft.scheduledAt?.toISOString() ?? null}
          events={draft.events.map((e) => ({
            id: e.id,
            action: e.action,
            comment: e.comment,
            actorName: e.actorName,
            createdAt: e.createdAt.toISOString(),
          }))}
          headRevisionId={draft.headRevisionId ?? 0}
          publicHref={draft.status === "published" ? issueUrl(key) : null}
        />
      </DraftEditor>
    </div>
  );
}
