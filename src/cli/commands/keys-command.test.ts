import { createHash } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { ConfessError } from "../../errors/confess-error.ts";
import { createKeyVerifier } from "../../monitor/api-keys.ts";
import { openDatabase } from "../../store/open-database.ts";
import type { CliIO } from "../io.ts";
import { registerKeysCommand } from "./keys-command.ts";

/** Runs `confess keys …` in-process, mapping errors to exit codes as `main` does. */
async function keys(args: string[], db: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdin: async () => "",
    env: { CONFESS_DB: db },
    isTTY: false,
  };
  const program = new Command("confess")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerKeysCommand(program, io);
  try {
    await program.parseAsync(["keys", ...args], { from: "user" });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
    if (ConfessError.isInstance(error)) {
      const usage = error.name === "UsageError" || error.code === "CONFESS_NOT_FOUND";
      return { code: usage ? 2 : 1, stdout, stderr: stderr + error.message };
    }
    throw error;
  }
}

const freshDb = () => join(mkdtempSync(join(tmpdir(), "confess-keys-cli-")), "sub", "c.db");
const keyIn = (text: string) => /ck-[A-Za-z0-9_-]{43}/.exec(text)?.[0];

describe("confess keys", () => {
  it("create makes the database, prints the key once with a warning; the key verifies", async () => {
    const db = freshDb();
    const res = await keys(["create", "--name", "ci"], db);
    expect(res.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    const key = keyIn(res.stdout);
    expect(key).toBeDefined();
    expect(res.stdout).toMatch(/cannot be shown again/);
    const id = /key_[0-9a-f]{8}/.exec(res.stdout)?.[0];
    const conn = openDatabase(db);
    expect(createKeyVerifier(conn).verify(key as string)).toEqual({ id });
    expect(createKeyVerifier(conn).verify(`${key}x`)).toBeNull();
    conn.close();
  });

  it("create --json gives the key and id for scripts", async () => {
    const db = freshDb();
    const res = await keys(["create", "--name", "svc", "--json"], db);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({
      name: "svc",
      id: expect.stringMatching(/^key_/),
      key: expect.stringMatching(/^ck-/),
    });
  });

  it("create without --name is a usage error", async () => {
    const res = await keys(["create"], freshDb());
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--name/);
  });

  it("list shows ids, names and prefixes but never a key or a hash", async () => {
    const db = freshDb();
    const a = keyIn((await keys(["create", "--name", "alpha"], db)).stdout) as string;
    const b = keyIn((await keys(["create", "--name", "beta"], db)).stdout) as string;
    const table = await keys(["list"], db);
    const json = await keys(["list", "--json"], db);
    expect(table.stdout).toMatch(/alpha[\s\S]*beta/);
    expect(table.stdout).toMatch(/active/);
    expect(JSON.parse(json.stdout).map((k: { name: string }) => k.name)).toEqual(["alpha", "beta"]);
    for (const key of [a, b]) {
      const hash = createHash("sha256").update(key).digest("hex");
      for (const out of [table.stdout, json.stdout]) {
        expect(out).not.toContain(key);
        expect(out).not.toContain(key.slice(10));
        expect(out).not.toContain(hash);
        expect(out).not.toContain(hash.slice(0, 16));
      }
    }
  });

  it("list on a missing database says there are no keys", async () => {
    const db = freshDb();
    const res = await keys(["list"], db);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/no client keys yet/);
    expect(existsSync(db)).toBe(false);
    expect(JSON.parse((await keys(["list", "--json"], db)).stdout)).toEqual([]);
  });

  it("revoke stops the key verifying; an unknown id exits 2 naming it", async () => {
    const db = freshDb();
    const created = (await keys(["create", "--name", "ci"], db)).stdout;
    const key = keyIn(created) as string;
    const id = /key_[0-9a-f]{8}/.exec(created)?.[0] as string;
    const revoked = await keys(["revoke", id], db);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked key ${id}`);
    const conn = openDatabase(db);
    expect(createKeyVerifier(conn).verify(key)).toBeNull();
    conn.close();
    expect((await keys(["list"], db)).stdout).toMatch(/revoked \d{4}-/);
    expect((await keys(["revoke", id], db)).stdout).toMatch(/already revoked/);
    const unknown = await keys(["revoke", "key_deadbeef"], db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("key_deadbeef");
    const noDb = await keys(["revoke", "key_deadbeef"], freshDb());
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain("key_deadbeef");
  });
});
