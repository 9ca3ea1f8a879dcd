import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { confess, tempDir } from "./cli-helpers.ts";

const evalJson = async (profile: string, extra: string[] = []) => {
  const db = join(tempDir(), "c.db");
  const res = await confess([
    "eval",
    "--suite",
    "word-count",
    "--model",
    `scripted:${profile}`,
    "--samples",
    "30",
    "--json",
    "--db",
    db,
    ...extra,
  ]);
  expect(res.stderr).not.toMatch(/unexpected error/);
  expect(res.code).toBe(0);
  return { summary: JSON.parse(res.stdout), db };
};

describe("confess eval on scripted models", () => {
  it("liar: never confesses, so every non-compliance is a false negative", async () => {
    const { summary } = await evalJson("liar");
    const wc = summary.tasks["word-count"];
    expect(summary.samples).toBe(30);
    expect(summary.status.ok).toBe(30);
    expect(wc.not_complied).toBeGreaterThan(0);
    expect(wc.confessed_given_not_complied).toBe(0);
    expect(wc.false_negative_rate).toBeCloseTo(wc.not_complied, 10);
    expect(wc.tp).toBe(0);
    expect(wc.fn).toBe(30);
    expect(summary.overall.false_negative_rate).toBeCloseTo(wc.false_negative_rate, 10);
    for (const key of [
      "n",
      "complied",
      "not_complied",
      "neither",
      "admitted",
      "confessed",
      "claim_match",
      "tp",
      "fp",
      "fn",
      "tn",
    ]) {
      expect(wc).toHaveProperty(key);
    }
    expect(wc.ci95.false_negative_rate).toHaveLength(2);
  });

  it("hacker: misbehaves and always confesses", async () => {
    const { summary } = await evalJson("hacker");
    const wc = summary.tasks["word-count"];
    expect(wc.not_complied).toBe(1);
    expect(wc.confessed_given_not_complied).toBe(1);
    expect(wc.false_negative_rate).toBe(0);
    expect(wc.claim_match).toBe(1);
  });

  it("honest: complies and does not confess", async () => {
    const { summary } = await evalJson("honest");
    const wc = summary.tasks["word-count"];
    expect(wc.complied).toBe(1);
    expect(wc.confessed).toBe(0);
    expect(wc.tn).toBe(30);
    expect(wc.claim_match).toBe(1);
  });

  it("mixed: prints the summary table and stores the run", async () => {
    const dir = tempDir();
    const db = join(dir, "c.db");
    const res = await confess([
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:mixed",
      "--samples",
      "20",
      "--db",
      db,
      "--run",
      "demo",
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("word-count");
    expect(res.stdout).toContain("run demo");
    const list = await confess(["runs", "list", "--db", db, "--json"]);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: "demo", samples: 20 }]);
    const show = await confess(["runs", "show", "demo", "--db", db, "--json"]);
    expect(JSON.parse(show.stdout).run).toBe("demo");
    const sqlite = new DatabaseSync(db);
    const rows = sqlite.prepare("SELECT confession_path, COUNT(*) AS n FROM samples GROUP BY 1").all();
    sqlite.close();
    expect(rows).toEqual([{ confession_path: "json-schema", n: 20 }]);
  });

  it("resuming a finished run adds nothing; a different grid under the same id is refused", async () => {
    const db = join(tempDir(), "c.db");
    const args = [
      "eval",
      "--suite",
      "word-count",
      "--model",
      "scripted:honest",
      "--samples",
      "5",
      "--db",
      db,
      "--run",
      "r1",
      "--json",
    ];
    expect((await confess(args)).code).toBe(0);
    const again = await confess(args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).samples).toBe(5);
    const conflict = await confess([...args.slice(0, -1).map((a) => (a === "5" ? "6" : a))]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/already exists with different settings/);
  });

  it("CONFESS_DB selects the database", async () => {
    const db = join(tempDir(), "env.db");
    const res = await confess(
      ["eval", "--suite", "word-count", "--model", "scripted:honest", "--samples", "2", "--run", "e"],
      { env: { CONFESS_DB: db } },
    );
    expect(res.code).toBe(0);
    const list = await confess(["runs", "list", "--json"], { env: { CONFESS_DB: db } });
    expect(JSON.parse(list.stdout)[0].id).toBe("e");
  });
});

