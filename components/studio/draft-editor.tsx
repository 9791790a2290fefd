"use client";
// The studio's editing screen: the issue form and the MDX body on the left, the live A4 preview
// on the right. Saves automatically a moment after typing stops; every save is a revision, and a
// save based on an older revision than the current one is refused and offered for merging.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { saveDraft, submitForReview } from "@/app/(studio)/studio/drafts/actions";
import { removePicture, uploadPicture } from "@/app/(studio)/studio/drafts/picture-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { DraftMediaItem } from "@/db/queries/studio/media";
import { useDraftSaving } from "@/hooks/use-draft-saving";
import { useLeaveWarning } from "@/hooks/use-leave-warning";
import { usePictureUploads } from "@/hooks/use-picture-uploads";
import { when } from "@/lib/format";
import type { DraftCheck } from "@/lib/studio/check-draft";
import type { DraftFields } from "@/lib/studio/draft-fields";
import { ConflictPanel } from "./conflict-panel";
import { IssueForm, type Preset } from "./issue-form";
import { MdxEditor, type MdxEditorHandle } from "./mdx-editor";
import { PicturePanel } from "./picture-panel";
import { PreviewPane } from "./preview-pane";

export type DraftEditorProps = {
  draftId: number;
  editable: boolean;
  canSubmit: boolean;
  initial: { fields: DraftFields; body: string; check: DraftCheck; revisionId: number; seq: number; savedAt: string };
  suggestions: string[];
  presets: Preset[];
  seriesDefaults: { organization: string; editor: string; distribution: DraftFields["distribution"] };
  media: DraftMediaItem[];
  /** The issue file the draft publishes to: "jtyx/2022/003.mdx". */
  issueFile: string;
  children?: React.ReactNode;
};

export function DraftEditor(p: DraftEditorProps) {
  const router = useRouter();
  const [notice, setNotice] = useState<string>();
  const editor = useRef<MdxEditorHandle>(null);
  const picker = useRef<HTMLInputElement>(null);
  const draft = useDraftSaving({ draftId: p.draftId, editable: p.editable, initial: p.initial, saveDraft, notify: setNotice });
  const { fields, body, check, state } = draft;
  const pictures = usePictureUploads({
    draftId: p.draftId,
    initial: p.media,
    uploadPicture,
    removePicture,
    insert: (src) => editor.current?.insertFigure(src),
    notify: setNotice,
  });
  useLeaveWarning(draft.dirty);

  async function submit() {
    const revisionId = await draft.savedRevision();
    if (!revisionId) return;
    const r = await submitForReview({ draftId: p.draftId, revisionId });
    if (r.ok) router.refresh();
    else setNotice(r.error.message);
  }

  const formProps = {
    fields,
    onChange: (f: DraftFields) => draft.edit({ fields: f }),
    errors: check.fields,
    readOnly: !p.editable,
    suggestions: p.suggestions,
    presets: p.presets,
    seriesDefaults: p.seriesDefaults,
  };

  const status =
    state.kind === "saved"
      ? `已保存 · 第${state.seq}版 · ${when(new Date(state.at))}`
      : state.kind === "dirty"
        ? "有未保存的修改"
        : state.kind === "saving"
          ? "正在保存…"
          : state.kind === "conflict"
            ? "保存冲突"
            : `保存失败：${state.message}`;

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="min-w-0 space-y-3">
        <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded border border-stone-200 bg-white/95 px-3 py-2 text-sm backdrop-blur">
          <span
            data-testid="save-state"
            aria-live="polite"
            className={state.kind === "error" || state.kind === "conflict" ? "text-red-700" : "text-stone-600"}
          >
            {status}
          </span>
          <span className="ml-auto" />
          <span data-testid="problem-count" className={check.ok ? "text-green-800" : "text-red-700"}>
            {check.ok ? "格式检查通过" : `${check.count} 处问题`}
          </span>
          {p.editable ? (
            <Button onClick={() => void draft.save("save")} disabled={state.kind === "saving" || state.kind === "conflict"}>
              保存
            </Button>
          ) : null}
          {p.canSubmit ? (
            <Button
              variant="primary"
              onClick={() => void submit()}
              disabled={!check.ok || state.kind === "conflict"}
              title={check.ok ? undefined : "改正全部问题后才能提交"}
            >
              提交审核
            </Button>
          ) : null}
        </div>
        {draft.conflict ? <ConflictPanel conflict={draft.conflict} onMerge={draft.merge} onTakeTheirs={draft.takeTheirs} /> : null}
        <Notice tone="info" className="text-sm">
          {notice}
        </Notice>
        {check.general.length > 0 ? (
          <ul role="alert" className="list-disc rounded bg-red-50 py-2 pl-8 pr-3 text-sm text-red-800">
            {check.general.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        <IssueForm part="head" {...formProps} />
        {check.body.length > 0 ? (
          <ul className="space-y-0.5 rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="body-problems">
            {check.body.map((b, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the check's problems are replaced whole on each check; two may be alike
              <li key={i}>
                <button
                  type="button"
                  onClick={() => editor.current?.focusLine(b.line, b.column)}
                  className="text-left underline-offset-2 hover:underline"
                >
                  正文第 {b.line} 行：{b.message}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <MdxEditor
          ref={editor}
          value={body}
          onChange={(v) => draft.edit({ body: v })}
          diagnostics={check.body.map((b) => ({ ...b, severity: "error" as const }))}
          label="正文（MDX）"
          readOnly={!p.editable}
          id="issue-body"
          onPictures={(files) => void pictures.add(files)}
          onPickPicture={() => picker.current?.click()}
        />
        <input
          ref={picker}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          multiple
          hidden
          data-testid="picture-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            if (files.length) void pictures.add(files);
          }}
        />
        <PicturePanel
          draftId={p.draftId}
          items={pictures.media}
          issueFile={p.issueFile}
          body={body}
          editable={p.editable}
          busy={pictures.uploading}
          onUpload={() => picker.current?.click()}
          onInsert={(src) => editor.current?.insertFigure(src)}
          onRemove={(name) => void pictures.remove(name)}
        />
        <IssueForm part="tail" {...formProps} />
        {p.children}
        <p className="text-xs text-stone-600">
          <Link href={`/studio/drafts/${p.draftId}/revisions`} className="underline">
            版本记录与比较
          </Link>{" "}
          · 快捷键：Ctrl+Z 撤销
        </p>
      </div>
      <div className="min-h-[80vh] xl:sticky xl:top-2 xl:h-[calc(100vh-1rem)]">
        <PreviewPane draftId={p.draftId} fields={fields} body={body} onCheck={draft.setCheck} />
      </div>
    </div>
  );
}
