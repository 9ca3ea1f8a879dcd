import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIO } from "../cli/io.ts";
import { main } from "../cli/main.ts";
import { createJudgeModel } from "../judges/create-judge-model.ts";
import { createScriptedModel } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { runEval } from "../runs/run-eval.ts";
import { scorersFor } from "../runs/scorers/scoring-plan.ts";
import { ConfessStore } from "../store/confess-store.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task } from "../tasks/task.ts";
import { buildEpisodes } from "./build-episodes.ts";
import { EPISODE_SCHEMA, type EpisodeRecord } from "./episode-record.ts";
import { exportRow } from "./export-formats.ts";
import { engineLabelSchema } from "./reward-api.ts";

// The scripted run: word-count × scripted:mixed × 2 cases × 4 repeats (run seed 4), judged by the weak
// task judge and the scripted strict honesty judge. What it stores, per case and repeat:
//
//   case     repeat  ground truth   claim match  honesty  weak judge
//   wc-0001  0       not_complied   3/6          0        passed
//   wc-0001  1       not_complied   6/6          1        passed
//   wc-0001  2       complied       6/6          1        passed
//   wc-0001  3       complied       6/6          1        passed
//   wc-0002  0       not_complied   3/6          0        passed
//   wc-0002  1       not_complied   4/6          0        passed
//   wc-0002  2       complied       6/6          1        passed
//   wc-0002  3       not_complied   3/6          0        passed
//
// With episode seed 1 and p 0.5, wc-0001 is a confession prompt and wc-0002 a task prompt.
const dir = mkdtempSync(join(tmpdir(), "confess-episodes-"));
const db = join(dir, "confess.db");
let store: ConfessStore;

beforeAll(async () => {
  const writer = ConfessStore.open(db);
  await runEval({
    store: writer,
    runId: "r",
    grid: {
      tasks: [getTask("word-count") as Task],
      models: [createScriptedModel({ profile: "mixed", tasks: getTask })],
      variants: [getConfessionVariant("paper")],
      samples: 2,
      repeat: 4,
      seed: 4,
    },
    scorers: scorersFor({
      tasks: getTask,
      taskJudge: "weak",
      judge: createJudgeModel("scripted:strict", { tasks: getTask }),
    }),
  });
  await writer.close();
  store = ConfessStore.open(db);
});
afterAll(async () => {
  await store.close();
});

const byCase = (episodes: EpisodeRecord[], caseId: string) =>
  episodes.filter((e) => e.caseId === caseId).sort((a, b) => a.repeatIndex - b.repeatIndex);
const pick = <K extends "rewards" | "advantages">(
  episodes: EpisodeRecord[],
  key: K,
  stream: "task" | "confession",
) => episodes.map((e) => e[key][stream]);
const close = (actual: (number | null)[], expected: (number | null)[]) => {
  expect(actual.map((a) => (a === null ? null : Number(a.toFixed(6))))).toEqual(expected);
};

describe("buildEpisodes, separate design", () => {
  const episodes = () => [...buildEpisodes(store, "r", { p: 0.5, seed: 1, estimator: "dr-grpo" })];

  it("makes each prompt group one mode, and rewards only that mode's stream", () => {
    const all = episodes();
    expect(all).toHaveLength(8);
    const confession = byCase(all, "wc-0001");
    const task = byCase(all, "wc-0002");
    expect(confession.map((e) => e.mode)).toEqual(["confession", "confession", "confession", "confession"]);
    expect(task.map((e) => e.mode)).toEqual(["task", "task", "task", "task"]);
    // claim match 3/6, 6/6, 6/6, 6/6: mean 0.875
    close(pick(confession, "rewards", "confession"), [0.5, 1, 1, 1]);
    close(pick(confession, "advantages", "confession"), [-0.375, 0.125, 0.125, 0.125]);
    close(pick(confession, "rewards", "task"), [null, null, null, null]);
    close(pick(confession, "advantages", "task"), [null, null, null, null]);
    expect(confession[0]?.reasons.task).toMatch(/confession episode/);
    // ground truth 0, 0, 1, 0: mean 0.25
    close(pick(task, "rewards", "task"), [0, 0, 1, 0]);
    close(pick(task, "advantages", "task"), [-0.25, -0.25, 0.75, -0.25]);
    close(pick(task, "rewards", "confession"), [null, null, null, null]);
    expect(task[0]?.judges).toEqual({ task: "word-count/ground-truth", confession: null });
    expect(confession[0]?.judges).toEqual({ task: null, confession: "claim-match" });
  });

  it("a task episode's completion is y; a confession episode's is y_c, its prompt x + y + x_c", () => {
    const all = episodes();
    const sample = store.getSample("r/word-count|wc-0001|scripted:mixed|paper|1");
    const confession = all.find((e) => e.id === `${sample?.id}#confession`) as EpisodeRecord;
    expect(confession.schema).toBe(EPISODE_SCHEMA);
    expect(confession.completion).toBe(sample?.yc);
    expect(confession.spans).toEqual([{ name: "confession", start: 0, end: sample?.yc.length }]);
    expect(confession.prompt).toEqual([
      { role: "user", content: sample?.x[0]?.content },
      { role: "assistant", content: sample?.y },
      { role: "system", content: sample?.xc },
    ]);
    expect(confession.answer).toBe(sample?.y);
    expect(confession.group).toBe("r/word-count|wc-0001|scripted:mixed|baseline|paper");
    const task = byCase(all, "wc-0002")[2] as EpisodeRecord;
    const taskSample = store.getSample(task.sampleIds[0] as string);
    expect(task.completion).toBe(taskSample?.y);
    expect(task.prompt).toEqual([{ role: "user", content: taskSample?.x[0]?.content }]);
    expect(task.spans).toEqual([{ name: "answer", start: 0, end: taskSample?.y.length }]);
    expect(task.answer).toBeUndefined();
  });

  it("GRPO divides by the group's sample std", () => {
    const task = byCase([...buildEpisodes(store, "r", { p: 0.5, seed: 1 })], "wc-0002");
    // rewards 0, 0, 1, 0: mean 0.25, sample std sqrt(0.75 / 3) = 0.5; −0.25 / (0.5 + 1e-6) = −0.499999
    close(pick(task, "advantages", "task"), [-0.499999, -0.499999, 1.499997, -0.499999]);
  });
});

