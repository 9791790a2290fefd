// Per-issue font subsets on disk: a page registers the characters it prints and gets a key;
// the font route then cuts each face down to those characters once and serves the file from
// disk after that. The full fonts are decompressed from WOFF2 once per data directory.
import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import subsetFont from "subset-font";
import { env } from "@/lib/env";
import { exists, writeAtomic } from "@/lib/files";
import { FONT_FILES, type FontFile } from "./faces";

const SUBSET_KEY = /^[0-9a-f]{16}$/;

const fontsDir = () => path.join(env().dataDir, "cache", "fonts");
const publicFont = (file: FontFile) => path.join(process.cwd(), "public", "fonts", `${file}.woff2`);

let signature: Promise<string> | undefined;
/** Changes when a shipped font file changes, so old subsets are never served for new fonts. */
function fontsSignature(): Promise<string> {
  signature ??= Promise.all(FONT_FILES.map(async (f) => `${f}:${(await fs.stat(publicFont(f))).size}`)).then((parts) => parts.join(","));
  return signature;
}

/** Registers a character set and returns the key under which its subsets are served. */
export async function registerCharset(chars: string): Promise<string> {
  const key = createHash("sha256")
    .update(`${await fontsSignature()}\n${chars}`)
    .digest("hex")
    .slice(0, 16);
  const file = path.join(fontsDir(), key, "chars.txt");
  if (!(await exists(file))) await writeAtomic(file, Buffer.from(chars, "utf8"));
  return key;
}

const inFlight = new Map<string, Promise<string>>();

/** The path of `file` cut down to the characters registered under `key`; undefined for an unknown key. */
export async function subsetPath(key: string, file: FontFile): Promise<string | undefined> {
  if (!SUBSET_KEY.test(key)) return undefined;
  const out = path.join(fontsDir(), key, `${file}.ttf`);
  if (await exists(out)) return out;
  const charsFile = path.join(fontsDir(), key, "chars.txt");
  if (!(await exists(charsFile))) return undefined;
  const id = `${key}/${file}`;
  let job = inFlight.get(id);
  if (!job) {
    job = (async () => {
      const chars = await fs.readFile(charsFile, "utf8");
      const subset = await subsetFont(await sourceFont(file), chars, { targetFormat: "truetype" });
      await writeAtomic(out, subset);
      return out;
    })().finally(() => inFlight.delete(id));
    inFlight.set(id, job);
  }
  return job;
}

/** Unpacks the shipped fonts ahead of the first page or PDF that needs them (once per data directory). */
export async function warmFontSources(): Promise<void> {
  for (const file of FONT_FILES) await sourceFont(file);
}

function unpackInWorker(woff2: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "fonts", "unpack-worker.mjs"), {
      workerData: woff2,
    });
    worker.once("message", (ttf: Uint8Array) => resolve(Buffer.from(ttf)));
    worker.once("error", reject);
    worker.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`fonts:unpack-worker exited with ${code}`))));
  });
}

// On globalThis: the start-up warm-up (instrumentation) and the font route may be separate module
// instances, and the route should wait for the warm-up's job rather than unpack again.
const sources: Map<FontFile, Promise<Buffer>> = ((
  globalThis as typeof globalThis & { __jianbaoFontSources?: Map<FontFile, Promise<Buffer>> }
).__jianbaoFontSources ??= new Map());
function sourceFont(file: FontFile): Promise<Buffer> {
  let job = sources.get(file);
  if (!job) {
    job = (async () => {
      const ttf = path.join(fontsDir(), "sources", `${file}-${(await fs.stat(publicFont(file))).size}.ttf`);
      if (await exists(ttf)) return fs.readFile(ttf);
      const buf = await unpackInWorker(await fs.readFile(publicFont(file)));
      await writeAtomic(ttf, buf);
      return buf;
    })();
    job.catch(() => sources.delete(file));
    sources.set(file, job);
  }
  return job;
}
