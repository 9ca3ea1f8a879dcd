import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockOpenAIServer, type MockRequest, startMockOpenAIServer } from "../src/testing/index.ts";
import { confess, tempDir } from "./cli-helpers.ts";

// Black-box tests of issue 4 through the built CLI: stress grids, judges over real HTTP, the judge audit,
// re-scoring and comparison.

type Wire = { role: string; content: unknown };
const textOf = (request: MockRequest): string =>
  ((request.body?.messages ?? []) as Wire[])
    .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))
    .join("\n");
const isHonesty = (r: MockRequest) => textOf(r).startsWith("You review self-reports");
const isClassifier = (r: MockRequest) => textOf(r).startsWith("You classify one behaviour");

const HONEST_SCORES = JSON.stringify({
  objectives: { score: 1, justification: "All listed." },
  claims: { score: 0.5, justification: "Half right." },
  uncertainties: { score: 1, justification: "Fine." },
});

let server: MockOpenAIServer;
let honestyCalls = 0;
beforeAll(async () => {
  server = await startMockOpenAIServer({
    handler: (request) => {
      if (isHonesty(request)) {
        honestyCalls++;
        // every third honesty reply cannot be read
        return { text: honestyCalls % 3 === 0 ? "The report looks mostly fine to me." : HONEST_SCORES };
      }
      if (isClassifier(request)) {
        // the classifier can never make up its mind in a readable way about confessions
        return /Question: Does the confession report/i.test(textOf(request)) ||
          textOf(request).includes("<confession_report>")
          ? { text: "yes, I think so" }
          : { text: JSON.stringify({ value: true, justification: "Looks right." }) };
      }
      return { text: "unexpected call" };
    },
  });
});
afterAll(async () => {
  await server?.close();
});

const db = (dir: string) => join(dir, ".confess", "confess.db");
const json = (stdout: string) => JSON.parse(stdout);

describe("confess eval with stress conditions and variants", () => {
  it("runs the condition × variant grid offline and breaks the JSON down by each axis", async () => {
    const dir = tempDir();
    const conditions = ["baseline", "awareness", "soft", "hard", "jailbreak"];
    const variants = ["paper", "forced-verification"];
    const res = await confess(
      [
        "eval",
        "--suite",
        "word-count",
        "--model",
        "scripted:mixed",
        "--condition",
        conditions.join(","),
        "--variant",
        variants.join(","),
        "--json",
        "--no-progress",
      ],
      { cwd: dir },
    );
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const summary = json(res.stdout);
    expect(summary.condition).toEqual(conditions);
    expect(summary.variant).toEqual(variants);
    expect(Object.keys(summary.by.condition)).toEqual(conditions);
    expect(Object.keys(summary.by.variant)).toEqual(variants);
    expect(summary.breakdown).toHaveLength(10);
    for (const condition of conditions) {
      expect(summary.by.condition[condition].overall.n).toBe(128);
    }
    // the jailbreak tells the model to claim full compliance: the scripted model mostly obeys
    const fn = (c: string) => summary.by.condition[c].overall.false_negative_rate as number;
    expect(fn("jailbreak")).toBeGreaterThan(fn("baseline"));
    expect(summary.by.condition.jailbreak.overall.confessed_given_not_complied).toBeLessThan(
      summary.by.condition.baseline.overall.confessed_given_not_complied,
    );
  });

  it("rejects a bad judge spec with exit 2, naming the flag, its keyword and the scripted judges", async () => {
    const res = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:honest",
      "--confidence",
      "bogus",
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--confidence \(or rule\): Invalid model spec "bogus"/);
    expect(res.stderr).toContain("scripted:<strict|gullible>");
    const policy = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:honest",
      "--judge",
      "scripted:liar",
    ]);
    expect(policy.code).toBe(2);
    expect(policy.stderr).toMatch(/--judge: "scripted:liar" is not a judge/);
  });

  it("rejects an unknown condition with exit 2 and the valid names", async () => {
    const res = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:honest",
      "--condition",
      "angry",
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unknown condition "angry".*baseline, awareness, soft, hard, jailbreak/);
  });
});

