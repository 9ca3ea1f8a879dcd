// `confess lab --out <dir>` with a path the lab cannot use is the user's flag to fix: exit 2 with a message
// naming the path, never an "unexpected error" with a stack trace.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../io.ts";
import { main } from "../main.ts";

const root = mkdtempSync(join(tmpdir(), "lab-review-out-"));

async function confess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: CliIO = {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
    stdin: async () => "",
    // keeps any database the command opens out of the working tree
    env: { CONFESS_DB: join(root, "confess.db") },
    isTTY: false,
  };
  return { code: await main(args, io), stderr };
}

describe("confess lab --out that cannot hold a run", () => {
  it.each([
    [
      "a file, not a directory",
      () => {
        const path = join(root, "a-file");
        writeFileSync(path, "not a directory");
        return path;
      },
    ],
    [
      "a directory with a step file that is not a lab checkpoint",
      () => {
        const dir = join(root, "foreign");
        mkdirSync(dir);
        writeFileSync(join(dir, "step-0003.json"), JSON.stringify({ format: "something-else" }));
        return dir;
      },
    ],
    [
      "a directory whose newest checkpoint is not JSON",
      () => {
        const dir = join(root, "cut");
        mkdirSync(dir);
        writeFileSync(join(dir, "step-0003.json"), "{");
        return dir;
      },
    ],
    ["an empty path (an unset shell variable)", () => ""],
  ])("exits 2 on %s, naming the path, without a stack trace", async (_what, make) => {
    const out = make();
    const result = await confess(["lab", "--quick", "--out", out]);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toContain(out);
    expect(result.code).toBe(2);
  });
});
