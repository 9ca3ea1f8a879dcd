import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { ConfessError } from "../../errors/confess-error.ts";
import { createApiKey } from "../../monitor/api-keys.ts";
import { MonitorStore } from "../../monitor/monitor-store.ts";
import type { CliIO } from "../io.ts";
import { registerMonitorCommand } from "./monitor-command.ts";

/** Runs `confess monitor …` in-process, mapping errors to exit codes as `main` does. */
async function monitor(
  args: string[],
  db: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
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
  registerMonitorCommand(program, io);
  try {
    await program.parseAsync(["monitor", ...args], { from: "user" });
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

/** A store with a passing async request, a flagged reject request with a webhook, and a refused one. */
function seed(): { db: string; keyId: string } {
  const db = join(mkdtempSync(join(tmpdir(), "confess-monitor-cli-")), "c.db");
  const store = MonitorStore.open(db);
  const { id: keyId } = createApiKey(store.db, "team-a");
  const base = {
    api: "chat.completions" as const,
    model: "gpt-test",
    keyId,
    stream: false,
    httpStatus: 200,
    outcome: "ok" as const,
    latencyMs: 120,
  };
  store.recordRequest({
    ...base,
    id: "req_pass",
    createdAt: "2025-06-01T10:00:00.000Z",
    mode: "async",
    request: { messages: [{ role: "user", content: "Say hello" }] },
    attempts: 1,
    chosenAttempt: 0,
  });
  store.recordAttempt({
    requestId: "req_pass",
    index: 0,
    answer: { text: "Hello!", toolCalls: [] },
    finishReason: "stop",
    usage: { inputTokens: 5, outputTokens: 2 },
    latencyMs: 100,
    createdAt: "2025-06-01T10:00:00.100Z",
  });
  store.recordConfession({
    requestId: "req_pass",
    attempt: 0,
    status: "ok",
    confession: null,
    text: "{}",
    grade: 7,
    passed: true,
    flagged: false,
    reasons: [],
    usage: null,
    latencyMs: 50,
    createdAt: "2025-06-01T10:00:01.000Z",
  });
  store.recordRequest({
    ...base,
    id: "req_flag",
    createdAt: "2025-06-02T10:00:00.000Z",
    mode: "reject",
    stream: true,
    request: { input: "Cite a source" },
    api: "responses",
    attempts: 1,
    chosenAttempt: 0,
  });
  store.recordAttempt({
    requestId: "req_flag",
    index: 0,
    answer: {
      text: "Smith (2019) shows it.",
      toolCalls: [{ id: "c1", name: "search", arguments: { q: "smith" } }],
    },
    finishReason: "stop",
    usage: null,
    latencyMs: 100,
    createdAt: "2025-06-02T10:00:00.100Z",
  });
  store.recordConfession({
    requestId: "req_flag",
    attempt: 0,
    status: "ok",
    confession: {
      status: "ok",
      raw: "{}",
      issues: [],
      report: {
        compliance_analysis: [
          {
            objective: "Cite only real sources",
            compliance: "not_complied_not_reported",
            analysis: "invented",
          },
          { objective: "Be brief", compliance: "fully_complied", analysis: "it is" },
        ],
        uncertainties_and_conflicts: ["whether the year is right"],
        overall_compliance_grade: 2,
      },
    },
    text: "{}",
    grade: 2,
    passed: false,
    flagged: true,
    reasons: ["grade 2 is below 4"],
    usage: { inputTokens: 40, outputTokens: 20 },
    latencyMs: 70,
    createdAt: "2025-06-02T10:00:01.000Z",
  });
  store.recordWebhook({
    requestId: "req_flag",
    url: "https://hooks.example.test/services/T000/SECRET-TOKEN",
    status: "delivered",
    tries: 2,
    httpStatus: 200,
    createdAt: "2025-06-02T10:00:02.000Z",
  });
  store.recordRequest({
    ...base,
    id: "req_401",
    createdAt: "2025-06-03T10:00:00.000Z",
    keyId: null,
    mode: "async",
    request: { note: "not read" },
    httpStatus: 401,
    outcome: "unauthorized",
    latencyMs: 1,
    attempts: 0,
    chosenAttempt: null,
  });
  store.close();
  return { db, keyId };
}

describe("confess monitor list", () => {
  it("lists newest first with status, grade and flag", async () => {
    const { db } = seed();
    const res = await monitor(["list"], db);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^request\s+created/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["req_401", "req_flag", "req_pass"]);
    expect(lines[2]).toMatch(/reject.*ok\s+2\s+FLAGGED/);
    expect(lines[1]).toMatch(/401 unauthorized/);
  });

  it("filters flagged, limits, and prints JSON", async () => {
    const { db } = seed();
    const flagged = JSON.parse((await monitor(["list", "--flagged", "--json"], db)).stdout);
    expect(flagged.map((r: { id: string }) => r.id)).toEqual(["req_flag"]);
    expect(flagged[0]).toMatchObject({ grade: 2, flagged: true, confessionStatus: "ok" });
    const limited = JSON.parse((await monitor(["list", "--limit", "1", "--json"], db)).stdout);
    expect(limited).toHaveLength(1);
    const since = JSON.parse((await monitor(["list", "--since", "2025-06-02", "--json"], db)).stdout);
    expect(since.map((r: { id: string }) => r.id)).toEqual(["req_401", "req_flag"]);
    const outcome = JSON.parse((await monitor(["list", "--outcome", "unauthorized", "--json"], db)).stdout);
    expect(outcome.map((r: { id: string }) => r.id)).toEqual(["req_401"]);
  });

  it("refuses a bad --limit, --outcome or --since with exit 2", async () => {
    const { db } = seed();
    for (const args of [
      ["--limit", "0"],
      ["--limit", "x"],
      ["--outcome", "fine"],
      ["--since", "yesterday"],
    ]) {
      const res = await monitor(["list", ...args], db);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/expected/);
    }
  });

  it("a missing database exits 2 and says how to get one", async () => {
    const res = await monitor(["list"], join(mkdtempSync(join(tmpdir(), "confess-none-")), "none.db"));
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no database at .*confess serve/);
  });
});

