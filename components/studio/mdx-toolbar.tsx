"use client";
// The buttons above the MDX editor that write the bulletin's elements for the editor, so nobody
// has to remember tag names or attribute spellings. Titles come from the compiler's own list.
import { EditorSelection } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { type KeyboardEvent, useRef, useState } from "react";
import { allowedElements } from "@/lib/content/allowed-elements";

export type ToolbarItem = { label: string; title: string } & (
  | { kind: "wrap"; before: string; after: string; placeholder: string }
  | { kind: "block"; snippet: string } // MDX reads JSX as a block only on a line of its own
  | { kind: "prefix"; prefix: string }
  // Uploads a picture where the editor can; otherwise writes the snippet for a picture by address.
  | { kind: "picture"; snippet: string }
);

const describe = (name: string, extra = "") => (allowedElements[name]?.description ?? "") + extra;

export const toolbarItems: ToolbarItem[] = [
  { label: "一级段首标题", title: describe("RunIn"), kind: "wrap", before: "<RunIn>", after: "</RunIn>", placeholder: "一、……。" },
  {
    label: "二级",
    title: describe("RunIn", "，二级"),
    kind: "wrap",
    before: '<RunIn level="2">',
    after: "</RunIn>",
    placeholder: "（一）……。",
  },
  {
    label: "三级",
    title: describe("RunIn", "，三级"),
    kind: "wrap",
    before: '<RunIn level="3">',
    after: "</RunIn>",
    placeholder: "1.……。",
  },
  { label: "加粗", title: "加粗（如“一是”）", kind: "wrap", before: "**", after: "**", placeholder: "一是" },
  { label: "按语", title: describe("EditorNote"), kind: "wrap", before: "<EditorNote>", after: "</EditorNote>", placeholder: "按语" },
  { label: "供稿单位", title: describe("Byline"), kind: "wrap", before: "<Byline>（", after: "供稿）</Byline>", placeholder: "某单位" },
  { label: "落款", title: describe("Signature"), kind: "block", snippet: '<Signature org="" date="" />' },
  {
    label: "图片",
    title: describe("Figure", "：上传图片（也可把图片粘贴或拖进正文）"),
    kind: "picture",
    snippet: '<Figure src="" alt="" caption="" />',
  },
  { label: "另起一页", title: describe("PageBreak"), kind: "block", snippet: "<PageBreak />" },
  { label: "小标题", title: "小标题（在本行行首加 #）", kind: "prefix", prefix: "# " },
];

/** The Figure for an uploaded picture, with the cursor left in its caption. */
export const figureItem = (src: string): ToolbarItem => ({
  label: "图片",
  title: "",
  kind: "block",
  snippet: `<Figure src="${src}" caption="" />`,
});

/** Applies one toolbar item at the main selection: wraps it, or inserts at the cursor. */
export function insertItem(view: EditorView, item: ToolbarItem) {
  const { state } = view;
  const { from, to, anchor, head } = state.selection.main;
  const line = state.doc.lineAt(to);
  const spec = { scrollIntoView: true, userEvent: "input" };
  if (item.kind === "wrap") {
    const inner = state.sliceDoc(from, to) || item.placeholder;
    const start = from + item.before.length;
    // Leave the text (or placeholder) selected inside the tags, so typing replaces the placeholder.
    view.dispatch({
      ...spec,
      changes: { from, to, insert: item.before + inner + item.after },
      selection: EditorSelection.single(start, start + inner.length),
    });
  } else if (item.kind === "prefix") {
    const start = state.doc.lineAt(from);
    if (start.text.startsWith(item.prefix)) return;
    const n = item.prefix.length;
    view.dispatch({ ...spec, changes: { from: start.from, insert: item.prefix }, selection: EditorSelection.single(anchor + n, head + n) });
  } else {
    const before = line.text.slice(0, to - line.from).trim();
    const after = line.text.slice(to - line.from).trim();
    const prevFilled = line.number > 1 && state.doc.line(line.number - 1).text.trim() !== "";
    const nextFilled = line.number < state.doc.lines && state.doc.line(line.number + 1).text.trim() !== "";
    // Blank lines around the element keep it from being read as part of a paragraph.
    const lead = before ? "\n\n" : prevFilled ? "\n" : "";
    const trail = after ? "\n\n" : nextFilled ? "\n" : "";
    const quote = item.snippet.indexOf('""');
    const cursor = to + lead.length + (quote >= 0 ? quote + 1 : item.snippet.length);
    view.dispatch({ ...spec, changes: { from: to, insert: lead + item.snippet + trail }, selection: EditorSelection.cursor(cursor) });
  }
  view.focus();
}

/** A toolbar with one tab stop; arrow keys move between the buttons (WAI-ARIA toolbar pattern). */
export function MdxToolbar({ onInsert, disabled }: { onInsert(item: ToolbarItem): void; disabled?: boolean }) {
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const last = toolbarItems.length - 1;
    const targets: Record<string, number> = {
      ArrowRight: active === last ? 0 : active + 1,
      ArrowLeft: active === 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    const to = targets[e.key];
    if (to === undefined) return;
    e.preventDefault();
    setActive(to);
    buttons.current[to]?.focus();
  }
  return (
    <div
      role="toolbar"
      aria-label="插入排版元素"
      onKeyDown={onKeyDown}
      className="flex flex-wrap gap-1 rounded-t border-b border-stone-200 bg-stone-100 p-1.5"
    >
      {toolbarItems.map((item, i) => (
        <button
          key={item.label}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          title={item.title}
          tabIndex={i === active ? 0 : -1}
          disabled={disabled}
          onFocus={() => setActive(i)}
          onClick={() => onInsert(item)}
          className="rounded border border-stone-300 bg-white px-2 py-1 text-sm text-stone-800 hover:border-brand hover:text-brand disabled:opacity-50"
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
