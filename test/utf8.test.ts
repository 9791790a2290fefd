// Strict UTF-8 decoding of content files: valid text passes through; otherwise the editor is told
// the line and column of the first byte that is not UTF-8.
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "@/lib/content/utf8";

const enc = new TextEncoder();
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(enc.encode(p)) : Buffer.from(p))));

describe("decodeUtf8", () => {
  it("accepts valid 1-, 2-, 3- and 4-byte sequences", () => {
    const text = "第3期：“双减”政策 café 𠮷 😀\n第二行\n";
    expect(decodeUtf8(enc.encode(text))).toEqual({ ok: true, text });
  });

  it("accepts an empty file", () => {
    expect(decodeUtf8(new Uint8Array())).toEqual({ ok: true, text: "" });
  });

  it("drops a leading byte-order mark", () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], "---\n"))).toEqual({ ok: true, text: "---\n" });
  });

  it("locates a lone continuation byte", () => {
    expect(decodeUtf8(bytes("ab\n c", [0x80], "d\n"))).toEqual({ ok: false, line: 2, column: 3 });
  });

  it("locates an invalid byte (0xff) on line 3", () => {
    expect(decodeUtf8(bytes("---\nseries: jtyx\nyear: 20", [0xff], "22\n"))).toEqual({ ok: false, line: 3, column: 9 });
  });

  it("counts the column in characters when multi-byte text precedes the bad byte", () => {
    // 标题 is 6 bytes but 2 characters: the bad byte is the 3rd character of the line.
    expect(decodeUtf8(bytes("x\n标题", [0xfe]))).toEqual({ ok: false, line: 2, column: 3 });
  });

  it("locates a 3-byte sequence truncated at the end of the file", () => {
    // 中 is E4 B8 AD; the file ends after E4 B8.
    expect(decodeUtf8(bytes("行一\n文字", [0xe4, 0xb8]))).toEqual({ ok: false, line: 2, column: 3 });
  });

  it("locates a 3-byte sequence cut short by an ASCII byte", () => {
    expect(decodeUtf8(bytes("ab", [0xe4, 0xb8], "c\n"))).toEqual({ ok: false, line: 1, column: 3 });
  });

  it("refuses the overlong encoding C0 AF (an overlong '/')", () => {
    expect(decodeUtf8(bytes("a", [0xc0, 0xaf], "b"))).toEqual({ ok: false, line: 1, column: 2 });
  });

  it("refuses overlong 3- and 4-byte encodings", () => {
    expect(decodeUtf8(bytes("a\nb", [0xe0, 0x80, 0xaf]))).toEqual({ ok: false, line: 2, column: 2 });
    expect(decodeUtf8(bytes("a\nb", [0xf0, 0x80, 0x80, 0xaf]))).toEqual({ ok: false, line: 2, column: 2 });
  });

  it("refuses an encoded UTF-16 surrogate (ED A0 80 = U+D800)", () => {
    expect(decodeUtf8(bytes("x\ny\nzz", [0xed, 0xa0, 0x80], "\n"))).toEqual({ ok: false, line: 3, column: 3 });
  });

  it("refuses code points above U+10FFFF and bytes F5–FF", () => {
    expect(decodeUtf8(bytes("a", [0xf4, 0x90, 0x80, 0x80]))).toEqual({ ok: false, line: 1, column: 2 });
    expect(decodeUtf8(bytes("a", [0xf5, 0x80, 0x80, 0x80]))).toEqual({ ok: false, line: 1, column: 2 });
  });

  it("counts lines after CRLF line endings", () => {
    expect(decodeUtf8(bytes("a\r\nb\r\n", [0xff]))).toEqual({ ok: false, line: 3, column: 1 });
  });

  it("does not carry state from a failed decode into the next file", () => {
    expect(decodeUtf8(bytes("a", [0xe4, 0xb8])).ok).toBe(false);
    expect(decodeUtf8(enc.encode("中文"))).toEqual({ ok: true, text: "中文" });
  });
});
