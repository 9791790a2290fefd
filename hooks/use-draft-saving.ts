// The draft editor's text and how it reaches the server: every edit marks it unsaved, a moment
// after typing stops it saves itself, one save at a time, each save a revision. A save based on an
// older revision than the current one is refused; the conflict pauses autosave until it is merged
// or the other version is taken.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { ActionResult } from "@/lib/studio/action";
import type { DraftCheck } from "@/lib/studio/check-draft";
import { type Conflict, mergeConflict } from "@/lib/studio/conflict";
import type { DraftFields } from "@/lib/studio/draft-fields";

export const AUTOSAVE_MS = 2500;

export type SaveKind = "save" | "autosave" | "merge";

export type SaveState =
  | { kind: "saved"; seq: number; at: string }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; conflict: Conflict };

export type SaveEvent =
  | { type: "edited" }
  | { type: "sending" }
  | { type: "failed"; message: string }
  | { type: "refused"; conflict: Conflict }
  /** `changedSince`: the text was edited while the save was on its way, so what is shown is not what was stored. */
  | { type: "stored"; seq: number; at: string; changedSince: boolean }
  | { type: "merged" }
  | { type: "took-theirs"; seq: number; at: string };

export function saveReducer(state: SaveState, event: SaveEvent): SaveState {
  switch (event.type) {
    // An edit while a conflict waits keeps it waiting: autosave would only be refused again.
    case "edited":
      return state.kind === "conflict" ? state : { kind: "dirty" };
    case "sending":
      return { kind: "saving" };
    case "failed":
      return { kind: "error", message: event.message };
    case "refused":
      return { kind: "conflict", conflict: event.conflict };
    case "stored":
      return event.changedSince ? { kind: "dirty" } : { kind: "saved", seq: event.seq, at: event.at };
    // The merge is a change on top of the other version: it saves as the next revision.
    case "merged":
      return { kind: "dirty" };
    case "took-theirs":
      return { kind: "saved", seq: event.seq, at: event.at };
  }
}

/** Autosave waits for unsaved edits, and never runs on a draft that cannot be edited or while a conflict waits. */
export const autosaveDue = (state: SaveState, editable: boolean) => state.kind === "dirty" && editable;

type SaveReply = { saved: false; conflict: Conflict } | { saved: true; revisionId: number; seq: number; check: DraftCheck };

export type SaveDraftAction = (input: {
  draftId: number;
  baseRevisionId: number;
  fields: DraftFields;
  body: string;
  kind: SaveKind;
}) => Promise<ActionResult<SaveReply>>;

type Options = {
  draftId: number;
  editable: boolean;
  initial: { fields: DraftFields; body: string; check: DraftCheck; revisionId: number; seq: number; savedAt: string };
  /** The server action that stores a revision (passed in: hooks do not import routes). */
  saveDraft: SaveDraftAction;
  notify(message: string | undefined): void;
};

export function useDraftSaving({ draftId, editable, initial, saveDraft, notify }: Options) {
  const [fields, setFields] = useState(initial.fields);
  const [body, setBody] = useState(initial.body);
  const [check, setCheck] = useState(initial.check);
  const [state, dispatch] = useReducer(saveReducer, { kind: "saved", seq: initial.seq, at: initial.savedAt });
  const base = useRef(initial.revisionId);
  const latest = useRef({ fields, body });
  // Bumped on every edit: tells whether the text changed while a save was on its way.
  const version = useRef(0);
  latest.current = { fields, body };
  const dirty = state.kind !== "saved";

  // One save at a time: a second one sent on the same base would be refused as stale by our own first.
  const inFlight = useRef<Promise<number | null>>(Promise.resolve(null));
  // Reads the text through refs, so it (and `save`) keeps one identity for as long as the draft does.
  const saveNow = useCallback(
    async (kind: SaveKind): Promise<number | null> => {
      const sent = latest.current;
      const sentVersion = version.current;
      dispatch({ type: "sending" });
      const r = await saveDraft({ draftId, baseRevisionId: base.current, fields: sent.fields, body: sent.body, kind });
      if (!r.ok) {
        dispatch({ type: "failed", message: r.error.message });
        return null;
      }
      if (!r.data.saved) {
        dispatch({ type: "refused", conflict: r.data.conflict });
        return null;
      }
      base.current = r.data.revisionId;
      setCheck(r.data.check);
      dispatch({ type: "stored", seq: r.data.seq, at: new Date().toISOString(), changedSince: version.current !== sentVersion });
      return r.data.revisionId;
    },
    [draftId, saveDraft],
  );
  const save = useCallback((kind: SaveKind) => (inFlight.current = inFlight.current.then(() => saveNow(kind))), [saveNow]);

  // Autosave: a moment after the last change, unless a conflict is waiting to be resolved.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fields` and `body` are what the timer debounces: every edit restarts the countdown, though the effect saves from refs and never reads them.
  useEffect(() => {
    if (!autosaveDue(state, editable)) return;
    const timer = setTimeout(() => void save("autosave"), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [state, fields, body, save, editable]);

  const edit = (next: { fields?: DraftFields; body?: string }) => {
    version.current += 1;
    if (next.fields) latest.current = { ...latest.current, fields: next.fields };
    if (next.body !== undefined) latest.current = { ...latest.current, body: next.body };
    if (next.fields) setFields(next.fields);
    if (next.body !== undefined) setBody(next.body);
    dispatch({ type: "edited" });
  };

  const conflict = state.kind === "conflict" ? state.conflict : undefined;

  function merge() {
    if (!conflict) return;
    const merged = mergeConflict(conflict, latest.current);
    base.current = conflict.head.id;
    edit({ fields: merged.fields, body: merged.body });
    dispatch({ type: "merged" });
    notify(merged.notice);
  }

  function takeTheirs() {
    if (!conflict) return;
    base.current = conflict.head.id;
    setFields(conflict.head.fields);
    setBody(conflict.head.body);
    dispatch({ type: "took-theirs", seq: conflict.head.seq, at: conflict.head.createdAt });
    notify(`已载入第${conflict.head.seq}版。`);
  }

  /** The revision that holds what is on screen: saved first if it is not yet. Null when the save did not go through. */
  const savedRevision = async () => (dirty ? await save("save") : base.current);

  return { fields, body, check, setCheck, state, conflict, dirty, edit, save, merge, takeTheirs, savedRevision };
}
