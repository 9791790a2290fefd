// What the editor says about pictures it uploads, read from the pure parts of
// hooks/use-picture-uploads.ts: too large to send, the same picture twice, too small to print well.
import { describe, expect, it } from "vitest";
import { tooLarge, uploadNotes } from "@/hooks/use-picture-uploads";
import { MAX_PICTURE_BYTES } from "@/lib/pictures/limits";

const item = {
  name: "a1b2c3.png",
  originalName: "合影.png",
  type: "image/png",
  size: 2048,
  width: 800,
  height: 600,
  uploadedAt: new Date(0),
};

describe("picture uploads", () => {
  it("refuses a file over the limit before sending it, saying its size and the limit", () => {
    expect(tooLarge({ name: "大图.jpg", size: MAX_PICTURE_BYTES })).toBeNull();
    expect(tooLarge({ name: "大图.jpg", size: 12.5 * 1048576 })).toBe(
      `「大图.jpg」有 12.5 MB，超过每张图片 ${MAX_PICTURE_BYTES / 1048576} MB 的上限：请缩小后再上传`,
    );
  });

  it("says nothing of a new picture stored as it is", () => {
    expect(uploadNotes("合影.png", { item, src: "x", added: true, note: null })).toEqual([]);
  });

  it("names the picture already uploaded when the same one comes again, and passes on the print note", () => {
    expect(uploadNotes("合影（副本）.png", { item, src: "x", added: false, note: "只有 800×600 像素，印出来可能模糊" })).toEqual([
      "「合影（副本）.png」与已上传的「合影.png」是同一张图片，已直接插入",
      "「合影.png」只有 800×600 像素，印出来可能模糊",
    ]);
  });
});
