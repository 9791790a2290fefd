// A PNG of any size, made on the spot (a plain encoder over zlib): for the benchmarks' uploads
// and the tests' pictures.
import zlib from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A width×height RGB PNG: a colour field with a darker band, so two sizes or colours differ in
 * bytes. With `grain`, every pixel is jittered by up to ±grain, which compresses about as badly
 * as a photo does (1400×1000 is then about 4 MB).
 */
export function pngOf(width: number, height: number, rgb: [number, number, number] = [40, 120, 200], grain = 0): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + width * 3);
  // A fixed seed: the same call gives the same bytes.
  let seed = (width * 31 + height) >>> 0;
  const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const band = y > height / 3 && y < (2 * height) / 3 ? 0.6 : 1;
    for (let x = 0; x < width; x++)
      row.set(
        rgb.map((c) => Math.min(255, Math.max(0, Math.round(c * band) + (grain ? Math.floor(next() * (2 * grain + 1)) - grain : 0)))),
        1 + x * 3,
      );
    rows.push(Buffer.from(row));
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]),
  );
}
