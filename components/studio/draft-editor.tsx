"use client";
// The studio's editing screen: the issue form and the MDX body on the left, the live A4 preview
// on the right. Saves automatically a moment after typing stops; every save is a revision, and a
// save based on an older revision than the current one is refused and offered for merging.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { saveDraft, submitForReview } from "@/app/(studio)/studio/drafts/actions";
import { removePicture, uploadPicture } from "@/app/(studio)/studio/drafts/picture-actions";
import type { DraftMediaItem } from "@/db/queries/studio/media";
import { MAX_PICTURE_BYTES } from "@/lib/content/picture-limits";
import type { DraftCheck } from "@/lib/studio/check-draft";
import type { DraftFields } from "@/lib/studio/draft-fields";
import { when } from "@/lib/studio/labels";
import { mergeSources } from "@/lib/studio/merge";
import { mergeFields } from "@/lib/studio/merge-fields";
import { type Conflict, ConflictPanel } from "./conflict-panel";
import { IssueForm } from "./issue-form";
import { MdxEditor, type MdxEditorHandle } from "./mdx-editor";
import { PicturePanel } from "./picture-panel";
import { PreviewPane } from "./preview-pane";

const AUTOSAVE_MS = 2500;

type SaveState =
  | { kind: "saved"; seq: number; at: string }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "error"; message: string }
  | { kind: "conflict" };

export type DraftEditorProps = {
  draftId: number;
  editable: boolean;
  canSubmit: boolean;
  initial: { fields: DraftFields; body: string; check: DraftCheck; revisionId: number; seq: number; savedAt: string };
  suggestions: string[];
  presets: { id: number; name: string; report: string[]; send: string[]; issue: string[] }[];
  seriesDefaults: { organization: string; editor: string; distribution: DraftFields["distribution"] };
  media: DraftMediaItem[];
  /** The issue file the draft publishes to: "jtyx/2022/003.mdx". */
  issueFile: string;
  children?: React.ReactNode;
};

