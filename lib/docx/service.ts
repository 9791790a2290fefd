// The Word file of a published issue, as the route and `npm run docx` hand it out: built on
// request (about as fast as rendering the issue's page, so no disk cache), with its pictures read
// from the issue's media folder (WebP as PNG) and an ETag that changes with the content or the layout.
import "server-only";
import { env } from "@/lib/env";
import { sniff } from "@/lib/pictures/bytes";
import { MAX_PICTURE_PIXELS } from "@/lib/pictures/limits";
import { isRelativeMedia, mediaFileOf, mediaPath } from "@/lib/pictures/paths";
import { readPublishedPicture } from "@/lib/pictures/published";
import type { Picture } from "./body";
import { issueDocx } from "./document";
import type { DocxIssue } from "./issue";

/** Raised whenever the Word layout changes, so that browsers holding an old file fetch the new one. */
export const DOCX_LAYOUT_VERSION = "d2";

export function docxEtag(contentHash: string): string {
  return `"${contentHash.slice(0, 16)}-${DOCX_LAYOUT_VERSION}"`;
}

const TYPES: Record<string, Picture["type"] | undefined> = { png: "png", jpg: "jpg", gif: "gif" };

/**
 * Word 2016–2021, which many offices run, cannot show WebP pictures: they go into the file as PNG,
 * lossless, converted by sharp, the image library Next.js itself serves pictures with. An animated
 * one gives its first frame, as it prints.
 */
async function webpAsPng(bytes: Uint8Array): Promise<Uint8Array | null> {
  const { default: sharp } = await import("sharp");
  try {
    // Bounded as pictures are everywhere else: a few KB of WebP may claim a huge canvas.
    return new Uint8Array(await sharp(bytes, { limitInputPixels: MAX_PICTURE_PIXELS }).png().toBuffer());
  } catch {
    return null; // a damaged file: printed as its description, as a missing one is
  }
}

/**
 * Pictures from the issue's own folder only: a Figure pointing at another site is not fetched
 * (the server never goes out to the network for a download), and prints as its description.
 */
export function pictureReader(contentDir: string, issuePath: string) {
  return async (src: string): Promise<Picture | null> => {
    if (!isRelativeMedia(src)) return null;
    const file = mediaFileOf(src, issuePath);
    if (!file) return null;
    const bytes = await readPublishedPicture(contentDir, mediaPath(issuePath, file));
    if (!bytes) return null;
    const size = sniff(bytes);
    if (!size.width || !size.height) return null;
    if (size.type === "webp") {
      const png = await webpAsPng(bytes);
      return png && { data: png, type: "png", width: size.width, height: size.height };
    }
    const type = TYPES[size.type ?? ""];
    return type ? { data: new Uint8Array(bytes), type, width: size.width, height: size.height } : null;
  };
}

export function publishedIssueDocx(issue: DocxIssue): Promise<Uint8Array> {
  return issueDocx(issue, { readPicture: pictureReader(env().contentDir, issue.path) });
}
