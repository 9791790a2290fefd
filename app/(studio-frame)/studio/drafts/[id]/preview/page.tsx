import type { Metadata } from "next";
import "@/components/bulletin/official.css";
import { renderPreview } from "@/components/studio/draft-preview";
import { PreviewFrame } from "@/components/studio/preview-frame";
import { requirePageUser } from "@/lib/auth/session";
import { draftFor, keyOfDraft } from "@/lib/studio/draft-access";
import { idParam, orRefuse } from "@/lib/studio/page-guard";

export const metadata: Metadata = { title: "预览" };

type Props = { params: Promise<{ id: string }> };

// The live preview's frame: first the saved text, then whatever the editor beside it sends.
export default async function DraftPreviewPage({ params }: Props) {
  const { id } = await params;
  const user = await requirePageUser("editor", `/studio/drafts/${id}`);
  const draftId = idParam(id);
  const draft = orRefuse(() => draftFor(user, draftId));
  const first = await renderPreview(draft.id, keyOfDraft(draft), draft.source);
  return (
    <PreviewFrame draftId={draftId} unavailable={first.unavailable}>
      {first.node}
    </PreviewFrame>
  );
}
