// Starts the production server on a free loopback port for a script (PDF export, benchmarks),
// building it first if there is no build, and stops it again. The server shares DATA_DIR (and so
// the PDF cache) with the one `npm run serve` starts.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";

export type LocalServer = { origin: string; secret: string; process: ChildProcess; stop(): Promise<void> };

/** `port`: listen there instead of on a free port of our choosing, e.g. one from `freePort()` that
 * the caller also needs in `extraEnv` (NEXTAUTH_URL must name the origin the studio is served from). */
export async function startLocalServer(extraEnv: Record<string, string> = {}, options: { port?: number } = {}): Promise<LocalServer> {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.error("[jianbao] 首次使用：正在构建站点（约一分钟）…");
    const build = spawnSync("npx", ["next", "build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = options.port ?? (await freePort());
  const secret = randomBytes(24).toString("hex");
  const child = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      JIANBAO_RENDER_SECRET: secret,
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${stderr}`);
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`the server did not start within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    secret,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}
