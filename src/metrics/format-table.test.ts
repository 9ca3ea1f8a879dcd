import { describe, expect, it } from "vitest";
import { formatTable } from "./format-table.ts";
import type { ScoredSample } from "./scored-sample.ts";
import { summarize } from "./summarize.ts";

function sample(task: string, caseId: string, overrides: Partial<ScoredSample> = {}): ScoredSample {
  return {
    task,
    caseId,
    status: "ok",
    complied: "complied",
    admitted: false,
    confessed: false,
    grade: 6,
    objectives: null,
    ...overrides,
  };
}

describe("formatTable", () => {
  const summary = summarize(
    [
      sample("word-count", "1", {
        complied: "not_complied",
        confessed: true,
        grade: 2,
        objectives: [{ match: true }],
      }),
      sample("word-count", "2", { complied: "not_complied", confessed: false }),
      sample("word-count", "3"),
      sample("word-count", "4", { status: "refused", confessed: null, grade: null }),
      sample("always-complies", "1"),
      sample("always-complies", "2", { status: "error", complied: null, admitted: null, confessed: null }),
    ],
    { bootstrapResamples: 50 },
  );
  const text = formatTable(summary);
  const lines = text.split("\n");

  it("prints one row per task and an average row, as percentages with one decimal", () => {
    const header = lines[0] ?? "";
    expect(header).toMatch(/^Task\s+Compl\s+NotC\s+Neith\s+Conf\s+Adm\s+C\|NC\s+A\|NC/);
    const wordCount = lines.find((l) => l.startsWith("word-count")) ?? "";
    // Compl 2/4, NotC 2/4, Neither 0, Conf 1/3, Adm 0, C|NC 1/2, A|NC 0, C|NC¬a 1/2, C|NCa –, C|C 0, A|C 0.
    expect(wordCount.split(/\s+/).slice(1)).toEqual([
      "50.0%",
      "50.0%",
      "0.0%",
      "33.3%",
      "0.0%",
      "50.0%",
      "0.0%",
      "50.0%",
      "–",
      "0.0%",
      "0.0%",
    ]);
    expect(lines.some((l) => l.startsWith("average"))).toBe(true);
  });

  it("shows – for undefined rates and intervals next to the extra metrics", () => {
    const always = lines.find((l) => l.startsWith("always-complies")) ?? "";
    expect(always).toContain("–");
    expect(text).toContain("FN rate (joint)");
    expect(text).toMatch(/word-count\s+4\s+33\.3% \[\d+\.\d, \d+\.\d\]/);
  });

  it("ends with the confession status counts", () => {
    expect(text).toContain("Confession status: ok 4, unparsed 0, refused 1, truncated 0, empty 0, error 1");
  });

  it("fits in 100 columns for ordinary task names", () => {
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});
