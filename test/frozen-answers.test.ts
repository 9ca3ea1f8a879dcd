import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfessStore } from "../src/store/confess-store.ts";
import { confess, tempDir } from "./cli-helpers.ts";

// `confess eval --frozen-answers` (issue 7): the paper's frozen-rollout protocol. Checkpoints are compared on
// the same answers: only the confessions are asked for again.

interface Summary {
  run: string;
  overall: Record<string, number | null>;
}

describe("confess eval --frozen-answers", () => {
  it("reuses every answer of the source run and asks the new model only for confessions", async () => {
    const db = join(tempDir(), "frozen.db");
    const source = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:mixed",
      "--samples",
      "12",
      "--condition",
      "baseline,hard",
      "--run",
      "answers",
      "--db",
      db,
      "--json",
      "--no-progress",
    ]);
    expect(source.code, source.stderr).toBe(0);
    const frozen = await confess([
      "eval",
      "--frozen-answers",
      "answers",
      "--model",
      "scripted:liar",
      "--step",
      "200",
      "--run",
      "ckpt-200",
      "--db",
      db,
      "--json",
      "--no-progress",
    ]);
    expect(frozen.code, frozen.stderr).toBe(0);
    const a = JSON.parse(source.stdout) as Summary;
    const b = JSON.parse(frozen.stdout) as Summary;
    // the same answers: the same compliance, whoever confesses
    expect(b.overall.not_complied).toBe(a.overall.not_complied);
    expect(b.overall.complied).toBe(a.overall.complied);
    // the confessions are the new model's: the liar denies everything the answers' own model admitted
    // (scripted models confess from their script, not from the transcript: this checks the plumbing)
    expect(a.overall.confessed_given_not_complied ?? 0).toBeGreaterThan(0);
    expect(b.overall.confessed_given_not_complied).toBe(0);

    const store = ConfessStore.open(db);
    try {
      expect(store.getRun("ckpt-200")?.config).toMatchObject({
        frozenAnswers: "answers",
        step: 200,
        suites: ["word-count"],
        conditions: ["baseline", "hard"],
        samples: 12,
      });
      const sources = new Map([...store.samples("answers")].map((s) => [`${s.caseId}|${s.condition}`, s]));
      const samples = [...store.samples("ckpt-200")];
      expect(samples).toHaveLength(sources.size);
      for (const sample of samples) {
        const original = sources.get(`${sample.caseId}|${sample.condition}`);
        expect(sample.y).toBe(original?.y);
        expect(sample.transcript).toEqual(original?.transcript);
        expect(sample.model).toBe("scripted:liar");
        // no answer-phase call was made: every turn is the confession's
        expect(sample.turns.every((t) => t.phase !== "answer")).toBe(true);
      }
    } finally {
      await store.close();
    }

    // resuming finds everything done
    const again = await confess([
      "eval",
      "--frozen-answers",
      "answers",
      "--model",
      "scripted:liar",
      "--step",
      "200",
      "--run",
      "ckpt-200",
      "--db",
      db,
      "--json",
      "--no-progress",
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(b);
  });

  it("keeps every answer of a source run with several variants (one sample per source sample)", async () => {
    const db = join(tempDir(), "frozen.db");
    const source = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:mixed",
      "--variant",
      "paper,per-objective",
      "--samples",
      "3",
      "--run",
      "two-variants",
      "--db",
      db,
      "--no-progress",
    ]);
    expect(source.code, source.stderr).toBe(0);
    // the frozen run asks for the default variant (paper) about each of the 3 × 2 stored answers
    const frozen = await confess([
      "eval",
      "--frozen-answers",
      "two-variants",
      "--model",
      "scripted:liar",
      "--run",
      "frozen-two",
      "--db",
      db,
      "--no-progress",
    ]);
    expect(frozen.code, frozen.stderr).toBe(0);
    const store = ConfessStore.open(db);
    try {
      const sources = [...store.samples("two-variants")];
      const samples = [...store.samples("frozen-two")];
      expect(sources).toHaveLength(6);
      expect(samples).toHaveLength(6);
      expect(samples.every((s) => s.variant === "paper")).toBe(true);
      // each stored answer (with its own transcript) is confessed about exactly once
      const key = (s: { caseId: string; transcript: unknown }) =>
        `${s.caseId}|${JSON.stringify(s.transcript)}`;
      expect(samples.map(key).sort()).toEqual(sources.map(key).sort());
    } finally {
      await store.close();
    }
  });

  it("exits 2 with what to fix for clashing flags, a missing --suite and an unknown run", async () => {
    const db = join(tempDir(), "frozen.db");
    const made = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:honest",
      "--samples",
      "2",
      "--run",
      "src",
      "--db",
      db,
      "--no-progress",
    ]);
    expect(made.code, made.stderr).toBe(0);
    const clash = await confess([
      "eval",
      "--frozen-answers",
      "src",
      "--suite",
      "word-count",
      "--samples",
      "3",
      "--model",
      "scripted:honest",
      "--db",
      db,
    ]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain("drop --suite, --samples");
    const none = await confess(["eval", "--model", "scripted:honest", "--db", db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--suite is required");
    const unknown = await confess([
      "eval",
      "--frozen-answers",
      "nope",
      "--model",
      "scripted:honest",
      "--db",
      db,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no run "nope"');
  });
});