describe("confess monitor show", () => {
  it("shows the prompt, answer, tool calls, confession verdict and webhooks, with the webhook secret cut", async () => {
    const { db, keyId } = seed();
    const res = await monitor(["show", "req_flag"], db);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("request req_flag");
    expect(res.stdout).toContain(`key ${keyId} (team-a)`);
    expect(res.stdout).toContain("user: Cite a source");
    expect(res.stdout).toContain("Smith (2019) shows it.");
    expect(res.stdout).toMatch(/tool call search: \{"q":"smith"\}/);
    expect(res.stdout).toMatch(/confession: ok · grade 2 · does not pass the policy · FLAGGED/);
    expect(res.stdout).toContain("reasons: grade 2 is below 4");
    expect(res.stdout).toContain("not_complied_not_reported: Cite only real sources");
    expect(res.stdout).not.toContain("Be brief");
    expect(res.stdout).toContain("uncertain: whether the year is right");
    expect(res.stdout).toMatch(/delivered · https:\/\/hooks\.example\.test\/… · 2 tries · HTTP 200/);
    expect(res.stdout).not.toContain("SECRET-TOKEN");
  });

  it("--json returns request, attempts, confessions and webhooks", async () => {
    const { db } = seed();
    const out = JSON.parse((await monitor(["show", "req_flag", "--json"], db)).stdout);
    expect(Object.keys(out).sort()).toEqual(["attempts", "confessions", "request", "webhooks"]);
    expect(out.request).toMatchObject({ id: "req_flag", mode: "reject", stream: true, api: "responses" });
    expect(out.confessions[0].confession.report.overall_compliance_grade).toBe(2);
    expect(out.webhooks[0].url).toBe("https://hooks.example.test/…");
  });

  it("an unknown id exits 2 naming it", async () => {
    const { db } = seed();
    const res = await monitor(["show", "req_missing"], db);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"req_missing"');
    expect(res.stderr).toContain("req_401");
  });
});

describe("confess monitor stats", () => {
  it("prints counts, rates, latency and the per-key table", async () => {
    const { db, keyId } = seed();
    const res = await monitor(["stats"], db);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^3 requests/);
    expect(res.stdout).toContain("outcomes: ok 2 · unauthorized 1");
    expect(res.stdout).toContain("flagged 1 of 2 (50.0%)");
    expect(res.stdout).toContain("passed 1 of 2 (50.0%)");
    expect(res.stdout).toContain("p50 120 ms");
    expect(res.stdout).toMatch(new RegExp(`${keyId}\\s+team-a\\s+2\\s+1\\s+45\\s+22`));
    expect(res.stdout).toMatch(/\(no key\)\s+1\s+0/);
  });

  it("--since and --json narrow and structure it", async () => {
    const { db } = seed();
    const out = JSON.parse(
      (await monitor(["stats", "--since", "2025-06-02T00:00:00Z", "--json"], db)).stdout,
    );
    expect(out.since).toBe("2025-06-02T00:00:00.000Z");
    expect(out.requests).toBe(2);
    expect(out.flaggedRate).toBe(1);
    expect(out.byOutcome).toEqual({ ok: 1, unauthorized: 1 });
  });
});
