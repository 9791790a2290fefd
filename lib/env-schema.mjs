// @ts-check
// Every environment variable Jianbao reads, with its rule and its default, in one schema. Plain ESM
// so that server.mjs (run by node, without TypeScript) validates with it before Next loads, and
// lib/env.ts builds the app's typed env() on it. Defaults make the embedded setup work with no .env
// at all; .env.example comments every variable (test/env.test.ts holds the two together).
import path from "node:path";
import { z } from "zod";
import { MIN_KEY_LENGTH } from "./auth/session-key.mjs";
import { MAX_HOPS } from "./client-address.mjs";

export const envFields = {
  // Set by the commands themselves: server.mjs forces production before Next loads, vitest sets test.
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  CONTENT_DIR: z.string().min(1).default("./content"),
  DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Not HOSTNAME: containers set that to their own name.
  HOST: z.string().regex(/^\S+$/, "an address to listen on, e.g. 127.0.0.1").optional(),
  SITE_URL: z.url().optional(),
  SYNC_ON_START: z.enum(["0", "1"]).default("1"),
  // server.mjs's rendered-page cache (lib/page-cache.mjs).
  PAGE_CACHE: z.enum(["on", "off"]).default("on"),
  // Sign-in (next-auth reads both itself too): the studio's public origin, and the key that signs
  // session cookies (generated into DATA_DIR/auth-secret when unset: lib/auth/session-key.mjs).
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(MIN_KEY_LENGTH, `at least ${MIN_KEY_LENGTH} characters, e.g. openssl rand -base64 32`).optional(),
  // The proxies in front of the server that may name the client (lib/client-address.mjs): a hop
  // count, and anything else stops the start, since a guess here either trusts forged addresses
  // or locks everyone behind the proxy out together.
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, `the number of proxies in front of the server (0–${MAX_HOPS}), e.g. TRUST_PROXY=1 behind one Caddy`)
    .transform(Number)
    .pipe(z.number().max(MAX_HOPS, `the number of proxies in front of the server (0–${MAX_HOPS}), e.g. TRUST_PROXY=1 behind one Caddy`))
    .default(0),
  CHROMIUM_PATH: z.string().min(1).optional(),
  // The PDF renderer's sandbox: auto decides from the kernel and the user (lib/pdf/sandbox.ts).
  CHROMIUM_SANDBOX: z.enum(["auto", "on", "off"]).default("auto"),
  // The PDF renderer loads pages from this server; behind a proxy it still talks to it directly.
  INTERNAL_ORIGIN: z.url().optional(),
  PDF_CACHE: z.enum(["on", "off"]).default("on"),
  // Render new and changed public issues' PDFs in the background (lib/pdf/prerender.ts).
  PDF_PRERENDER: z.enum(["on", "off"]).default("on"),
  PDF_POOL_SIZE: z.coerce.number().int().min(1).max(16).default(2),
  PDF_QUEUE_LIMIT: z.coerce.number().int().min(0).max(1000).default(16),
  PDF_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  PDF_RENDER_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  // Shared with a process that renders for this server (npm run pdf); random per process otherwise.
  JIANBAO_RENDER_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,}$/, "at least 32 letters, digits, - or _")
    .optional(),
  // Content history (lib/content-history): "off" stops committing even when content/ is a git
  // repository; CONTENT_GIT_PUSH names the remote (or URL) each commit is pushed to, over the ssh
  // that GIT_SSH_COMMAND names (never a prompt: a push must fail, not wait for a password).
  CONTENT_HISTORY: z.enum(["auto", "off"]).default("auto"),
  CONTENT_GIT_PUSH: z
    .string()
    .regex(/^[^\s-][^\s]*$/, "a git remote name or URL, not starting with -")
    .optional(),
  GIT_SSH_COMMAND: z.string().default("ssh -o BatchMode=yes -o ConnectTimeout=20"),
  // Backups (lib/backup/): where archives and pre-migration copies go (default DATA_DIR/backups),
  // how often the server takes one ("24h", "30m", "off") and how many scheduled ones it keeps.
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_EVERY: z
    .string()
    .regex(/^(off|0|[1-9][0-9]{0,5}[mhd])$/, 'a number and a unit m, h or d ("30m", "24h", "7d"), or "off"')
    .default("24h"),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  // 信息报送 notification e-mail (lib/xinxi/mailer.ts): the SMTP server as a URL
  // (smtp://user:pass@host:587 upgrades with STARTTLS, smtps://… is TLS from the start); unset, no
  // mail is composed or sent. MAIL_FROM is the sender's address, e.g. 简报编辑室 <jianbao@example.org>.
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.org:465" })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(
      /^(?:[^<>\r\n]{0,100}<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
      "an e-mail address, e.g. jianbao@example.org or 简报编辑室 <jianbao@example.org>",
    )
    .optional(),
  // Read by Next itself, never by our code: named here so that the deployment's env file is
  // checked against one list (test/env.test.ts).
  NEXT_TELEMETRY_DISABLED: z.string().optional(),
};

const schema = z.object(envFields);

/**
 * The environment validated, with the paths derived from it. An empty value counts as unset (an
 * env file's `KEY=`), as server.mjs has always read its variables. Throws env:invalid naming each
 * bad variable (never its value: NEXTAUTH_SECRET may be among them).
 * @param {Record<string, string | undefined>} source
 */
export function readEnv(source) {
  /** @type {Record<string, string | undefined>} */
  const given = {};
  for (const name of Object.keys(envFields)) {
    const value = source[name];
    given[name] = value === undefined || value.trim() === "" ? undefined : value;
  }
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`env:invalid — the environment has invalid values:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  // Directories of the deployment, not of the project: nothing for Next's file tracing to follow.
  const contentDir = path.resolve(/*turbopackIgnore: true*/ e.CONTENT_DIR);
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  return {
    ...e,
    contentDir,
    dataDir,
    databaseFile: path.join(/*turbopackIgnore: true*/ dataDir, "jianbao.sqlite"),
    backupDir: path.resolve(/*turbopackIgnore: true*/ e.BACKUP_DIR ?? path.join(dataDir, "backups")),
    // next-auth 4 builds its callback URLs, and decides on Secure cookies, from this origin.
    authUrl: e.NEXTAUTH_URL ?? e.SITE_URL ?? `http://localhost:${e.PORT}`,
  };
}
