// The environment's one schema (lib/env-schema.mjs) against what documents it and what reads it:
// .env.example names every variable with a comment and nothing else, its values are the defaults;
// the deployment's env file names only known variables with valid values; and server.mjs refuses
// to start on a bad value with the same env:invalid message the app gives.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { existingSessionKey, MIN_KEY_LENGTH, sessionKey } from "@/lib/auth/session-key.mjs";
import { envFields, readEnv } from "@/lib/env-schema.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const KNOWN = Object.keys(envFields);

type Line = { name: string; value: string; commentedOut: boolean; documented: boolean };

/** The KEY=value lines of an env file, set or commented out, and whether prose above them (in the
 *  same block of lines) says what they are. */
function assignments(file: string): Line[] {
  const lines: Line[] = [];
  let prose = false;
  for (const raw of fs.readFileSync(path.join(ROOT, file), "utf8").split("\n")) {
    const line = raw.trim();
    if (line === "") {
      prose = false;
      continue;
    }
    const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) lines.push({ name: m[2]!, value: m[3]!, commentedOut: m[1] !== undefined, documented: prose });
    else if (line.startsWith("#") && !line.startsWith("# ---")) prose = true;
  }
  return lines;
}

describe(".env.example", () => {
  const lines = assignments(".env.example");

  it("names every variable of the schema, each under a comment", () => {
    const named = new Set(lines.map((l) => l.name));
    expect(KNOWN.filter((k) => !named.has(k))).toEqual([]);
    expect(lines.filter((l) => !l.documented).map((l) => l.name)).toEqual([]);
  });

  it("names nothing the schema lacks, and each once", () => {
    expect(lines.map((l) => l.name).filter((n) => !KNOWN.includes(n))).toEqual([]);
    expect(lines.length).toBe(new Set(lines.map((l) => l.name)).size);
  });

  it("sets only the defaults, and its examples are valid values", () => {
    const defaults: Record<string, unknown> = readEnv({});
    for (const l of lines) {
      const read: Record<string, unknown> = readEnv({ [l.name]: l.value });
      if (!l.commentedOut) expect(read[l.name], l.name).toEqual(defaults[l.name]);
    }
  });
});

describe("deploy/jianbao.env.example", () => {
  const lines = assignments("deploy/jianbao.env.example");

  it("names only variables the schema knows", () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.map((l) => l.name).filter((n) => !KNOWN.includes(n))).toEqual([]);
  });

  it("holds values the server accepts, set and commented out alike", () => {
    const set = Object.fromEntries(lines.filter((l) => !l.commentedOut).map((l) => [l.name, l.value]));
    expect(readEnv(set).TRUST_PROXY).toBe(1);
    for (const l of lines) expect(() => readEnv({ ...set, [l.name]: l.value }), l.name).not.toThrow();
  });
});

describe("reading the environment", () => {
  it("takes an empty value as unset, as an env file's KEY= means", () => {
    const e = readEnv({ PORT: "", HOST: " ", SITE_URL: "", TRUST_PROXY: "", NEXTAUTH_SECRET: "" });
    expect(e.PORT).toBe(3000);
    expect(e.HOST).toBeUndefined();
    expect(e.TRUST_PROXY).toBe(0);
    expect(e.NEXTAUTH_SECRET).toBeUndefined();
    expect(e.authUrl).toBe("http://localhost:3000");
  });

  it("derives the paths and next-auth's origin", () => {
    const e = readEnv({ DATA_DIR: "/srv/d", PORT: "4000" });
    expect(e.databaseFile).toBe("/srv/d/jianbao.sqlite");
    expect(e.backupDir).toBe("/srv/d/backups");
    expect(e.authUrl).toBe("http://localhost:4000");
    expect(readEnv({ SITE_URL: "https://a.example.org" }).authUrl).toBe("https://a.example.org");
    expect(readEnv({ SITE_URL: "https://a.example.org", NEXTAUTH_URL: "https://b.example.org" }).authUrl).toBe("https://b.example.org");
  });

  it("refuses bad values with env:invalid, naming each variable but never the value", () => {
    const secret = "short-secret-value";
    const read = () => readEnv({ PORT: "http", PAGE_CACHE: "yes", NEXTAUTH_SECRET: secret, NEXTAUTH_URL: "bulletins" });
    expect(read).toThrow(/^env:invalid/);
    const message = (() => {
      try {
        read();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of ["PORT", "PAGE_CACHE", "NEXTAUTH_SECRET", "NEXTAUTH_URL"]) expect(message).toContain(`  ${name}: `);
    expect(message).not.toContain(secret);
  });
});

describe("server.mjs", () => {
  it("stops at start on a bad value, with the app's env:invalid message naming each variable", () => {
    const r = spawnSync(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", PORT: "http", TRUST_PROXY: "true", DATA_DIR: os.tmpdir() },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^env:invalid/);
    expect(r.stderr).toContain("  PORT: ");
    expect(r.stderr).toContain("  TRUST_PROXY: ");
  });
});

describe("the session key (app and server.mjs alike)", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-key-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const file = path.join(dataDir, "auth-secret");

  it("is NEXTAUTH_SECRET when set, else the file the app creates and server.mjs only reads", () => {
    expect(existingSessionKey({ configured: undefined, dataDir })).toBeNull();
    const key = sessionKey({ configured: undefined, dataDir });
    expect(key.length).toBeGreaterThanOrEqual(MIN_KEY_LENGTH);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(existingSessionKey({ configured: undefined, dataDir })).toBe(key);
    expect(sessionKey({ configured: undefined, dataDir })).toBe(key);
    expect(existingSessionKey({ configured: "x".repeat(40), dataDir })).toBe("x".repeat(40));
  });

  it("refuses a key file that is too short, in both", () => {
    fs.writeFileSync(file, "short\n");
    expect(() => sessionKey({ configured: undefined, dataDir })).toThrow(/^auth:secret-invalid/);
    expect(() => existingSessionKey({ configured: undefined, dataDir })).toThrow(/^auth:secret-invalid/);
  });
});