export function DraftEditor(p: DraftEditorProps) {
  const router = useRouter();
  const [fields, setFields] = useState(p.initial.fields);
  const [body, setBody] = useState(p.initial.body);
  const [check, setCheck] = useState(p.initial.check);
  const [state, setState] = useState<SaveState>({ kind: "saved", seq: p.initial.seq, at: p.initial.savedAt });
  const [conflict, setConflict] = useState<Conflict>();
  const [notice, setNotice] = useState<string>();
  const base = useRef(p.initial.revisionId);
  const latest = useRef({ fields, body });
  // Bumped on every edit: tells whether the text changed while a save was on its way.
  const version = useRef(0);
  const editor = useRef<MdxEditorHandle>(null);
  const [media, setMedia] = useState(p.media);
  const [uploading, setUploading] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  latest.current = { fields, body };
  const dirty = state.kind !== "saved";

  // One save at a time: a second one sent on the same base would be refused as stale by our own first.
  const inFlight = useRef<Promise<number | null>>(Promise.resolve(null));
  // Reads the text through refs, so it (and `save`) keeps one identity for as long as the draft does.
  const saveNow = useCallback(
    async (kind: "save" | "autosave" | "merge"): Promise<number | null> => {
      const sent = latest.current;
      const sentVersion = version.current;
      setState({ kind: "saving" });
      const r = await saveDraft({ draftId: p.draftId, baseRevisionId: base.current, fields: sent.fields, body: sent.body, kind });
      if (!r.ok) {
        setState({ kind: "error", message: r.error.message });
        return null;
      }
      if (!r.data.saved) {
        setConflict(r.data.conflict);
        setState({ kind: "conflict" });
        return null;
      }
      base.current = r.data.revisionId;
      setCheck(r.data.check);
      const changedSince = version.current !== sentVersion;
      setState(changedSince ? { kind: "dirty" } : { kind: "saved", seq: r.data.seq, at: new Date().toISOString() });
      return r.data.revisionId;
    },
    [p.draftId],
  );
  const save = useCallback(
    (kind: "save" | "autosave" | "merge") => (inFlight.current = inFlight.current.then(() => saveNow(kind))),
    [saveNow],
  );

  // Autosave: a moment after the last change, unless a conflict is waiting to be resolved.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fields` and `body` are what the timer debounces: every edit restarts the countdown, though the effect saves from refs and never reads them.
  useEffect(() => {
    if (state.kind !== "dirty" || !p.editable) return;
    const timer = setTimeout(() => void save("autosave"), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [state, fields, body, save, p.editable]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const edit = (next: { fields?: DraftFields; body?: string }) => {
    version.current += 1;
    if (next.fields) latest.current = { ...latest.current, fields: next.fields };
    if (next.body !== undefined) latest.current = { ...latest.current, body: next.body };
    if (next.fields) setFields(next.fields);
    if (next.body !== undefined) setBody(next.body);
    setState((s) => (s.kind === "conflict" ? s : { kind: "dirty" }));
  };

  function mergeConflict() {
    if (!conflict) return;
    const merged = mergeSources(
      conflict.base.body,
      latest.current.body,
      conflict.head.body,
      `${conflict.head.authorName}的修改（第${conflict.head.seq}版）`,
    );
    const f = mergeFields(conflict.base.fields, latest.current.fields, conflict.head.fields);
    base.current = conflict.head.id;
    setConflict(undefined);
    edit({ fields: f.fields, body: merged.text });
    // The merge is a change on top of the other version: it saves as the next revision.
    setState({ kind: "dirty" });
    const parts = [
      merged.conflicts
        ? `正文有 ${merged.conflicts} 处双方都改了同一段，已用 <<<<<<< 和 >>>>>>> 标出，请保留要的内容并删去标记`
        : "已合并双方的修改",
    ];
    if (f.clashes.length) parts.push(`${f.clashes.join("、")}双方都改了，暂时保留了您的版本，请核对`);
    setNotice(`${parts.join("；")}。合并结果将作为新版本保存。`);
  }

  function takeTheirs() {
    if (!conflict) return;
    base.current = conflict.head.id;
    setFields(conflict.head.fields);
    setBody(conflict.head.body);
    setConflict(undefined);
    setState({ kind: "saved", seq: conflict.head.seq, at: conflict.head.createdAt });
    setNotice(`已载入第${conflict.head.seq}版。`);
  }

  async function submit() {
    const revisionId = dirty ? await save("save") : base.current;
    if (!revisionId) return;
    const r = await submitForReview({ draftId: p.draftId, revisionId });
    if (r.ok) router.refresh();
    else setNotice(r.error.message);
  }

  // One picture at a time, each inserted where the cursor is as soon as it is stored.
  async function addPictures(files: File[]) {
    const notes: string[] = [];
    for (const file of files) {
      // Refused here before the upload: past the server's request limit the refusal would be a bare error.
      if (file.size > MAX_PICTURE_BYTES) {
        notes.push(
          `「${file.name}」有 ${(file.size / 1048576).toFixed(1)} MB，超过每张图片 ${MAX_PICTURE_BYTES / 1048576} MB 的上限：请缩小后再上传`,
        );
        continue;
      }
      setUploading(file.name || "图片");
      const form = new FormData();
      form.set("draftId", String(p.draftId));
      form.set("file", file);
      const r = await uploadPicture(form).catch(() => ({
        ok: false as const,
        error: { code: "studio:failed", message: `「${file.name}」没有上传成功：连接中断或文件太大，请再试一次` },
      }));
      if (!r.ok) {
        notes.push(r.error.message);
        continue;
      }
      const { item, src, added, note } = r.data;
      if (added) setMedia((m) => [...m, item]);
      editor.current?.insertFigure(src);
      if (!added) notes.push(`「${file.name}」与已上传的「${item.originalName}」是同一张图片，已直接插入`);
      if (note) notes.push(`「${item.originalName}」${note}`);
    }
    setUploading(null);
    setNotice(notes.length ? notes.join("；") : undefined);
  }

  async function dropPicture(name: string) {
    const r = await removePicture({ draftId: p.draftId, name });
    if (r.ok) setMedia((m) => m.filter((x) => x.name !== name));
    else setNotice(r.error.message);
  }

  const formProps = {
    fields,
    onChange: (f: DraftFields) => edit({ fields: f }),
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
            <button
              type="button"
              onClick={() => void save("save")}
              disabled={state.kind === "saving" || state.kind === "conflict"}
              className="rounded border border-stone-300 px-3 py-1 disabled:opacity-50"
            >
              保存
            </button>
          ) : null}
          {p.canSubmit ? (
            <button
              type="button"
              onClick={() => void submit()}
              disabled={!check.ok || state.kind === "conflict"}
              title={check.ok ? undefined : "改正全部问题后才能提交"}
              className="rounded bg-brand px-3 py-1 text-white disabled:opacity-50"
            >
              提交审核
            </button>
          ) : null}
        </div>
        {conflict ? <ConflictPanel conflict={conflict} onMerge={mergeConflict} onTakeTheirs={takeTheirs} /> : null}
        {notice ? (
          <p role="status" className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-900">
            {notice}
          </p>
        ) : null}
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
          onChange={(v) => edit({ body: v })}
          diagnostics={check.body.map((b) => ({ ...b, severity: "error" as const }))}
          label="正文（MDX）"
          readOnly={!p.editable}
          id="issue-body"
          onPictures={(files) => void addPictures(files)}
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
            if (files.length) void addPictures(files);
          }}
        />
        <PicturePanel
          draftId={p.draftId}
          items={media}
          issueFile={p.issueFile}
          body={body}
          editable={p.editable}
          busy={uploading}
          onUpload={() => picker.current?.click()}
          onInsert={(src) => editor.current?.insertFigure(src)}
          onRemove={(name) => void dropPicture(name)}
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
        <PreviewPane draftId={p.draftId} fields={fields} body={body} onCheck={setCheck} />
      </div>
    </div>
  );
}
