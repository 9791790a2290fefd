"use client";
// The studio's source editor for an issue's MDX: CodeMirror with the bulletin's element toolbar
// and the server's validation messages shown on the lines they refer to.
import { setDiagnostics } from "@codemirror/lint";
import { Annotation, Compartment, EditorSelection, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import { type EditorDiagnostic, editorExtensions, editorSettings, minimalChange, toDiagnostics } from "./mdx-editor-setup";
import { figureItem, insertItem, MdxToolbar } from "./mdx-toolbar";

export type { EditorDiagnostic } from "./mdx-editor-setup";

/** What the parent can do through `ref`, e.g. jump to a line when an error in a list is clicked. */
export type MdxEditorHandle = { focusLine(line: number, column?: number): void; insertFigure(src: string): void };

type Props = {
  value: string;
  onChange(value: string): void;
  diagnostics: EditorDiagnostic[];
  label: string;
  readOnly?: boolean;
  id?: string;
  ref?: Ref<MdxEditorHandle>;
  /** Picture files pasted or dropped into the text, to be uploaded. */
  onPictures?(files: File[]): void;
  /** The toolbar's 图片 button (to open a file chooser); without it the button writes an empty Figure. */
  onPickPicture?(): void;
};

// Marks documents pushed in from `value`, which must not be reported back through onChange.
const fromProps = Annotation.define<boolean>();
// How many recently reported documents to remember; see the `value` effect below.
const PENDING_LIMIT = 50;

const isPicture = (f: File) => f.type.startsWith("image/");

export function MdxEditor({ value, onChange, diagnostics, label, readOnly = false, id, ref, onPictures, onPickPicture }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  // Documents sent to onChange that the parent may not have rendered back yet.
  const pending = useRef<string[]>([]);
  const [settings] = useState(() => new Compartment());

  const onPicturesRef = useRef(onPictures);
  useEffect(() => {
    onChangeRef.current = onChange;
    onPicturesRef.current = onPictures;
  }, [onChange, onPictures]);

  // One EditorView per mount; later props reach it through the effects below, not a rebuild,
  // which would lose the cursor, the undo history and the scroll position.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount from the first `value`, `label`, `readOnly` and `id`; their later changes are applied by the reconfigure and `value` effects below.
  useEffect(() => {
    const listener = EditorView.updateListener.of((update) => {
      if (!update.docChanged || update.transactions.some((t) => t.annotation(fromProps))) return;
      const doc = update.state.doc.toString();
      pending.current = [...pending.current.slice(1 - PENDING_LIMIT), doc];
      onChangeRef.current(doc);
    });
    // A picture pasted (a screenshot) or dropped from the desktop is uploaded, not pasted as text.
    const pictures = (files: FileList | undefined | null, event: Event, at?: number) => {
      const list = [...(files ?? [])].filter(isPicture);
      if (list.length === 0 || !onPicturesRef.current || created.state.readOnly) return false;
      event.preventDefault();
      if (at !== undefined) created.dispatch({ selection: EditorSelection.cursor(at) });
      onPicturesRef.current(list);
      return true;
    };
    const fileEvents = EditorView.domEventHandlers({
      paste: (event) => pictures(event.clipboardData?.files, event),
      drop: (event, view) =>
        pictures(event.dataTransfer?.files, event, view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? undefined),
    });
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [editorExtensions(), settings.of(editorSettings(label, readOnly, id)), listener, fileEvents],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: settings.reconfigure(editorSettings(label, readOnly, id)) });
  }, [settings, label, readOnly, id]);

  // A new `value` from outside (restoring a revision, loading a merge) replaces the text. The
  // parent renders what we reported a moment later, by which time more may have been typed:
  // those echoes are not outside changes and must not roll the text back.
  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const doc = current.state.doc.toString();
    if (doc === value) {
      pending.current = [];
      return;
    }
    if (pending.current.includes(value)) return;
    pending.current = [];
    current.dispatch({ changes: minimalChange(doc, value), annotations: fromProps.of(true) });
  }, [value]);

  // Keyed on content: a parent passing a fresh but equal array on every keystroke must not reset
  // the markers, which CodeMirror keeps mapped to the text as it is edited.
  const diagnosticsKey = JSON.stringify(diagnostics);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `diagnosticsKey` is the content of `diagnostics`; keying on the array itself would reset the markers on every keystroke.
  useEffect(() => {
    const current = view.current;
    if (current) current.dispatch(setDiagnostics(current.state, toDiagnostics(current.state.doc, diagnostics)));
  }, [diagnosticsKey]);

  useImperativeHandle(
    ref,
    () => ({
      focusLine(line, column = 1) {
        const current = view.current;
        if (!current) return;
        const { doc } = current.state;
        const target = doc.line(Math.min(Math.max(1, Math.trunc(line) || 1), doc.lines));
        const pos = target.from + Math.min(Math.max(0, Math.trunc(column) - 1), target.length);
        current.dispatch({ selection: EditorSelection.cursor(pos), effects: EditorView.scrollIntoView(pos, { y: "center" }) });
        current.focus();
      },
      insertFigure(src) {
        if (view.current) insertItem(view.current, figureItem(src));
      },
    }),
    [],
  );

  return (
    <div data-testid="mdx-editor" className="rounded border border-stone-300 bg-white">
      <MdxToolbar
        disabled={readOnly}
        onInsert={(item) => (item.kind === "picture" && onPickPicture ? onPickPicture() : view.current && insertItem(view.current, item))}
      />
      <div ref={host} />
    </div>
  );
}
