// Types for the two font libraries that ship none (only what Jianbao calls).
declare module "subset-font" {
  type Options = { targetFormat?: "sfnt" | "truetype" | "woff" | "woff2"; preserveNameIds?: number[]; noLayoutClosure?: boolean };
  export default function subsetFont(font: Buffer, text: string, options?: Options): Promise<Buffer>;
}

declare module "fontverter" {
  export function convert(font: Buffer, toFormat: "sfnt" | "truetype" | "woff" | "woff2", fromFormat?: string): Promise<Buffer>;
}
