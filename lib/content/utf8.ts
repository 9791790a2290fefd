// Strict UTF-8 decoding that can say where a file stops being UTF-8.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type Decoded = { ok: true; text: string } | { ok: false; line: number; column: number };

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidOffset(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
    return { ok: false, line, column };
  }
}

function firstInvalidOffset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= b.length) return i;
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
    }
    // Overlong and surrogate forms are also invalid.
    if (c === 0xe0 && b[i + 1]! < 0xa0) return i;
    if (c === 0xed && b[i + 1]! > 0x9f) return i;
    if (c === 0xf0 && b[i + 1]! < 0x90) return i;
    if (c === 0xf4 && b[i + 1]! > 0x8f) return i;
    i += need + 1;
  }
  return b.length;
}
