// Small helpers of the archive benchmark: run a script as a child process and measure its wall
// time and peak memory, quantiles, and number formats.
import { spawn } from "node:child_process";
import { type TreePeak, watchTree } from "./process-tree";

export type ChildRun = { wallMs: number; peak: TreePeak; stdout: string; stderr: string };

const TSX = "node_modules/.bin/tsx";

/**
 * Runs `tsx --conditions=react-server <script> …args` as `npm run content:sync` does, with `env`
 * added, and fails if it exits non-zero. Progress lines on its stderr are passed on, prefixed.
 */
export function runScript(script: string, args: string[], env: Record<string, string>, label: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(TSX, ["--conditions=react-server", script, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watch = watchTree(child.pid ?? -1, 100);
    let stdout = "";
    let stderr = "";
    let echoed = 0;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      // Pass progress ("content:sync 500/10000") on, but not thousands of problem lines from a broken archive.
      for (const line of d.toString().split("\n")) {
        if (line.trim() && (/ \d+\/\d+$/.test(line.trim()) || echoed++ < 50)) console.error(`[${label}] ${line.trim()}`);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const peak = watch.stop();
      const wallMs = performance.now() - started;
      if (code !== 0) reject(new Error(`${label} exited with ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ wallMs, peak, stdout, stderr });
    });
  });
}

export const quantile = (xs: number[], q: number) =>
  xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

export const median = (xs: number[]) => quantile(xs, 0.5);

export const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? Math.round(n).toLocaleString("en") : n.toFixed(1)) : "—");

export const s = (n: number) => (Number.isFinite(n) ? `${(n / 1000).toFixed(n >= 100_000 ? 0 : 1)} s` : "—");

export const mb = (kb: number) => (Number.isFinite(kb) && kb > 0 ? `${Math.round(kb / 1024).toLocaleString("en")} MB` : "—");

export const step = (what: string) => console.error(`[bench:archive] ${new Date().toISOString().slice(11, 19)} ${what}`);
