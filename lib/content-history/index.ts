// Content history: when content/ is a git repository, each publication, correction, withdrawal
// and republication becomes one commit of the files it changed, authored by the person who
// answered for it, and is pushed to CONTENT_GIT_PUSH when set.
//
// Git never decides whether a publication happens: the studio has already written the file when
// it calls recordContentChange, which only queues the change (in DATA_DIR, so a restart loses
// nothing) and returns. The queue is worked off in the background, one git command at a time;
// a failure is logged with a code, kept for /api/health and retried with growing pauses, and the
// next attempt commits (and pushes) everything still pending, in order.
import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { personForHistory, seriesNameForHistory } from "@/db/queries/content-history";
import { parseIssuePath } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { mediaPath } from "@/lib/pictures/paths";
import { GitError, runGit } from "./git";
import { commitMessage, type HistoryOp, oneLine, type Person, safePerson } from "./message";

export type { HistoryOp } from "./message";

export const HISTORY_ERROR_CODES = [
  "content-history:not-repo-root",
  "content-history:commit-failed",
  "content-history:push-failed",
  "content-history:queue-unreadable",
  "content-history:queue-write-failed",
] as const;
export type HistoryErrorCode = (typeof HISTORY_ERROR_CODES)[number];

export const COMMITTER: Person = { name: "Jianbao", email: "jianbao@localhost" };

type Entry = {
  id: string;
  op: HistoryOp;
  rel: string;
  /** Paths under content/ this operation wrote: the issue file and the pictures it shows. */
  paths: string[];
  author: Person | null;
  message: string;
  /** When the operation happened: the commit's author date, however late the commit is made. */
  at: string;
  /** Set once committed; the entry stays until pushed when a push remote is configured. */
  commit: string | null;
};

type Queue = {
  version: 1;
  entries: Entry[];
  lastError: { code: HistoryErrorCode; message: string; at: string } | null;
  lastCommitAt: string | null;
};

export type ContentHistoryStatus = {
  enabled: boolean;
  /** Operations not yet committed, or committed and not yet pushed. */
  pending: number;
  push: boolean;
  lastError: { code: HistoryErrorCode; message: string; at: string } | null;
};

type Runtime = { queue: Queue; file: string; chain: Promise<void>; timer?: NodeJS.Timeout; failures: number };

// On globalThis: Next may load this module more than once (route handlers, actions), and there is
// one queue per data directory whichever copy asks.
const RUNTIMES: Map<string, Runtime> = ((globalThis as Record<symbol, unknown>)[Symbol.for("jianbao.contentHistory")] ??= new Map()) as Map<
  string,
  Runtime
>;

const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_MS = 15 * 60_000;

function settings() {
  const e = env();
  return { contentDir: e.contentDir, dataDir: e.dataDir, off: e.CONTENT_HISTORY === "off", remote: e.CONTENT_GIT_PUSH || null };
}

/** A remote name or URL for `git push`; never something git would read as an option. */
export function validRemote(remote: string): boolean {
  return /^[^\s-][^\s]{0,999}$/.test(remote) && !/[\u0000-\u001f\u007f]/.test(remote);
}

export function contentHistoryEnabled(): boolean {
  const s = settings();
  return !s.off && fs.existsSync(path.join(s.contentDir, ".git"));
}

function runtime(): Runtime {
  const { dataDir } = settings();
  let rt = RUNTIMES.get(dataDir);
  if (!rt) {
    const file = path.join(dataDir, "content-history.json");
    rt = { queue: loadQueue(file), file, chain: Promise.resolve(), failures: 0 };
    RUNTIMES.set(dataDir, rt);
  }
  return rt;
}

const emptyQueue = (): Queue => ({ version: 1, entries: [], lastError: null, lastCommitAt: null });

