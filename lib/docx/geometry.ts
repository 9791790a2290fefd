// The GB/T 9704-2012 page in Word's units: twips (1/20 pt) for the page and paragraphs,
// half-points for type sizes, eighths of a point for rules. The figures are those of
// official.css, so the Word file and the PDF lay out the same type area and grid.
const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number) => Math.round(mm * TWIPS_PER_MM);

export const PAGE = { width: mmToTwips(210), height: mmToTwips(297) };
export const MARGIN = { top: mmToTwips(37), bottom: mmToTwips(35), left: mmToTwips(28), right: mmToTwips(26) };
/** The type area (版心), 156 × 225 mm. */
export const AREA = { width: PAGE.width - MARGIN.left - MARGIN.right, height: PAGE.height - MARGIN.top - MARGIN.bottom };

/** 3号 = 16 pt, in half-points. */
export const BODY_SIZE = 32;
/** 22 lines a page: 225 mm / 22 ≈ 28.95 pt, rounded down so that 22 lines always fit. */
export const LINE = Math.floor(AREA.height / 22);
/**
 * 28 characters a line: 156 mm / 28 ≈ 15.79 pt a character. Word's grid gives it as the
 * difference from the 16 pt default size, in 1/4096 pt (w:charSpace): −842, rounded down so that
 * 28 pitches stay inside the line (−841 makes them 442.251 pt on a 442.250 pt line, which a grid
 * of characters would fill with 27). Written for whoever turns Word's grid to characters: the
 * document's own grid is lines only (fonts.ts says why).
 */
export const CHAR_PITCH = AREA.width / 28;
export const CHAR_SPACE = Math.floor((CHAR_PITCH / 20 - BODY_SIZE / 2) * 4096);

/** One 16 pt character, the unit of indents (两字缩进 = 640 twips). */
export const CHAR = 320;
/** 4号 = 14 pt page numbers, one character in from the edge of the type area. */
export const FOLIO_SIZE = 28;
export const FOLIO_INDENT = 280;
/**
 * The footer's distance from the paper's foot to the bottom of the number's line: the number's
 * top sits 7 mm below the type area (GB/T 9704 §7.5), its line is one 14 pt line tall.
 */
export const FOOTER = PAGE.height - MARGIN.top - AREA.height - mmToTwips(7) - FOLIO_SIZE * 10;

/** Rules in eighths of a point: the masthead's red rule ≈ 0.6 mm (as official.css), 版记 0.35 / 0.25 mm. */
export const RULE = { masthead: 14, thick: 8, thin: 6 };
/** Pictures at most as wide as the type area and 120 mm tall (official.css), in pixels at 96 dpi. */
export const PICTURE_MAX = { width: (156 / 25.4) * 96, height: (120 / 25.4) * 96 };
