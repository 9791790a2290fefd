// The white, bordered box the studio's forms and panels sit in; the spacing inside is the caller's.
export const card = "rounded border border-stone-200 bg-white text-sm";
