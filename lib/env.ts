// The environment, read and validated once. Defaults make the embedded setup work with no .env at all.
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  CONTENT_DIR: z.string().min(1).default("./content"),
  DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SITE_URL: z.url().optional(),
  CHROMIUM_PATH: z.string().min(1).optional(),
  // The PDF renderer's sandbox: auto decides from the kernel and the user (lib/pdf/sandbox.ts).
  CHROMIUM_SANDBOX: z.enum(["auto", "on", "off"]).default("auto"),
  SYNC_ON_START: z.enum(["0", "1"]).default("1"),
  // The PDF renderer loads pages from this server; behind a proxy it still talks to it directly.
  INTERNAL_ORIGIN: z.url().optional(),
  PDF_CACHE: z.enum(["on", "off"]).default("on"),
  PDF_POOL_SIZE: z.coerce.number().int().min(1).max(16).default(2),
  PDF_QUEUE_LIMIT: z.coerce.number().int().min(0).max(1000).default(16),
  PDF_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  PDF_RENDER_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  // Content history (lib/content-history): "off" stops committing even when content/ is a git
  // repository; CONTENT_GIT_PUSH names the remote (or URL) each commit is pushed to.
  CONTENT_HISTORY: z.enum(["auto", "off"]).default("auto"),
  CONTENT_GIT_PUSH: z
    .string()
    .regex(/^[^\s-][^\s]*$/, "a git remote name or URL, not starting with -")
    .optional(),
  // Shared with a process that renders for this server (npm run pdf); random per process otherwise.
  JIANBAO_RENDER_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,}$/, "at least 32 letters, digits, - or _")
    .optional(),
  // Backups (lib/backup/): where archives and pre-migration copies go (default DATA_DIR/backups),
  // how often the server takes one ("24h", "30m", "off") and how many scheduled ones it keeps.
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_EVERY: z
    .string()
    .regex(/^(off|0|[1-9][0-9]{0,5}[mhd])$/, 'a number and a unit m, h or d ("30m", "24h", "7d"), or "off"')
    .default("24h"),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
});

export type Env = z.infer<typeof schema> & { contentDir: string; dataDir: string; databaseFile: string; backupDir: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`env:invalid — the environment has invalid values:\n${lines.join("\n")}`);
  }
  const contentDir = path.resolve(parsed.data.CONTENT_DIR);
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  const backupDir = path.resolve(parsed.data.BACKUP_DIR ?? path.join(dataDir, "backups"));
  cached = { ...parsed.data, contentDir, dataDir, databaseFile: path.join(dataDir, "jianbao.sqlite"), backupDir };
  return cached;
}
