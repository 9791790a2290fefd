"use client";
import { Button } from "@/components/ui/button";
import { card } from "@/components/ui/card";
// The draft's pictures under the body: upload (also by pasting or dropping into the text), insert
// one again, remove one the text no longer shows. Pictures already published beside the issue
// (a correction's) are listed too, and stay. Each shows its size in pixels, because a
// picture too small prints soft.
import type { DraftMediaItem } from "@/db/queries/studio/media";
import { printNote } from "@/lib/pictures/limits";
import { mediaMentionAt, mediaSrc } from "@/lib/pictures/paths";

type Props = {
  draftId: number;
  items: DraftMediaItem[];
  /** The issue file the draft publishes to, e.g. "jtyx/2022/003.mdx": its pictures' folder is beside it. */
  issueFile: string;
  body: string;
  editable: boolean;
  busy: string | null;
  onUpload(): void;
  onInsert(src: string): void;
  onRemove(name: string): void;
};

const kb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function PicturePanel(p: Props) {
  return (
    <section aria-labelledby="pictures-heading" className={`p-3 ${card}`} data-testid="picture-panel">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="pictures-heading" className="font-bold">
          图片（{p.items.length}）
        </h2>
        <span className="text-xs text-stone-600">PNG、JPEG、GIF 或 WebP，每张不超过 10 MB；也可以把图片粘贴或拖进正文</span>
        {p.editable ? (
          <Button variant="tool" onClick={p.onUpload} disabled={p.busy !== null} className="ml-auto">
            上传图片…
          </Button>
        ) : null}
      </div>
      {p.busy ? (
        <p role="status" className="mt-2 text-stone-700">
          正在上传「{p.busy}」…
        </p>
      ) : null}
      {p.items.length > 0 ? (
        <ul className="mt-2 grid gap-2 sm:grid-cols-2">
          {p.items.map((m) => {
            const src = mediaSrc(p.issueFile, m.name);
            const used = mediaMentionAt(p.body, m.name) >= 0;
            const note = m.width ? printNote(m) : null;
            return (
              <li key={m.name} className="flex gap-2 rounded border border-stone-200 p-2" data-testid="picture-item">
                {/* eslint-disable-next-line @next/next/no-img-element -- uploads are not known at build time */}
                <img
                  src={`/studio/drafts/${p.draftId}/media/${m.name}`}
                  alt={m.originalName}
                  loading="lazy"
                  className="h-16 w-24 shrink-0 bg-stone-100 object-contain"
                />
                <div className="min-w-0 flex-1">
                  <p className="truncate" title={m.originalName}>
                    {m.originalName}
                  </p>
                  <p className="text-xs text-stone-600">
                    {[
                      m.width ? `${m.width}×${m.height} 像素` : null,
                      kb(m.size),
                      m.published ? "已发布" : null,
                      used ? "正文中已使用" : "未使用",
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  {note ? <p className="text-xs text-amber-800">{note}</p> : null}
                  {p.editable ? (
                    <div className="mt-1 flex gap-2">
                      <button type="button" onClick={() => p.onInsert(src)} className="text-xs underline underline-offset-2">
                        插入正文
                      </button>
                      {m.published ? null : (
                        <button
                          type="button"
                          onClick={() => p.onRemove(m.name)}
                          disabled={used}
                          title={used ? "正文还在使用这张图片：先在正文中删去它" : undefined}
                          className="text-xs text-red-800 underline underline-offset-2 disabled:text-stone-500 disabled:no-underline"
                        >
                          删除
                        </button>
                      )}
                    </div>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
