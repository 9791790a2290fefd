// What the editor and its preview iframe say to each other (postMessage, same origin only): the
// editor sends the text with a sequence number, the frame answers with that number, so an answer
// to an older request can be told apart and dropped.
import type { DraftCheck } from "./check-draft";
import type { DraftFields } from "./draft-fields";

export type PreviewRequest = { type: "jianbao:preview"; seq: number; fields: DraftFields; body: string };
export type PreviewReport =
  | { type: "jianbao:pages"; seq: number; pages: number }
  | { type: "jianbao:check"; seq: number; check: DraftCheck }
  | { type: "jianbao:preview-error"; seq: number; message: string };
/** The frame is listening; sent when it starts, and again when the editor says hello. */
export type PreviewReady = { type: "jianbao:ready" };
