// An uploaded picture is judged by its bytes, never by its file name or the type the browser
// claims: only PNG, JPEG, GIF and WebP, which browsers and Chromium's PDFs all show (no SVG: it
// can carry script). Its name in the media folder comes from its hash, so one name
// always means one picture.
import { imageSize } from "image-size";
import { sha256 } from "@/lib/content/load";
import { AppError } from "@/lib/errors";
import { MAX_PICTURE_BYTES, MAX_PICTURE_PIXELS } from "./limits";
import { MEDIA_TYPES } from "./paths";

export type Picture = { name: string; type: string; size: number; width: number; height: number };

export function readPicture(bytes: Uint8Array, label: string): Picture {
  const refuse = (why: string) => new AppError("studio:invalid-picture", `「${label}」${why}`);
  if (bytes.byteLength === 0) throw refuse("是空文件");
  if (bytes.byteLength > MAX_PICTURE_BYTES) {
    throw refuse(`有 ${(bytes.byteLength / 1048576).toFixed(1)} MB，超过每张图片 ${MAX_PICTURE_BYTES / 1048576} MB 的上限：请缩小后再上传`);
  }
  const found = sniff(bytes);
  // image-size names the four kinds png, jpg, gif and webp, as the media folder's extensions are.
  const ext = found.type && Object.hasOwn(MEDIA_TYPES, found.type) ? found.type : undefined;
  if (!ext) throw refuse("不是 PNG、JPEG、GIF 或 WebP 图片（其他格式请先另存为 PNG 或 JPG）");
  const width = found.width ?? 0;
  const height = found.height ?? 0;
  if (width < 1 || height < 1) throw refuse("读不出图片的尺寸，文件可能已损坏");
  if (width * height > MAX_PICTURE_PIXELS) throw refuse(`有 ${width}×${height} 像素，太大了：请缩小到 6000 万像素以内`);
  return { name: `${sha256(bytes).slice(0, 16)}.${ext}`, type: MEDIA_TYPES[ext]!, size: bytes.byteLength, width, height };
}

/**
 * What the bytes say they are (image-size reads the magic bytes and the header's dimensions); an
 * empty answer for anything it cannot read. A file's head is enough for every format's dimensions.
 */
export function sniff(bytes: Uint8Array): { type?: string; width?: number; height?: number } {
  try {
    return imageSize(bytes);
  } catch {
    return {};
  }
}
