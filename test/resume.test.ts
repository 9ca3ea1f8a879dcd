import { spawn } from "node:child_process";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockOpenAIServer, startMockOpenAIServer } from "../src/testing/index.ts";
import { BIN, confess, tempDir } from "./cli-helpers.ts";

const report = JSON.stringify({
  compliance_analysis: [
    { objective: "Each sentence has its target length.", compliance: "fully_complied", analysis: "Counted." },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 7,
});

let server: MockOpenAIServer;
beforeAll(async () => {
  server = await startMockOpenAIServer({
    latencyMs: 40,
    handler: (req) =>
      req.body.response_format ? { text: report } : { text: "One short sentence here. Another one." },
  });
});
afterAll(() => server.close());

const count = (db: string, sql: string): number => {
  const sqlite = new DatabaseSync(db);
  try {
    return Number((sqlite.prepare(sql).get() as { n: number }).n);
  } finally {
    sqlite.close();
  }
};

describe("kill -9 and resume", () => {
  it("stores every sample exactly once after a hard kill mid-run", async () => {
    const db = join(tempDir(), "kill.db");
    const args = [
      BIN,
      ...["eval", "--suite", "word-count", "--model", "openai-compatible:mock", "--base-url", server.url],
      ...["--samples", "60", "--concurrency", "4", "--db", db, "--run", "k1", "--json", "--no-cache"],
    ];
    const child = spawn(process.execPath, args, { stdio: "ignore", env: { PATH: process.env.PATH ?? "" } });
    // wait until some, not all, samples are stored, then kill without warning
    const deadline = Date.now() + 30_000;
    let stored = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        stored = count(db, "SELECT COUNT(*) AS n FROM samples");
      } catch {
        stored = 0; // the database may not exist yet
      }
      if (stored >= 8) break;
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    expect(stored).toBeGreaterThanOrEqual(8);
    const afterKill = count(db, "SELECT COUNT(*) AS n FROM samples");
    expect(afterKill).toBeLessThan(60);

    const res = await confess(args.slice(1));
    expect(res.stderr).not.toMatch(/unexpected/);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).samples).toBe(60);
    expect(count(db, "SELECT COUNT(*) AS n FROM samples")).toBe(60);
    expect(count(db, "SELECT COUNT(DISTINCT sample_key) AS n FROM samples")).toBe(60);
    // each sample has its turns and one set of verdicts
    expect(
      count(
        db,
        "SELECT COUNT(*) AS n FROM samples s WHERE NOT EXISTS (SELECT 1 FROM turns t WHERE t.sample_id = s.id)",
      ),
    ).toBe(0);
    expect(
      count(
        db,
        "SELECT COUNT(*) AS n FROM (SELECT sample_id FROM verdicts WHERE target = 'complied' GROUP BY sample_id HAVING COUNT(*) <> 1)",
      ),
    ).toBe(0);
    const sqlite = new DatabaseSync(db);
    expect(sqlite.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    sqlite.close();
    // the resumed process asked only for what was missing: 2 calls per sample
    const calls = server.requests.filter((r) => r.body.model === "mock").length;
    expect(calls).toBeLessThanOrEqual(2 * 60 + 2 * 4);
  });
});