function loadQueue(file: string): Queue {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyQueue();
    console.error("content-history:queue-unreadable", file, error);
    return {
      ...emptyQueue(),
      lastError: { code: "content-history:queue-unreadable", message: `${file} 无法读取`, at: new Date().toISOString() },
    };
  }
  try {
    const parsed = JSON.parse(text) as Queue;
    if (parsed.version !== 1 || !Array.isArray(parsed.entries)) throw new Error("not a content-history queue");
    return { ...emptyQueue(), ...parsed };
  } catch (error) {
    // Kept aside, not deleted: its entries name what still has to be committed by hand.
    const aside = `${file}.unreadable-${Date.now()}`;
    fs.renameSync(file, aside);
    console.error("content-history:queue-unreadable", file, "moved to", aside, error);
    return {
      ...emptyQueue(),
      lastError: {
        code: "content-history:queue-unreadable",
        message: `待提交队列已损坏，移至 ${path.basename(aside)}`,
        at: new Date().toISOString(),
      },
    };
  }
}

/** Written whole to a temporary name, flushed, then renamed: a crash leaves the old or the new queue. */
function saveQueue(rt: Runtime): void {
  try {
    fs.mkdirSync(path.dirname(rt.file), { recursive: true });
    const temp = `${rt.file}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, "w", 0o600);
    try {
      fs.writeFileSync(fd, JSON.stringify(rt.queue, null, 1));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, rt.file);
  } catch (error) {
    console.error("content-history:queue-write-failed", rt.file, error);
  }
}

export type ContentChange = {
  op: HistoryOp;
  /** The issue file under content/, e.g. jtyx/2022/003.mdx. */
  rel: string;
  /** Who answered for it: the reviewer who signed the draft off, or who withdrew / republished. */
  personId: number | null;
  /** Picture names under the issue's .media folder that the operation wrote. */
  pictures?: string[];
  reason?: string;
  at?: Date;
};

/**
 * Queues a commit for a change the studio has just made in content/ and starts working the queue
 * in the background. Never throws and never waits for git: a publication is complete without it.
 */
export function recordContentChange(change: ContentChange): void {
  try {
    const key = parseIssuePath(change.rel);
    if (!contentHistoryEnabled() || !key) return;
    const d = db();
    const person = change.personId === null ? null : (personForHistory(d, change.personId) ?? null);
    const seriesName = seriesNameForHistory(d, key.series);
    const rt = runtime();
    rt.queue.entries.push({
      id: randomUUID(),
      op: change.op,
      rel: change.rel,
      paths: [change.rel, ...(change.pictures ?? []).map((name) => mediaPath(change.rel, name))],
      author: person ? safePerson(person) : null,
      message: commitMessage({ op: change.op, rel: change.rel, seriesName, person, reason: change.reason }),
      at: (change.at ?? new Date()).toISOString(),
      commit: null,
    });
    saveQueue(rt);
    void drainContentHistory();
  } catch (error) {
    console.error("content-history:record-failed", change.rel, error);
  }
}

/** Commits (and pushes) everything pending; resolves when done or failed, never rejects. */
export function drainContentHistory(): Promise<void> {
  const rt = runtime();
  // One git command at a time for this repository: each run waits for the previous one.
  rt.chain = rt.chain.then(() => drain(rt)).catch((error: unknown) => console.error("content-history:drain-failed", error));
  return rt.chain;
}

/** At start-up: work off what a previous run left queued. */
export function resumeContentHistory(): void {
  if (runtime().queue.entries.length > 0) void drainContentHistory();
}

export function contentHistoryStatus(): ContentHistoryStatus {
  const enabled = contentHistoryEnabled();
  const q = runtime().queue;
  return { enabled, pending: q.entries.length, push: enabled && settings().remote !== null, lastError: q.lastError };
}

/** Credentials in a remote URL never reach the log or /api/health. */
const redact = (text: string) => text.replace(/\/\/[^/\s@]*@/g, "//***@");

function fail(rt: Runtime, code: HistoryErrorCode, error: unknown): void {
  const message = redact(error instanceof Error ? error.message : String(error));
  console.error(code, message, error instanceof GitError ? redact(error.stderr) : "");
  rt.queue.lastError = { code, message: oneLine(message, 300), at: new Date().toISOString() };
  saveQueue(rt);
  rt.failures += 1;
  const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (rt.failures - 1));
  clearTimeout(rt.timer);
  rt.timer = setTimeout(() => void drainContentHistory(), wait);
  rt.timer.unref?.();
}

async function drain(rt: Runtime): Promise<void> {
  const q = rt.queue;
  if (q.entries.length === 0) return;
  if (!contentHistoryEnabled()) return;
  const s = settings();
  const repo = s.contentDir;

  // Only content/ itself as the repository: never a project checkout that happens to contain it.
  try {
    const top = (await runGit(repo, ["rev-parse", "--show-toplevel"])).stdout.trim();
    if (fs.realpathSync(top) !== fs.realpathSync(repo)) throw new Error(`content/ is inside the repository ${top}, not its root`);
  } catch (error) {
    fail(rt, "content-history:not-repo-root", error);
    return;
  }

  for (let i = 0; i < q.entries.length; i++) {
    const entry = q.entries[i]!;
    if (entry.commit !== null) continue;
    // A later operation on the same issue has overwritten these files already: only the newer
    // state exists to commit, so the earlier operation is named in that commit instead.
    const later = q.entries.slice(i + 1).find((e) => e.commit === null && e.rel === entry.rel);
    if (later) {
      const first = entry.message.split("\n")[0] ?? "";
      later.paths = [...new Set([...entry.paths, ...later.paths])];
      later.message = `${later.message}\n此前的${first.slice(first.lastIndexOf(" ") + 1)}（${entry.at}，${entry.author?.name ?? "未知"}）未能单独提交，已并入本次提交。\n`;
      q.entries.splice(i, 1);
      i -= 1;
      saveQueue(rt);
      continue;
    }
    try {
      entry.commit = (await commitEntry(repo, entry)) ?? "none";
      q.lastCommitAt = new Date().toISOString();
      saveQueue(rt);
    } catch (error) {
      fail(rt, "content-history:commit-failed", error);
      return;
    }
  }

  if (s.remote !== null && q.entries.some((e) => e.commit !== null && e.commit !== "none")) {
    try {
      if (!validRemote(s.remote)) throw new Error(`CONTENT_GIT_PUSH is not a remote name or URL: ${JSON.stringify(s.remote)}`);
      await runGit(repo, ["push", "--porcelain", s.remote, "HEAD"], { timeoutMs: 120_000 });
    } catch (error) {
      fail(rt, "content-history:push-failed", error);
      return;
    }
  }
  q.entries = q.entries.filter((e) => e.commit === null);
  q.lastError = null;
  rt.failures = 0;
  clearTimeout(rt.timer);
  saveQueue(rt);
}

/** The commit's id, or null when the files already stand in HEAD as they are on disk. */
async function commitEntry(repo: string, entry: Entry): Promise<string | null> {
  await clearStaleLock(repo);
  // Pathspecs taken literally: a picture name is never a glob.
  const literal = { GIT_LITERAL_PATHSPECS: "1" };
  await runGit(repo, ["add", "--all", "--", ...entry.paths], { env: literal });
  const staged = (await runGit(repo, ["diff", "--cached", "--name-only", "-z", "--", ...entry.paths], { env: literal })).stdout
    .split("\0")
    .filter(Boolean);
  if (staged.length === 0) return null;
  const author = entry.author ?? COMMITTER;
  await runGit(repo, ["commit", "--no-verify", "--cleanup=whitespace", "--only", "-m", entry.message, "--", ...staged], {
    env: {
      ...literal,
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: entry.at,
      GIT_COMMITTER_NAME: COMMITTER.name,
      GIT_COMMITTER_EMAIL: COMMITTER.email,
    },
  });
  return (await runGit(repo, ["rev-parse", "HEAD"])).stdout.trim();
}

/**
 * A git process killed mid-commit (the server stopped with SIGKILL) leaves index.lock behind and
 * every later commit would fail on it. No git command of ours runs for ten minutes, so a lock
 * that old is a leftover.
 */
async function clearStaleLock(repo: string): Promise<void> {
  const lock = path.join(repo, ".git", "index.lock");
  const stat = await fs.promises.stat(lock).catch(() => null);
  if (stat && Date.now() - stat.mtimeMs > 10 * 60_000) {
    console.warn("content-history:stale-lock-removed", lock);
    await fs.promises.rm(lock, { force: true });
  }
}
