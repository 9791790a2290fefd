// CodeMirror configuration for the issue editor, kept apart from the React wrapper so the
// component only deals with lifecycle: extensions, the look, and mapping server diagnostics.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, lintGutter } from "@codemirror/lint";
import { type ChangeSpec, EditorState, type Extension, type Text } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";

export type EditorDiagnostic = { line: number; column?: number; message: string; severity?: "error" | "warning" };

// Latin monospace first, then CJK faces, so 汉字 do not fall back to a serif.
const FONT =
  '"SFMono-Regular", "Cascadia Mono", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", "Sarasa Mono SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", monospace';

const theme = EditorView.theme({
  "&": { backgroundColor: "#fff", fontSize: "15px", borderBottomLeftRadius: "4px", borderBottomRightRadius: "4px" },
  // Drawn inside the box so the wrapper's border and the toolbar never hide it.
  "&.cm-focused": { outline: "2px solid var(--color-brand, #c8161d)", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: FONT, lineHeight: "1.75" },
  ".cm-content, .cm-gutter": { minHeight: "480px" },
  ".cm-content": { padding: "8px 0" },
  ".cm-gutters": { backgroundColor: "#f5f5f4", color: "#a8a29e", borderRight: "1px solid #e7e5e4" },
});

// CodeMirror's default colours, with the three that fall under 4.5:1 on the active line's tint
// (axe found the tag name in <Figure …> at 4.26:1) darkened to pass WCAG AA on it and on white.
const DARKER: Record<string, string> = { "#085": "#06704a", "#e40": "#b03000", "#f00": "#c00" };
const highlightStyle = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) => (spec.color && DARKER[spec.color] ? { ...spec, color: DARKER[spec.color] } : spec)),
);

/** Everything but the per-instance settings; `history` here is why Ctrl+Z works. */
export function editorExtensions(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    // Shows the zero-width and control characters that Word exports leave in pasted text.
    highlightSpecialChars(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    // Chinese paragraphs are single lines hundreds of characters long.
    EditorView.lineWrapping,
    markdown(),
    syntaxHighlighting(highlightStyle, { fallback: true }),
    lintGutter(),
    // No indentWithTab: Tab must leave the editor for keyboard users.
    keymap.of([...defaultKeymap, ...historyKeymap]),
    theme,
  ];
}

/** Settings that can change while the editor lives (kept in a compartment by the component). */
export function editorSettings(label: string, readOnly: boolean, id?: string): Extension {
  const attrs: Record<string, string> = { "aria-label": label };
  if (id) attrs.id = id;
  return [EditorView.contentAttributes.of(attrs), EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}

/** Server diagnostics use 1-based lines and columns of the saved text; clamp what no longer fits. */
export function toDiagnostics(doc: Text, list: readonly EditorDiagnostic[]): Diagnostic[] {
  return list.map((d) => {
    const line = doc.line(Math.min(Math.max(1, Math.trunc(d.line) || 1), doc.lines));
    if (d.column === undefined) return { from: line.from, to: line.to, severity: d.severity ?? "error", message: d.message };
    const from = line.from + Math.min(Math.max(0, Math.trunc(d.column) - 1), line.length);
    return { from, to: Math.min(from + 1, line.to), severity: d.severity ?? "error", message: d.message };
  });
}

/** The smallest edit turning `current` into `next`, so the cursor maps through an outside update. */
export function minimalChange(current: string, next: string): ChangeSpec {
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  return { from: start, to: current.length - end, insert: next.slice(start, next.length - end) };
}
