// Images stored next to an issue: content/<series>/<year>/<NNN>.media/<file>, written in the MDX
// as <Figure src="003.media/1.png" />, a path relative to the issue file as any Markdown editor
// expects. Readers fetch them at /<series>/<year>/<number>/media/<file>, a URL under the issue
// so that the issue's own visibility rules decide who may see its pictures.

/** File names an issue's media folder may hold: plain names, raster images only (no SVG: it can carry script). */
export const MEDIA_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(png|jpe?g|gif|webp)$/i;

export const MEDIA_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/** "jtyx/2022/003.mdx" → "003.media", the folder beside the file. */
export function mediaDirName(issueFile: string): string {
  const base = issueFile.split("/").pop() ?? issueFile;
  return base.replace(/\.mdx$/, ".media");
}

/** "jtyx/2022/003.mdx" → "jtyx/2022/003.media": the folder's path under the content root. */
export function mediaFolderPath(issueFile: string): string {
  const slash = issueFile.lastIndexOf("/");
  return `${slash < 0 ? "" : issueFile.slice(0, slash + 1)}${mediaDirName(issueFile)}`;
}

/** ("jtyx/2022/003.mdx", "1.png") → "jtyx/2022/003.media/1.png": a picture's path under the content root. */
export const mediaPath = (issueFile: string, file: string) => `${mediaFolderPath(issueFile)}/${file}`;

/** ("jtyx/2022/003.mdx", "1.png") → "003.media/1.png": how the issue's MDX names the picture. */
export const mediaSrc = (issueFile: string, file: string) => `${mediaDirName(issueFile)}/${file}`;

/**
 * Where a text names the picture `file` (as …/<file>), or -1: the studio's one test of whether a
 * draft uses a picture, for its list, for refusing to remove it, and for publishing it.
 */
export const mediaMentionAt = (text: string, file: string) => text.indexOf(`/${file}`);

/** True when a Figure's src points into the issue's own folder rather than at a URL or site path. */
export function isRelativeMedia(src: string): boolean {
  return !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(src) && !src.startsWith("/") && !src.startsWith("#");
}

/** "003.media/1.png" → "1.png" when it names a file in this issue's media folder; null otherwise. */
export function mediaFileOf(src: string, issueFile: string): string | null {
  const m = /^(?:\.\/)?([^/]+)\/([^/]+)$/.exec(src);
  if (!m || m[1] !== mediaDirName(issueFile) || !MEDIA_FILE.test(m[2]!)) return null;
  return m[2]!;
}

/** The public URL of a relative Figure src, given the issue's URL ("/jtyx/2022/3"). */
export function mediaUrl(src: string, issueUrl: string): string {
  if (!isRelativeMedia(src)) return src;
  const file = /^(?:\.\/)?[^/]+\.media\/([^/]+)$/.exec(src)?.[1];
  return file && MEDIA_FILE.test(file) ? `${issueUrl}/media/${file}` : src;
}

export function mediaType(file: string): string | undefined {
  return MEDIA_TYPES[file.split(".").pop()!.toLowerCase()];
}
