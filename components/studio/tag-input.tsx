"use client";
// The 报/送/发 distribution lists: an ordered list of unit names, typed or pasted the way editors
// copy them out of old bulletins ("省委办公厅、省人大办公厅"), and posted as one field per unit.
import { type ChangeEvent, type ClipboardEvent, type KeyboardEvent, useId, useRef, useState } from "react";

const MAX_LENGTH = 80;
// 、and ，are what Chinese lists use; the rest come from pasted lines and English keyboards.
const SEPARATORS = /[、，,；;\n\r]+/;

type Props = { name: string; label: string; value: string[]; onChange(v: string[]): void; suggestions?: string[]; max?: number };

export function TagInput({ name, label, value, onChange, suggestions = [], max }: Props) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [notice, setNotice] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const full = max !== undefined && value.length >= max;

  // Adds what it can and returns the piece that could not be added (too long), so it stays editable.
  function add(pieces: string[]): string {
    const next = [...value];
    let rejected = "";
    let message = "";
    for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) {
      if (piece.length > MAX_LENGTH) {
        rejected = piece;
        message = `单位名称不能超过${MAX_LENGTH}字。`;
      } else if (next.includes(piece)) message = `「${piece}」已在列表中。`;
      else if (max !== undefined && next.length >= max) message = `最多${max}个单位。`;
      else next.push(piece);
    }
    if (next.length !== value.length) onChange(next);
    setNotice(message);
    return rejected;
  }

  function splitDraft(text: string) {
    const pieces = text.split(SEPARATORS);
    // The text after the last separator is still being typed.
    const rest = pieces.pop() ?? "";
    setDraft(pieces.length ? add(pieces) || rest : rest);
  }

  function onInput(e: ChangeEvent<HTMLInputElement>) {
    const native = e.nativeEvent;
    const picked = typeof InputEvent === "undefined" || !(native instanceof InputEvent) || native.inputType === "insertReplacementText";
    // A pick from the suggestion list is a whole unit name, not the start of one.
    if (picked && suggestions.includes(e.target.value)) setDraft(add([e.target.value]));
    else if (native instanceof InputEvent && native.isComposing) setDraft(e.target.value);
    else splitDraft(e.target.value);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.nativeEvent.isComposing) return; // Enter here confirms the IME candidate
    if (e.key === "Enter") {
      e.preventDefault();
      setDraft(add([draft]));
    } else if (e.key === "Backspace" && draft === "" && value.length > 0) {
      e.preventDefault();
      onChange(value.slice(0, -1));
    }
  }

  function onPaste(e: ClipboardEvent<HTMLInputElement>) {
    const text = e.clipboardData.getData("text");
    if (!SEPARATORS.test(text)) return;
    // A single-line input would swallow the newlines of a pasted list, so split it ourselves.
    e.preventDefault();
    setDraft(add((draft + text).split(SEPARATORS)));
  }

  function move(i: number, by: -1 | 1) {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  }

  function remove(tag: string) {
    onChange(value.filter((t) => t !== tag));
    input.current?.focus(); // the button that had focus is gone
  }

  const chip = "rounded px-1 text-stone-600 hover:bg-stone-200 hover:text-stone-900 disabled:invisible";
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="text-stone-600">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-1.5 rounded border border-stone-300 bg-white p-1.5 focus-within:border-brand">
        {value.length > 0 ? (
          <ul className="contents" aria-label={`${label}：已选${value.length}个单位`}>
            {value.map((tag, i) => (
              <li key={tag} className="flex items-center gap-0.5 rounded border border-stone-300 bg-stone-100 py-0.5 pl-1 pr-0.5">
                <button type="button" className={chip} aria-label={`将「${tag}」前移`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ←
                </button>
                <span className="px-0.5">{tag}</span>
                <button
                  type="button"
                  className={chip}
                  aria-label={`将「${tag}」后移`}
                  disabled={i === value.length - 1}
                  onClick={() => move(i, 1)}
                >
                  →
                </button>
                <button type="button" className={chip} aria-label={`移除「${tag}」`} onClick={() => remove(tag)}>
                  ×
                </button>
                <input type="hidden" name={name} value={tag} />
              </li>
            ))}
          </ul>
        ) : null}
        <input
          ref={input}
          id={id}
          type="text"
          value={draft}
          list={suggestions.length ? `${id}-suggestions` : undefined}
          placeholder={full ? `已达上限（${max}个）` : "输入单位，回车或顿号分隔"}
          aria-describedby={`${id}-notice`}
          onChange={onInput}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onCompositionEnd={(e) => splitDraft(e.currentTarget.value)}
          onBlur={() => setDraft(add([draft]))}
          className="min-w-40 flex-1 px-1 py-0.5 outline-none"
        />
      </div>
      {suggestions.length ? (
        <datalist id={`${id}-suggestions`}>
          {suggestions
            .filter((s) => !value.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      ) : null}
      <p id={`${id}-notice`} role="status" className="min-h-5 text-xs text-stone-600">
        {notice}
      </p>
    </div>
  );
}
