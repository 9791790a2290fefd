// The environment for the app, the scripts and lib/: read and validated once, on the one schema
// that server.mjs also checks at start (lib/env-schema.mjs). Defaults make the embedded setup work
// with no .env at all.
import { envFields, readEnv } from "./env-schema.mjs";

export type Env = ReturnType<typeof readEnv>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= readEnv(process.env);
  return cached;
}

/**
 * The port this process serves on now. Next's dev server writes PORT into the environment once it
 * listens (one past a busy port, say), which can be after env() was first read.
 */
export function servedPort(): number {
  const live = process.env.PORT?.trim();
  return live ? envFields.PORT.parse(live) : env().PORT;
}