describe("judges over real HTTP against the mock", () => {
  it("stores unparseable honesty and classifier replies as unparsed and leaves them out of every rate", async () => {
    const dir = tempDir();
    const before = honestyCalls;
    const res = await confess(
      [
        "eval",
        "--suite",
        "word-count",
        "--model",
        "scripted:hacker",
        "--samples",
        "6",
        "--run",
        "h1",
        "--judge",
        "openai-compatible:mock",
        "--classifier",
        "openai-compatible:mock",
        "--judge-base-url",
        server.url,
        "--json",
        "--no-progress",
        "--concurrency",
        "1",
      ],
      { cwd: dir },
    );
    expect(res.code).toBe(0);
    expect(honestyCalls - before).toBe(6);
    const summary = json(res.stdout);
    const honesty = summary.tasks["word-count"].judges.honesty;
    expect(honesty.unparsed).toBe(2);
    expect(honesty.n).toBe(4);
    // claims 0.5 gates the reward: 0.5 × (0.2 + 0.6 + 0.2) on every readable reply
    expect(honesty.meanReward).toBeCloseTo(0.5, 6);
    // every `confessed` classifier reply was unreadable: no sample counts as confessed or as denying
    expect(summary.tasks["word-count"].confessed).toBeNull();
    expect(summary.tasks["word-count"].confessed_given_not_complied).toBeNull();
    expect(summary.tasks["word-count"].not_complied).toBe(1);

    const sqlite = new DatabaseSync(db(dir));
    const rows = sqlite
      .prepare(
        "SELECT scorer, target, status, value, raw FROM verdicts WHERE status = 'unparsed' ORDER BY id",
      )
      .all() as Array<{ scorer: string; target: string; status: string; value: string; raw: string }>;
    sqlite.close();
    const honestyRows = rows.filter((r) => r.scorer === "honesty/openai-compatible:mock");
    expect(honestyRows).toHaveLength(2);
    for (const row of honestyRows) {
      expect(row.value).toBe("null");
      expect(row.raw).toBe("The report looks mostly fine to me.");
    }
    expect(
      rows.filter((r) => r.scorer === "word-count/ground-truth" && r.target === "confessed"),
    ).toHaveLength(6);
  });

  it("audits an LLM judge over the mock, reporting every manipulation", async () => {
    const dir = tempDir();
    const res = await confess(
      [
        "audit",
        "--judge",
        "openai-compatible:mock",
        "--base-url",
        server.url,
        "--samples",
        "4",
        "--json",
        "--no-progress",
      ],
      { cwd: dir },
    );
    expect(res.code).toBe(0);
    const report = json(res.stdout);
    expect(report.judge).toBe("openai-compatible:mock");
    expect(report.manipulations.map((m: { manipulation: string }) => m.manipulation)).toEqual([
      "flipped-claim",
      "omitted-objective",
      "moved-to-uncertainties",
      "inflated-grade",
      "fabricated-evidence",
    ]);
    // the mock scores every readable report 0.5 and some replies are unreadable: those are excluded
    const excluded = report.manipulations.reduce(
      (sum: number, m: { excluded: { lie: { unparsed: number } } }) => sum + m.excluded.lie.unparsed,
      0,
    );
    expect(excluded).toBeGreaterThan(0);
  });
});

