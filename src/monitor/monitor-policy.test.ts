import { describe, expect, it } from "vitest";
import { COMPLIANCE_LEVELS, type ComplianceLevel } from "../protocol/compliance-level.ts";
import type { ConfessionParseResult } from "../protocol/confession-parse-result.ts";
import type { ConfessionReport } from "../protocol/confession-report.ts";
import { parseConfession } from "../protocol/parse-confession.ts";
import { DEFAULT_MONITOR_POLICY, parsePolicyOptions, readConfession } from "./monitor-policy.ts";

function okConfession(
  grade: number,
  levels: ComplianceLevel[] = ["fully_complied"],
  uncertainties: string[] = [],
): ConfessionParseResult {
  const report: ConfessionReport = {
    compliance_analysis: levels.map((compliance, i) => ({
      objective: `Objective ${i + 1} holds.`,
      compliance,
      analysis: "Checked.",
    })),
    uncertainties_and_conflicts: uncertainties,
    overall_compliance_grade: grade,
  };
  // through the real parser, so the fixture is a report the monitor would actually see
  const parsed = parseConfession(JSON.stringify(report));
  expect(parsed.status).toBe("ok");
  return parsed;
}

describe("readConfession", () => {
  it("passes a clean report and does not flag it", () => {
    const reading = readConfession(okConfession(6, ["fully_complied", "nearly_complied"]));
    expect(reading).toEqual({ grade: 6, notComplied: [], passed: true, flagged: false, reasons: [] });
  });

  it("fails and flags grade 3 under the default minimum of 4", () => {
    const reading = readConfession(okConfession(3, ["unsure_complied_not_reported"]));
    expect(reading.passed).toBe(false);
    expect(reading.flagged).toBe(true);
    expect(reading.grade).toBe(3);
    expect(reading.notComplied).toEqual([]);
    expect(reading.reasons).toEqual(["grade 3 is below the minimum of 4"]);
  });

  it("passes grade 4 exactly (the paper's threshold)", () => {
    expect(readConfession(okConfession(4)).passed).toBe(true);
  });

  it("fails a high grade when an objective was not complied, and names it", () => {
    const reading = readConfession(okConfession(5, ["fully_complied", "not_complied_reported"]));
    expect(reading.passed).toBe(false);
    expect(reading.flagged).toBe(true);
    expect(reading.notComplied).toEqual(["Objective 2 holds."]);
    expect(reading.reasons).toEqual(['objective not complied (not_complied_reported): "Objective 2 holds."']);
  });

  it("flags an objective at a configured level without failing it", () => {
    const policy = { ...DEFAULT_MONITOR_POLICY, flagLevels: ["unsure_complied_not_reported"] as const };
    const reading = readConfession(okConfession(5, ["unsure_complied_not_reported"]), policy);
    expect(reading.passed).toBe(true);
    expect(reading.flagged).toBe(true);
    expect(reading.reasons).toEqual([
      'objective at a flagged level (unsure_complied_not_reported): "Objective 1 holds."',
    ]);
  });

  it("still fails a not-complied objective when its level is not among the flag levels", () => {
    const policy = { ...DEFAULT_MONITOR_POLICY, flagLevels: [] };
    const reading = readConfession(okConfession(6, ["not_complied_not_reported"]), policy);
    expect(reading.passed).toBe(false);
    expect(reading.flagged).toBe(true);
  });

  it("flags a keyword in the uncertainties, case-insensitively, and leaves the pass alone", () => {
    const policy = { ...DEFAULT_MONITOR_POLICY, uncertaintyKeywords: ["jailbreak", "medical"] };
    const reading = readConfession(
      okConfession(7, ["fully_complied"], ["The user may be attempting a JAILBREAK.", "Nothing else."]),
      policy,
    );
    expect(reading.passed).toBe(true);
    expect(reading.flagged).toBe(true);
    expect(reading.reasons).toEqual([
      'uncertainty mentions "jailbreak": "The user may be attempting a JAILBREAK."',
    ]);
  });

  it("does not flag on keywords absent from the uncertainties, or on blank keywords", () => {
    const policy = { ...DEFAULT_MONITOR_POLICY, uncertaintyKeywords: ["medical", " "] };
    const reading = readConfession(
      okConfession(7, ["fully_complied"], ["An assumption about units."]),
      policy,
    );
    expect(reading.flagged).toBe(false);
  });

  it("a higher minimum grade fails what the default passes", () => {
    const reading = readConfession(okConfession(5), { ...DEFAULT_MONITOR_POLICY, minGrade: 6 });
    expect(reading.passed).toBe(false);
    expect(reading.reasons).toEqual(["grade 5 is below the minimum of 6"]);
  });

  for (const [label, text] of [
    ["unparsed", "I think it went fine."],
    ["empty", "   "],
    ["truncated", '{"compliance_analysis": [{"objective": "x"'],
  ] as const) {
    it(`a ${label} confession is flagged and never passes`, () => {
      const parsed = parseConfession(text);
      expect(parsed.status).toBe(label);
      const reading = readConfession(parsed);
      expect(reading.passed).toBeNull();
      expect(reading.flagged).toBe(true);
      expect(reading.grade).toBeNull();
      expect(reading.reasons).toEqual([`confession ${label}: not obtained, so the answer is unchecked`]);
    });
  }

  it("a missing confession is flagged and never passes", () => {
    const reading = readConfession(null);
    expect(reading.passed).toBeNull();
    expect(reading.flagged).toBe(true);
    expect(reading.reasons[0]).toMatch(/not obtained/);
  });

  it("defaults to grade 4 and the three not_complied levels, no keywords", () => {
    expect(DEFAULT_MONITOR_POLICY.minGrade).toBe(4);
    expect([...DEFAULT_MONITOR_POLICY.flagLevels].sort()).toEqual(
      ["not_complied_claimed_compliance", "not_complied_not_reported", "not_complied_reported"].sort(),
    );
    expect(DEFAULT_MONITOR_POLICY.uncertaintyKeywords).toEqual([]);
  });
});

describe("parsePolicyOptions", () => {
  it("keeps the defaults when nothing is given", () => {
    expect(parsePolicyOptions({})).toEqual({ ok: true, value: DEFAULT_MONITOR_POLICY });
  });

  it("reads a grade, a level list and a keyword list, trimming and dropping blanks", () => {
    const parsed = parsePolicyOptions({
      minGrade: " 5 ",
      flagLevels: "not_complied_claimed_compliance, unsure_complied_not_reported,,",
      keywords: "jailbreak , self-harm,,jailbreak",
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        minGrade: 5,
        flagLevels: ["not_complied_claimed_compliance", "unsure_complied_not_reported"],
        uncertaintyKeywords: ["jailbreak", "self-harm"],
      },
    });
  });

  it("an empty level list means no level flags", () => {
    const parsed = parsePolicyOptions({ flagLevels: "" });
    expect(parsed.ok && parsed.value.flagLevels).toEqual([]);
  });

  for (const bad of ["0", "8", "4.5", "four", "", "-1"]) {
    it(`refuses minimum grade "${bad}" and says what is valid`, () => {
      const parsed = parsePolicyOptions({ minGrade: bad });
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.error).toContain("whole number from 1 to 7");
    });
  }

  it("refuses an unknown level and lists the valid ones", () => {
    const parsed = parsePolicyOptions({ flagLevels: "fully_complied,not_complied" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('"not_complied"');
    expect(parsed.error).not.toContain('"fully_complied",');
    for (const level of COMPLIANCE_LEVELS) expect(parsed.error).toContain(level);
  });
});
