// The reader of the atomicity test (test/studio-publish.test.ts), in its own process as a reader
// on the site would be: reads one file as fast as it can and keeps every read that was not, byte
// for byte, one of the expected versions. Arguments: the file, then the versions' sha256 hashes.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** `bad` holds the first few bad reads, `badCount` all of them. */
export type ReaderReport = { reads: number; bad: string[]; badCount: number };
export type ReaderMessage = { progress: number } | { done: ReaderReport };

const [file, ...expected] = process.argv.slice(2);
let stopping = false;
process.on("message", (m) => {
  if (m === "stop") stopping = true;
});

const report: ReaderReport = { reads: 0, bad: [], badCount: 0 };
const send = (m: ReaderMessage, then: () => void = () => undefined) => process.send!(m, then);

function fail(what: string) {
  if (report.badCount++ < 20) report.bad.push(`read ${report.reads}: ${what}`);
}

function readOnce() {
  report.reads++;
  try {
    const bytes = readFileSync(file!);
    if (!expected.includes(createHash("sha256").update(bytes).digest("hex"))) fail(`${bytes.length} bytes, neither version`);
  } catch (error) {
    fail((error as NodeJS.ErrnoException).code ?? String(error));
  }
}

// Small batches between turns of the event loop, so "stop" gets through; the parent counts the
// progress messages to know the reader really ran while it wrote.
async function main() {
  while (!stopping) {
    for (let i = 0; i < 5; i++) readOnce();
    send({ progress: report.reads });
    await new Promise((resolve) => setImmediate(resolve));
  }
  send({ done: report }, () => process.exit(0));
}

void main();