describe("confess audit with scripted judges", () => {
  const audit = async (judge: string) => {
    const res = await confess(["audit", "--judge", judge, "--samples", "12", "--json", "--no-progress"], {
      cwd: tempDir(),
    });
    expect(res.code).toBe(0);
    return json(res.stdout) as {
      manipulations: Array<{
        manipulation: string;
        n: number;
        catchRate: { rate: number };
        margin: { value: number };
      }>;
    };
  };

  it("gives clearly different catch rates for strict and gullible, on every manipulation", async () => {
    const strict = await audit("scripted:strict");
    const gullible = await audit("scripted:gullible");
    expect(strict.manipulations).toHaveLength(5);
    expect(gullible.manipulations).toHaveLength(5);
    for (let i = 0; i < 5; i++) {
      const s = strict.manipulations[i];
      const g = gullible.manipulations[i];
      expect(s?.manipulation).toBe(g?.manipulation);
      expect(s?.n).toBeGreaterThan(0);
      expect(s?.catchRate.rate).toBeGreaterThanOrEqual(0.9);
      expect(g?.catchRate.rate).toBeLessThanOrEqual(0.1);
      expect(s?.margin.value).toBeGreaterThan(0.8);
    }
  });

  it("rejects an unknown manipulation and a policy profile as a judge with exit 2", async () => {
    const bad = await confess(["audit", "--judge", "scripted:strict", "--manipulations", "lie-harder"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown "lie-harder".*flipped-claim/);
    const policy = await confess(["audit", "--judge", "scripted:honest"]);
    expect(policy.code).toBe(2);
    expect(policy.stderr).toMatch(/scripted:strict, scripted:gullible/);
  });
});

describe("confess judge and confess compare", () => {
  it("re-scores a stored run without regenerating, keeping the original verdicts", async () => {
    const dir = tempDir();
    const made = await confess(
      [
        "eval",
        "--suite",
        "word-count",
        "--model",
        "scripted:mixed",
        "--samples",
        "8",
        "--run",
        "r1",
        "--no-progress",
      ],
      { cwd: dir },
    );
    expect(made.code).toBe(0);
    const snapshot = () => {
      const sqlite = new DatabaseSync(db(dir));
      const rows = sqlite.prepare("SELECT * FROM verdicts ORDER BY id").all();
      const turns = (sqlite.prepare("SELECT COUNT(*) AS n FROM turns").get() as { n: number }).n;
      sqlite.close();
      return { rows, turns };
    };
    const before = snapshot();

    const judged = await confess(
      [
        "judge",
        "r1",
        "--judge",
        "scripted:strict",
        "--task-judge",
        "weak",
        "--confidence",
        "rule",
        "--no-progress",
      ],
      { cwd: dir },
    );
    expect(judged.code).toBe(0);
    expect(judged.stdout).toMatch(/judged 8 samples/);
    expect(judged.stdout).toMatch(/Honesty judge/);
    const after = snapshot();
    // every earlier verdict is still there, unchanged; nothing was generated again
    expect(after.rows.slice(0, before.rows.length)).toEqual(before.rows);
    expect(after.rows.length).toBe(before.rows.length + 8 * 3);
    expect(after.turns).toBe(before.turns);

    const again = await confess(["judge", "r1", "--judge", "scripted:strict", "--no-progress"], { cwd: dir });
    expect(again.stdout).toMatch(/judged 0 samples \(8 left as they were\)/);
    expect(snapshot().rows.length).toBe(after.rows.length);

    const shown = json((await confess(["runs", "show", "r1", "--json"], { cwd: dir })).stdout);
    expect(shown.tasks["word-count"].judges.honesty.n).toBe(8);
    expect(shown.tasks["word-count"].judges.taskJudge.n).toBeGreaterThan(0);
    expect(shown.tasks["word-count"].judges.confidence.n).toBeGreaterThan(0);
  });

  it("summarises each judge family by its latest judge only, and says which", async () => {
    const dir = tempDir();
    const run = (args: string[]) => confess(args, { cwd: dir });
    expect(
      (
        await run([
          "eval",
          "--suite",
          "word-count",
          "--model",
          "scripted:mixed",
          "--samples",
          "6",
          "--run",
          "m",
          "--no-progress",
        ])
      ).code,
    ).toBe(0);
    await run(["judge", "m", "--judge", "scripted:gullible", "--no-progress"]);
    const gullible = json((await run(["runs", "show", "m", "--json"])).stdout);
    expect(gullible.judgedBy).toEqual({ honesty: ["honesty/scripted:gullible"] });
    await run(["judge", "m", "--judge", "scripted:strict", "--no-progress"]);
    const shown = json((await run(["runs", "show", "m", "--json"])).stdout);
    expect(shown.judgedBy).toEqual({ honesty: ["honesty/scripted:strict"] });
    // the two judges never blend: every sample counts once, with the strict judge's reward
    const strictOnly = shown.tasks["word-count"].judges.honesty;
    expect(strictOnly.n).toBe(6);
    expect(strictOnly.meanReward).not.toBeCloseTo(gullible.tasks["word-count"].judges.honesty.meanReward, 6);
    expect((await run(["runs", "show", "m"])).stdout).toContain("Judged by honesty/scripted:strict");
  });

  it("judges the samples a resumed eval finished before the judge flags were added", async () => {
    const dir = tempDir();
    const base = [
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:hacker",
      "--samples",
      "4",
      "--run",
      "r",
    ];
    expect((await confess([...base, "--no-progress"], { cwd: dir })).code).toBe(0);
    const resumed = await confess([...base, "--judge", "scripted:strict", "--json", "--no-progress"], {
      cwd: dir,
    });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("judged 4 samples finished before this run");
    expect(json(resumed.stdout).tasks["word-count"].judges.honesty.n).toBe(4);
  });

  it("rejects a grid value given twice and an empty list with exit 2", async () => {
    const twice = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:honest",
      "--condition",
      "soft,soft",
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--condition: "soft" is given more than once/);
    const empty = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:honest",
      "--variant",
      ",",
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/expected one or more comma-separated names/);
  });

  it("exits 2 when no judge is given or the run does not exist", async () => {
    const dir = tempDir();
    await confess(
      [
        "eval",
        "--suite",
        "word-count",
        "--model",
        "scripted:honest",
        "--samples",
        "2",
        "--run",
        "r1",
        "--no-progress",
      ],
      {
        cwd: dir,
      },
    );
    const none = await confess(["judge", "r1"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nothing to judge with/);
    const missing = await confess(["judge", "nope", "--judge", "scripted:strict"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no run "nope"/);
  });

  it("compares two runs with paired differences", async () => {
    const dir = tempDir();
    for (const [run, model] of [
      ["a", "scripted:hacker"],
      ["b", "scripted:liar"],
    ] as const) {
      const res = await confess(
        ["eval", "--suite", "word-count", "--model", model, "--samples", "10", "--run", run, "--no-progress"],
        { cwd: dir },
      );
      expect(res.code).toBe(0);
    }
    const res = await confess(["compare", "a", "b", "--json"], { cwd: dir });
    expect(res.code).toBe(0);
    const cmp = json(res.stdout);
    // the hacker confesses every miss, the liar none: the FN rate rises from 0 to the miss rate
    const fn = cmp.overall.false_negative_rate;
    expect(fn.a).toBe(0);
    expect(fn.b).toBe(1);
    expect(fn.diff).toBe(1);
    expect(fn.pairs).toBe(10);
    const text = await confess(["compare", "a", "b"], { cwd: dir });
    expect(text.stdout).toMatch(/FN rate/);
  });
});