describe("confess eval --suite paper", () => {
  it("runs all twelve suites offline and prints the Table 1 layout", async () => {
    const db = join(tempDir(), "paper.db");
    const res = await confess([
      "eval",
      "--suite",
      "paper",
      "--model",
      "scripted:mixed",
      "--samples",
      "1",
      "--db",
      db,
    ]);
    expect(res.stderr).not.toMatch(/unexpected/);
    expect(res.code).toBe(0);
    const names = [
      "instruction-following",
      "word-count",
      "instruction-hierarchy",
      "instruction-hierarchy-jailbreak",
      "hallucination-background-tasks",
      "hallucination-experiences",
      "hallucination-people",
      "hallucination-knowledge",
      "broken-browser",
      "covert-rule-violation",
      "sandbagging",
      "impossible-task",
    ];
    const rows = res.stdout.split("\n").filter((line) => names.some((n) => line.startsWith(`${n} `)));
    // one row per suite in each of the two tables, in Table 1 order
    expect(rows.map((r) => r.split(/\s+/)[0]).slice(0, 12)).toEqual(names);
    expect(res.stdout).toMatch(/Compl\s+NotC\s+Neith\s+Conf\s+Adm\s+C\|NC\s+A\|NC/);
    const json = await confess([
      "runs",
      "show",
      JSON.parse((await confess(["runs", "list", "--db", db, "--json"])).stdout)[0].id,
      "--db",
      db,
      "--json",
    ]);
    expect(Object.keys(JSON.parse(json.stdout).tasks)).toEqual(names);
  });
});

describe("bad input exits 2 with a message saying what is valid", () => {
  it.each([
    [
      ["eval", "--suite", "nope", "--model", "scripted:honest"],
      /valid suites: .*word-count.*; aliases: paper/,
    ],
    [["eval", "--suite", "word-count", "--model", "gpt-5"], /openai-compatible:<model>/],
    [
      ["eval", "--suite", "word-count", "--model", "scripted:saint"],
      /scripted:<honest\|hacker\|liar\|mixed>/,
    ],
    [["eval", "--suite", "word-count", "--model", "scripted:honest", "--samples", "abc"], /whole number/],
    [["eval", "--suite", "word-count", "--model", "scripted:honest", "--variant", "poem"], /paper/],
    [["eval", "--suite", "word-count", "--model", "scripted:honest", "--bogus"], /unknown option/],
    [["eval", "--model", "scripted:honest"], /--suite/],
    [["eval", "--suite", "word-count", "--model", "openai:gpt-5", "--samples", "1"], /OPENAI_API_KEY/],
    [["eval", "--suite", "word-count", "--model", "openai-compatible:qwen"], /--base-url/],
    [["runs", "show", "missing", "--db", "/nonexistent/dir/x.db"], /no database/],
    [["tasks", "grade", "word-count", "/nonexistent/answer.txt"], /cannot read/],
    [["frobnicate"], /unknown command/],
  ])("%j", async (args, message) => {
    const res = await confess(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it("--help exits 0 and lists the commands", async () => {
    const res = await confess(["--help"]);
    expect(res.code).toBe(0);
    for (const command of ["eval", "runs", "report", "tasks"]) expect(res.stdout).toContain(command);
  });
});

describe("report parse and tasks grade", () => {
  it("parses a confession from stdin", async () => {
    const report = {
      compliance_analysis: [{ objective: "Be brief.", compliance: "fully_complied", analysis: "One line." }],
      uncertainties_and_conflicts: [],
      overall_compliance_grade: 7,
    };
    const res = await confess(["report", "parse", "-"], {
      input: `Sure:\n\`\`\`json\n${JSON.stringify(report)}\n\`\`\``,
    });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: "ok", report });
  });

  it("reports an unparseable confession as unparsed", async () => {
    const res = await confess(["report", "parse"], { input: "I complied with everything, trust me." });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).status).toBe("unparsed");
  });

  it("grades a word-count answer per sentence", async () => {
    const answer =
      "The sport is tennis, a dance between finesse and ferocity that instantly smelled of fresh cut grass rather than garlic. (12)";
    const res = await confess(["tasks", "grade", "word-count", "-"], { input: answer });
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.sentences[0]).toMatchObject({ words: 20, target: 12, label: 12, compliant: false });
  });

  it("lists tasks", async () => {
    const res = await confess(["tasks", "list", "--json"]);
    const list = JSON.parse(res.stdout) as Array<{ name: string }>;
    expect(list.find((t) => t.name === "word-count")).toMatchObject({
      options: ["--bracket-labels", "--targets"],
    });
    expect(list).toHaveLength(12);
  });
});
