import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { getLabRun } from "../../lab/train/index.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import type { CliIO } from "../io.ts";
import { main } from "../main.ts";

async function confess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
    env: {},
    isTTY: false,
  };
  const code = await main([...args, "--db", db], io);
  return { code, stdout, stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), "lab-cli-"));
// every run records into a database; never the default one under the working directory
const db = join(tempDir(), "confess.db");

describe("confess lab", () => {
  it("--quick --json with the same seed gives identical metrics", async () => {
    const a = await confess(["lab", "--quick", "--seed", "7", "--json", "--out", join(tempDir(), "run")]);
    const b = await confess(["lab", "--quick", "--seed", "7", "--json", "--out", join(tempDir(), "run")]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const ja = JSON.parse(a.stdout);
    const jb = JSON.parse(b.stdout);
    expect(ja.summary.length).toBe(5);
    expect(ja.steps.length).toBe(8);
    expect(JSON.stringify({ s: ja.summary, t: ja.steps })).toBe(
      JSON.stringify({ s: jb.summary, t: jb.steps }),
    );
    expect(ja.config.seed).toBe(7);
    expect(ja.id).toMatch(/^lab-[0-9a-f]{12}$/);
    expect(ja.id).not.toBe(jb.id); // two directories, two stored runs
    const store = ConfessStore.open(db);
    try {
      const stored = getLabRun(store, ja.id);
      expect(stored?.records.filter((r) => r.kind === "eval")).toEqual(ja.summary);
      expect(stored?.records.filter((r) => r.kind === "step")).toEqual(ja.steps);
    } finally {
      await store.close();
    }
  });

  it("prints the summary table, writes checkpoints, and resumes on a re-run", async () => {
    const out = join(tempDir(), "run");
    const first = await confess(["lab", "--quick", "--design", "dual-span", "--control", "--out", out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/metric\s+step 0\s+step 2\s+step 4\s+step 6\s+step 8/);
    expect(first.stdout).toMatch(/hack rate/);
    expect(first.stdout).toContain(`confess view --db ${db}`);
    expect(first.stdout).toMatch(/grade honest \| not complied/);
    expect(existsSync(join(out, "step-0008.json"))).toBe(true);
    expect(existsSync(join(out, "metrics.jsonl"))).toBe(true);
    const again = await confess(["lab", "--quick", "--design", "dual-span", "--control", "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/resumed from step 8/);
    const other = await confess(["lab", "--quick", "--p", "0.5", "--out", out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/different config/);
  });

  it("--eval-samples evaluates each summary checkpoint into a run with its step, once", async () => {
    const out = join(tempDir(), "run");
    const args = ["lab", "--quick", "--seed", "5", "--eval-samples", "6", "--json", "--out", out];
    const first = await confess(args);
    expect(first.code, first.stderr).toBe(0);
    const runs = JSON.parse(first.stdout).checkpointRuns as Array<Record<string, unknown>>;
    expect(runs.map((r) => r.step)).toEqual([0, 2, 4, 6, 8]);
    expect(runs.every((r) => r.samples === 6 && r.skipped === 0 && r.failed === 0)).toBe(true);
    const again = await confess(args);
    const rerun = JSON.parse(again.stdout).checkpointRuns as Array<Record<string, unknown>>;
    expect(rerun.every((r) => r.skipped === 6)).toBe(true);
    const store = ConfessStore.open(db);
    try {
      for (const run of runs) {
        const stored = store.getRun(String(run.runId));
        expect(stored?.config.step).toBe(run.step);
        expect(stored?.config.suites).toEqual(["word-count"]);
        const samples = [...store.samples(String(run.runId))];
        expect(samples).toHaveLength(6);
        expect(samples[0]?.model).toBe(`lab:${basename(out)}/step-${String(run.step).padStart(4, "0")}.json`);
        expect(samples[0]?.case.payload).toMatchObject({ targets: [4, 6, 4, 6, 4], bracketLabels: true });
      }
    } finally {
      await store.close();
    }
  });

  it.each([
    [["--design", "triple"], /expected one of: separate, dual-span/],
    [["--p", "1.5"], /expected a number from 0 to 1/],
    [["--steps", "0"], /--steps/],
    [["--group", "1"], /--group/],
    [["--prompts", "x"], /--prompts/],
    [["--seed", "-1"], /--seed/],
    [["--eval-samples", "0"], /--eval-samples/],
    [["--design", "dual-span", "--p", "0.5"], /drop --p/],
  ])("bad flags %j exit 2 and say what to fix", async (flags, message) => {
    const result = await confess(["lab", "--quick", ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
