// What pictures may be, in a module the browser can load too (the studio's picture list).

/** A phone photo is 3–6 MB; a picture for a printed bulletin never needs more. */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024;
/** Beyond this many pixels a picture is a decompression bomb for every reader's browser. */
export const MAX_PICTURE_PIXELS = 60_000_000;
/** The type area is 156 mm wide: below this many pixels across, a full-width picture prints soft (about 130 dpi). */
export const SHARP_PRINT_WIDTH = 800;

/** A word for the editor when a picture will print soft; null when it is sharp enough. */
export function printNote(p: { width: number }): string | null {
  return p.width < SHARP_PRINT_WIDTH ? `宽 ${p.width} 像素，通栏印出来会发虚（建议至少 ${SHARP_PRINT_WIDTH} 像素宽）` : null;
}
