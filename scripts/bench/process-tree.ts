// Peak memory of a child process and everything it starts (tsx runs the script in a second
// node process; next start may fork), sampled from /proc while it runs.
import fs from "node:fs";

/** KB. `rss`: the highest sum of VmRSS over the tree at one sample. `hwm`: the largest VmHWM of one process (its own peak, even between samples). */
export type TreePeak = { rss: number; hwm: number; processes: number };

function parentOf(pid: string): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

function memory(pid: number): { rss: number; hwm: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const ppid = parentOf(pid);
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

/** Samples the tree under `pid` every `everyMs` until stop(); stop() takes one last sample. */
export function watchTree(pid: number, everyMs = 200): { peak: TreePeak; stop(): TreePeak } {
  const peak: TreePeak = { rss: 0, hwm: 0, processes: 0 };
  const seen = new Set<number>();
  const sample = () => {
    let rss = 0;
    for (const p of tree(pid)) {
      const m = memory(p);
      if (m.rss === 0) continue; // a kernel thread, or exited
      seen.add(p);
      rss += m.rss;
      peak.hwm = Math.max(peak.hwm, m.hwm);
    }
    peak.rss = Math.max(peak.rss, rss);
    peak.processes = seen.size;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    peak,
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
