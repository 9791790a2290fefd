import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(import.meta.dirname) },
    // db/ is guarded by `server-only`, which resolves to a no-op under the react-server condition.
    conditions: ["react-server"],
  },
  // Packages Node loads straight from node_modules (server-only among them) need the condition too.
  ssr: { resolve: { conditions: ["react-server"], externalConditions: ["react-server"] } },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Each file's own temporary site and the one next/navigation mock, before any module loads.
    setupFiles: ["test/setup.ts"],
    // isolate (the default) gives each file its own module registry, so env() and db() memoise per file.
    pool: "forks",
    maxWorkers: 2,
    // Safety nets against a hang, not speed limits: on a shared 2-core CI machine a file's setup
    // (a sync that forks compilers) can wait behind another file's twenty forked processes.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
