// Running git on content/ for the content history: never through a shell, with a fixed
// environment, a time limit, and none of the ways a repository can make git run code of its own
// (content/ is written by authors, so its hooks and config are not the server's to execute).
import { execFile } from "node:child_process";
import { env } from "@/lib/env";

export class GitError extends Error {
  constructor(
    readonly args: string[],
    message: string,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GitError";
  }
}

/**
 * Settings given on the command line win over the repository's own config. Each of these would
 * otherwise let a file under content/.git run a program as the server: hooks, the file-system
 * monitor, a signing program, credential helpers and the ext:: transport.
 */
const SAFE_CONFIG = [
  "core.hooksPath=/dev/null",
  "core.fsmonitor=false",
  "core.pager=cat",
  "core.quotePath=false",
  "commit.gpgSign=false",
  "credential.helper=",
  "protocol.ext.allow=never",
  "gc.auto=0",
  "maintenance.auto=false",
].flatMap((c) => ["-c", c]);

/** Nothing from the server's own environment steers git but what is listed here. */
function gitEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const keep = ["PATH", "HOME", "LANG", "TMPDIR", "SSH_AUTH_SOCK"];
  const passed: Record<string, string | undefined> = {};
  for (const k of keep) if (process.env[k] !== undefined) passed[k] = process.env[k];
  return {
    ...passed,
    LC_ALL: "C",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    SSH_ASKPASS: "/bin/false",
    GIT_PAGER: "cat",
    PAGER: "cat",
    GIT_EDITOR: "/bin/false",
    GIT_CONFIG_NOSYSTEM: "1",
    // A repository's core.sshCommand would run as a program: the environment's choice (or our
    // default, lib/env-schema.mjs) wins.
    GIT_SSH_COMMAND: env().GIT_SSH_COMMAND,
    ...extra,
  };
}

/** git's own complaint (its fatal:/error: lines) rather than the advice printed after it. */
function gist(stderr: string): string {
  const lines = stderr
    .trim()
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const said = lines.filter((l) => /^(fatal|error|remote|!|\s*!)/.test(l));
  return (said.length ? said : lines.slice(-1)).slice(0, 3).join(" | ");
}

export type GitRun = { stdout: string; stderr: string };

export function runGit(cwd: string, args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<GitRun> {
  const full = [...SAFE_CONFIG, ...args];
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      full,
      {
        cwd,
        env: gitEnv(options.env ?? {}) as NodeJS.ProcessEnv,
        timeout: options.timeoutMs ?? 30_000,
        killSignal: "SIGKILL",
        maxBuffer: 4 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error) {
          const killed = (error as NodeJS.ErrnoException & { killed?: boolean }).killed;
          const what = killed ? `timed out after ${options.timeoutMs ?? 30_000} ms` : `exit ${String((error as { code?: unknown }).code)}`;
          reject(new GitError(args, `git ${args[0]} ${what}: ${gist(String(stderr))}`, String(stderr), { cause: error }));
          return;
        }
        resolve({ stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
