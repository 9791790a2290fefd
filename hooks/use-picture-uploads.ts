// The draft's pictures in the editor: uploaded one at a time (picked, pasted or dropped), each
// inserted where the cursor is as soon as it is stored, and removed when the text no longer needs them.
import { useState } from "react";
import type { DraftMediaItem } from "@/db/queries/studio/media";
import { MAX_PICTURE_BYTES } from "@/lib/pictures/limits";
import type { ActionResult } from "@/lib/studio/action";

export type UploadedPicture = { item: DraftMediaItem; src: string; added: boolean; note: string | null };

type Options = {
  draftId: number;
  initial: DraftMediaItem[];
  /** The server actions (passed in: hooks do not import routes). */
  uploadPicture(form: FormData): Promise<ActionResult<UploadedPicture>>;
  removePicture(input: { draftId: number; name: string }): Promise<ActionResult<unknown>>;
  /** Puts the stored picture into the text. */
  insert(src: string): void;
  notify(message: string | undefined): void;
};

const MB = 1048576;

/** Refused here before the upload: past the server's request limit the refusal would be a bare error. */
export function tooLarge(file: { name: string; size: number }): string | null {
  return file.size > MAX_PICTURE_BYTES
    ? `「${file.name}」有 ${(file.size / MB).toFixed(1)} MB，超过每张图片 ${MAX_PICTURE_BYTES / MB} MB 的上限：请缩小后再上传`
    : null;
}

/** What the editor is told about a stored picture: one already there is inserted again, not stored twice. */
export function uploadNotes(fileName: string, { item, added, note }: UploadedPicture): string[] {
  const notes: string[] = [];
  if (!added) notes.push(`「${fileName}」与已上传的「${item.originalName}」是同一张图片，已直接插入`);
  if (note) notes.push(`「${item.originalName}」${note}`);
  return notes;
}

export function usePictureUploads({ draftId, initial, uploadPicture, removePicture, insert, notify }: Options) {
  const [media, setMedia] = useState(initial);
  /** The name of the file on its way up, or null. */
  const [uploading, setUploading] = useState<string | null>(null);

  async function add(files: File[]) {
    const notes: string[] = [];
    for (const file of files) {
      const refused = tooLarge(file);
      if (refused) {
        notes.push(refused);
        continue;
      }
      setUploading(file.name || "图片");
      const form = new FormData();
      form.set("draftId", String(draftId));
      form.set("file", file);
      const r = await uploadPicture(form).catch(() => ({
        ok: false as const,
        error: { code: "studio:failed", message: `「${file.name}」没有上传成功：连接中断或文件太大，请再试一次` },
      }));
      if (!r.ok) {
        notes.push(r.error.message);
        continue;
      }
      if (r.data.added) setMedia((m) => [...m, r.data.item]);
      insert(r.data.src);
      notes.push(...uploadNotes(file.name, r.data));
    }
    setUploading(null);
    notify(notes.length ? notes.join("；") : undefined);
  }

  async function remove(name: string) {
    const r = await removePicture({ draftId, name });
    if (r.ok) setMedia((m) => m.filter((x) => x.name !== name));
    else notify(r.error.message);
  }

  return { media, uploading, add, remove };
}
