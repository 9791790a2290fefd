// Finding Chromium for the PDF renderer: a configured CHROMIUM_PATH is used if it exists and is
// otherwise reported (with how to install), never silently swapped for another browser.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { findChromium, requireChromium } from "@/lib/pdf/chromium";

let dir: string;
let executable: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianbao-chromium-"));
  executable = path.join(dir, "chromium");
  fs.writeFileSync(executable, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("requireChromium", () => {
  it("refuses a configured path that does not exist with pdf:unavailable (503), naming the path and how to install", () => {
    const error = thrown(() => requireChromium("/nonexistent/chromium"));
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe("pdf:unavailable");
    expect(e.status).toBe(503);
    expect(e.publicMessage).toContain("/nonexistent/chromium");
    expect(e.publicMessage).toContain("apt-get install chromium");
    expect(e.publicMessage).toContain("CHROMIUM_PATH");
  });

  it("returns a configured path that exists", () => {
    expect(requireChromium(executable)).toBe(executable);
  });
});

describe("findChromium", () => {
  it("returns undefined for a configured path that does not exist, rather than falling back to a system Chromium", () => {
    expect(findChromium("/nonexistent")).toBeUndefined();
    expect(findChromium("/nonexistent/chromium")).toBeUndefined();
  });

  it("returns a configured path that exists", () => {
    expect(findChromium(executable)).toBe(executable);
  });
});