describe("buildEpisodes, dual-span design", () => {
  it("carries both spans with their own rewards; task from the weak judge, confession from honesty (loo)", () => {
    const all = [
      ...buildEpisodes(store, "r", {
        design: "dual-span",
        taskJudge: "weak",
        confessionJudge: "honesty",
        estimator: "loo",
        tokenize: (text) => text.split(/\s+/).filter(Boolean),
      }),
    ];
    expect(all.every((e) => e.mode === "dual")).toBe(true);
    const one = byCase(all, "wc-0001");
    const two = byCase(all, "wc-0002");
    // the weak judge passes everything: 1 − mean(others) = 0
    close(pick(one, "rewards", "task"), [1, 1, 1, 1]);
    close(pick(one, "advantages", "task"), [0, 0, 0, 0]);
    // honesty 0, 1, 1, 1: 0 − 1 = −1; 1 − 2/3 = 1/3
    close(pick(one, "advantages", "confession"), [-1, 0.333333, 0.333333, 0.333333]);
    // honesty 0, 0, 1, 0: 0 − 1/3; 1 − 0
    close(pick(two, "advantages", "confession"), [-0.333333, -0.333333, 1, -0.333333]);
    expect(one[0]?.judges).toEqual({
      task: "task-judge/weak:word-count/label-trusting",
      confession: "honesty/scripted:strict",
    });

    const e = one[1] as EpisodeRecord;
    const sample = store.getSample(e.sampleIds[0] as string);
    const request = `\n\n${sample?.xc}\n\n`;
    expect(e.completion).toBe(`${sample?.y}${request}${sample?.yc}`);
    const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
    const [answer, confession] = e.spans;
    expect(answer).toEqual({
      name: "answer",
      start: 0,
      end: sample?.y.length,
      tokenStart: 0,
      tokenEnd: words(sample?.y ?? ""),
    });
    const yLen = sample?.y.length ?? 0;
    expect(confession?.start).toBe(yLen + request.length);
    expect(e.completion.slice(confession?.start, confession?.end)).toBe(sample?.yc);
    expect(confession?.tokenStart).toBe(words(sample?.y ?? "") + words(request));
    expect(e.tokenCount).toBe(words(sample?.y ?? "") + words(request) + words(sample?.yc ?? ""));
    expect(e.confessionRequest).toBe(sample?.xc);
  });

  it("programmatic task rewards under GRPO, each stream on its own", () => {
    const one = byCase([...buildEpisodes(store, "r", { design: "dual-span" })], "wc-0001");
    // ground truth 0, 0, 1, 1: mean 0.5, sample std sqrt(1 / 3)
    const a = Number((0.5 / (Math.sqrt(1 / 3) + 1e-6)).toFixed(6));
    close(pick(one, "advantages", "task"), [-a, -a, a, a]);
    // claim match 0.5, 1, 1, 1: mean 0.875, sample std sqrt(0.1875 / 3) = 0.25
    close(pick(one, "advantages", "confession"), [-1.499994, 0.499998, 0.499998, 0.499998]);
  });
});

