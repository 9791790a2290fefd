// The named steps of a publication, who is doing it (this process), and the test-only fault
// points: with JIANBAO_FAULT_AT=<step> a process kills itself (SIGKILL, as a power cut or the OOM
// killer would) right after that step, so the crash-recovery test can stop it at every one;
// with JIANBAO_FAULT_AT=throw:<step> the step fails with an error instead (the undo path).
import { randomBytes } from "node:crypto";
import os from "node:os";

export const PUBLISH_STEPS = [
  "claimed", // the claim row is committed; nothing written yet
  "picture-placed", // one picture linked into content/<…>.media/
  "file-temp", // the new file is complete under a temporary name, not yet in place
  "file-written", // the new file has replaced the old one (or appeared)
  "indexed", // the index holds the new file
  "recorded", // draft marked published, audit written, claim gone
] as const;
export type PublishStep = (typeof PUBLISH_STEPS)[number];

const nonce = randomBytes(6).toString("hex");
/** host:pid:nonce: the nonce tells this process from an earlier one that had the same pid (pid 1 in a container). */
export const processOwner = `${os.hostname()}:${process.pid}:${nonce}`;

export function faultPoint(step: PublishStep): void {
  // Never in production, whatever the environment says.
  const fault = process.env.JIANBAO_FAULT_AT;
  if (!fault || process.env.NODE_ENV === "production") return;
  if (fault === step) process.kill(process.pid, "SIGKILL");
  if (fault === `throw:${step}`) throw new Error(`fault injected after ${step}`);
}

/** Claims older than this, from another machine, are taken as abandoned: a publication takes seconds. */
const FOREIGN_CLAIM_TTL_MS = 15 * 60_000;

/**
 * Whether the process that holds a claim is gone. On this machine: its pid no longer runs, or it
 * is this pid under a different nonce, or the claim predates the last boot. Elsewhere: the
 * claim is old.
 */
export function claimAbandoned(owner: string, updatedAt: Date, now = Date.now()): boolean {
  if (owner === processOwner) return false;
  const [host, pidText, ownerNonce] = owner.split(":");
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return now - updatedAt.getTime() > FOREIGN_CLAIM_TTL_MS;
  if (pid === process.pid) return ownerNonce !== nonce;
  if (updatedAt.getTime() < now - os.uptime() * 1000) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
