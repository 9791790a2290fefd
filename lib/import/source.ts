// What the readers of Word files and of plain text hand to the recogniser: a flat list of
// blocks in reading order. Text carries bold as private-use marks (see normalize.ts).
export type SourceBlock =
  | {
      kind: "text";
      text: string;
      /** Where it starts in the source: a line of a text file or a paragraph of a Word file. */
      line: number;
      /** The line as written, before normalisation (kept for titles, whose spaces matter). */
      raw?: string;
      /** Made of several source lines joined back into one paragraph. */
      joined?: boolean;
      /** A Word heading level (Heading 1 → 1). */
      heading?: number;
    }
  | { kind: "table"; rows: string[][]; line: number }
  | { kind: "list"; ordered: boolean; items: string[]; line: number }
  | { kind: "image"; file: string; alt?: string; line: number }
  /** A Word footnote; its reference in the text is FOOTNOTE_OPEN id FOOTNOTE_CLOSE (normalize.ts). */
  | { kind: "footnote"; id: string; text: string; line: number };