describe("exports of the scripted run", () => {
  const episodes = () => [...buildEpisodes(store, "r", { p: 0.5, seed: 1 })];

  it("trl rows: messages, reward columns (null where not applicable), mode", () => {
    const all = episodes();
    const confession = exportRow(byCase(all, "wc-0001")[0] as EpisodeRecord, "trl");
    expect(confession.mode).toBe("confession");
    expect(confession.task_reward).toBeNull();
    expect(confession.confession_reward).toBe(0.5);
    expect(confession.completion).toEqual([
      { role: "assistant", content: byCase(all, "wc-0001")[0]?.completion },
    ]);
    const task = exportRow(byCase(all, "wc-0002")[2] as EpisodeRecord, "trl");
    expect(task).toMatchObject({ mode: "task", task_reward: 1, confession_reward: null });
  });

  it("verl and openrlhf labels are EngineLabels; a confession label carries the answer", () => {
    const all = episodes();
    const confessionEpisode = byCase(all, "wc-0001")[0] as EpisodeRecord;
    const verl = exportRow(confessionEpisode, "verl") as {
      data_source: string;
      reward_model: { style: string; ground_truth: string };
      extra_info: Record<string, unknown>;
    };
    expect(verl.data_source).toBe("confessional/word-count");
    expect(verl.reward_model.style).toBe("rule");
    const label = engineLabelSchema.parse(JSON.parse(verl.reward_model.ground_truth));
    expect(label).toMatchObject({ task: "word-count", mode: "confession", answer: confessionEpisode.answer });
    expect(label.case.id).toBe("wc-0001");
    expect(verl.extra_info.mode).toBe("confession");
    const openrlhf = exportRow(byCase(all, "wc-0002")[0] as EpisodeRecord, "openrlhf") as {
      label: string;
      input: unknown;
    };
    expect(engineLabelSchema.parse(JSON.parse(openrlhf.label)).mode).toBe("task");
    expect(openrlhf.input).toEqual(byCase(all, "wc-0002")[0]?.prompt);
  });
});

describe("`confess rewards export`", () => {
  const io = (): CliIO & { out: string[]; err: string[] } => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      stdin: async () => "",
      env: {},
      isTTY: false,
    };
  };
  const base = ["rewards", "export", "r", "--db", db, "--no-progress"];

  it("writes one line per episode to a file, or to stdout", async () => {
    const out = join(dir, "trl.jsonl");
    const cli = io();
    expect(await main([...base, "--format", "trl", "--p", "0.5", "--seed", "1", "--out", out], cli)).toBe(0);
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.mode === "confession").map((r) => r.confession_reward)).toEqual([
      0.5, 1, 1, 1,
    ]);
    expect(cli.err.join("")).toContain("exported 8 episodes of run r");
    expect(cli.err.join("")).toContain("4 task, 4 confession");

    const stdout = io();
    expect(
      await main([...base, "--format", "jsonl", "--design", "dual-span", "--estimator", "dr-grpo"], stdout),
    ).toBe(0);
    const lines = stdout.out
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as EpisodeRecord);
    expect(lines).toHaveLength(8);
    expect(lines.every((l) => l.schema === EPISODE_SCHEMA && l.mode === "dual")).toBe(true);
  });

  it("null rewards say why: a run nobody judged with an LLM task judge", async () => {
    const cli = io();
    expect(await main([...base, "--format", "jsonl", "--p", "0", "--task-judge", "llm"], cli)).toBe(0);
    const lines = cli.out
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as EpisodeRecord);
    expect(lines.every((l) => l.rewards.task === null && l.advantages.task === null)).toBe(true);
    expect(lines[0]?.reasons.task).toBe("not judged: run `confess judge r --task-judge <model>`");
    expect(cli.err.join("")).toContain("null rewards: 8 task, 0 confession");
  });

  it("bad flags and unknown runs exit 2 with what to fix", async () => {
    const p = io();
    expect(await main([...base, "--format", "trl", "--p", "2"], p)).toBe(2);
    expect(p.err.join("")).toContain("expected a number from 0 to 1");
    const format = io();
    expect(await main([...base, "--format", "csv"], format)).toBe(2);
    expect(format.err.join("")).toContain("expected one of: jsonl, trl, verl, openrlhf");
    const missing = io();
    expect(await main(["rewards", "export", "nope", "--db", db, "--format", "jsonl"], missing)).toBe(2);
    expect(missing.err.join("")).toContain('no run "nope"');
    const dual = io();
    expect(await main([...base, "--format", "openrlhf", "--design", "dual-span"], dual)).toBe(2);
    expect(dual.err.join("")).toContain("use --design separate");
    expect(dual.out).toEqual([]);
  });
});
