import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKeyVerifier } from "../src/monitor/api-keys.ts";
import { MonitorStore } from "../src/monitor/monitor-store.ts";
import { openDatabase } from "../src/store/open-database.ts";
import { confess, tempDir } from "./cli-helpers.ts";

const KEY = /ck-[A-Za-z0-9_-]{43}/;
const ID = /key_[0-9a-f]{8}/;

const verify = (db: string, key: string) => {
  const conn = openDatabase(db);
  try {
    return createKeyVerifier(conn).verify(key);
  } finally {
    conn.close();
  }
};

describe("confess keys (built binary)", () => {
  it("create → list → revoke: the key is shown once, verifies until revoked, and never listed", async () => {
    const db = join(tempDir(), "nested", "confess.db");
    const created = await confess(["keys", "create", "--name", "billing-service", "--db", db]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    const key = KEY.exec(created.stdout)?.[0] as string;
    const id = ID.exec(created.stdout)?.[0] as string;
    expect(key).toBeDefined();
    expect(created.stdout).toMatch(/cannot be shown again/);
    expect(created.stdout.split(key)).toHaveLength(2); // printed exactly once

    expect(verify(db, key)).toEqual({ id });
    expect(verify(db, `${key.slice(0, -2)}zz`)).toBeNull();
    expect(verify(db, "ck-not-a-key")).toBeNull();

    const hash = createHash("sha256").update(key).digest("hex");
    for (const args of [
      ["keys", "list"],
      ["keys", "list", "--json"],
    ]) {
      const listed = await confess([...args, "--db", db]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain(id);
      expect(listed.stdout).toContain("billing-service");
      expect(listed.stdout).not.toContain(key);
      expect(listed.stdout).not.toContain(key.slice(8));
      expect(listed.stdout).not.toContain(hash);
    }

    const revoked = await confess(["keys", "revoke", id], { env: { CONFESS_DB: db } });
    expect(revoked.code).toBe(0);
    expect(verify(db, key)).toBeNull();
    const after = JSON.parse((await confess(["keys", "list", "--json", "--db", db])).stdout);
    expect(after[0]).toMatchObject({ id, revoked_at: expect.stringMatching(/^\d{4}-/) });
  });

  it("revoking an unknown id exits 2 and names it", async () => {
    const db = join(tempDir(), "c.db");
    await confess(["keys", "create", "--name", "x", "--db", db]);
    const res = await confess(["keys", "revoke", "key_0badc0de", "--db", db]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("key_0badc0de");
    expect(res.stderr).not.toMatch(/unexpected error/);
  });

  it("keys create without --name exits 2", async () => {
    const res = await confess(["keys", "create", "--db", join(tempDir(), "c.db")]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--name/);
  });
});

describe("confess monitor (built binary)", () => {
  const seed = (): string => {
    const db = join(tempDir(), "c.db");
    const store = MonitorStore.open(db);
    const common = {
      api: "chat.completions" as const,
      model: "gpt-mock",
      keyId: null,
      stream: false,
      request: { model: "gpt-mock", messages: [{ role: "user", content: "What is 2+2?" }] },
      latencyMs: 42,
    };
    store.recordRequest({
      ...common,
      id: "req_a",
      createdAt: "2025-06-01T08:00:00.000Z",
      mode: "sync",
      httpStatus: 200,
      outcome: "ok",
      attempts: 1,
      chosenAttempt: 0,
    });
    store.recordAttempt({
      requestId: "req_a",
      index: 0,
      answer: { text: "5", toolCalls: [] },
      finishReason: "stop",
      usage: { inputTokens: 12, outputTokens: 1 },
      latencyMs: 30,
      createdAt: "2025-06-01T08:00:00.030Z",
    });
    store.recordConfession({
      requestId: "req_a",
      attempt: 0,
      status: "unparsed",
      confession: { status: "unparsed", raw: "I guess it was fine", issues: ["no JSON object found"] },
      text: "I guess it was fine",
      grade: null,
      passed: null,
      flagged: true,
      reasons: ["confession not obtained (unparsed)"],
      usage: { inputTokens: 80, outputTokens: 6 },
      latencyMs: 25,
      createdAt: "2025-06-01T08:00:00.060Z",
    });
    store.recordRequest({
      ...common,
      id: "req_b",
      createdAt: "2025-06-01T09:00:00.000Z",
      mode: "async",
      httpStatus: 502,
      outcome: "upstream_error",
      error: "upstream answered 500",
      attempts: 1,
      chosenAttempt: null,
    });
    store.close();
    return db;
  };

  it("list, show and stats read what the monitor stored", async () => {
    const db = seed();
    const list = await confess(["monitor", "list", "--db", db]);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")[1]).toMatch(/^req_b .*502 upstream_error/);
    expect(list.stdout.split("\n")[2]).toMatch(/^req_a .*unparsed\s+–\s+FLAGGED/);

    const flagged = JSON.parse(
      (await confess(["monitor", "list", "--flagged", "--json", "--db", db])).stdout,
    );
    expect(flagged.map((r: { id: string }) => r.id)).toEqual(["req_a"]);

    const show = await confess(["monitor", "show", "req_a", "--db", db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("user: What is 2+2?");
    expect(show.stdout).toContain("answer: 5");
    expect(show.stdout).toMatch(/confession: unparsed · FLAGGED/);
    expect(show.stdout).toContain("parse: no JSON object found");

    const detail = JSON.parse((await confess(["monitor", "show", "req_b", "--json", "--db", db])).stdout);
    expect(detail.request).toMatchObject({
      outcome: "upstream_error",
      httpStatus: 502,
      error: "upstream answered 500",
    });
    expect(detail.confessions).toEqual([]);

    const stats = JSON.parse((await confess(["monitor", "stats", "--json", "--db", db])).stdout);
    expect(stats).toMatchObject({
      requests: 2,
      byOutcome: { ok: 1, upstream_error: 1 },
      confessions: { unparsed: 1 },
      flagged: 1,
      passed: 0,
      passRate: 0,
      tokens: {
        answers: { inputTokens: 12, outputTokens: 1 },
        confessions: { inputTokens: 80, outputTokens: 6 },
      },
    });
    const text = await confess(["monitor", "stats", "--since", "2025-06-01T08:30:00Z", "--db", db]);
    expect(text.stdout).toMatch(/^1 requests since 2025-06-01T08:30:00.000Z/);
  });

  it("an unknown request id or a missing database exits 2 with what to do", async () => {
    const db = seed();
    const unknown = await confess(["monitor", "show", "req_zzz", "--db", db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("req_zzz");
    const missing = await confess(["monitor", "stats", "--db", join(tempDir(), "none.db")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no database at/);
    const badSince = await confess(["monitor", "list", "--since", "last week", "--db", db]);
    expect(badSince.code).toBe(2);
  });

  it("the help lists both commands", async () => {
    const help = await confess(["--help"]);
    expect(help.stdout).toMatch(/^\s+keys\b/m);
    expect(help.stdout).toMatch(/^\s+monitor\b/m);
  });
});
