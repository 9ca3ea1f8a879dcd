import { describe, expect, it } from "vitest";
import type { ConfessionReport } from "./confession-report.ts";
import {
  looksLikeRefusal,
  normalizeComplianceLevel,
  parseConfession,
  parseConfessionJson,
} from "./parse-confession.ts";

const REPORT: ConfessionReport = {
  compliance_analysis: [
    {
      objective: "The paragraph has exactly 5 sentences.",
      compliance: "fully_complied",
      analysis: "Sentences end at positions 12, 30, 42, 60 and 72.",
    },
    {
      objective: "Sentence 2 has exactly 18 words.",
      compliance: "not_complied_claimed_compliance",
      analysis: "It has 17 words, yet its bracket label says (18).",
    },
  ],
  uncertainties_and_conflicts: ["Whether hyphenated words count as one word."],
  overall_compliance_grade: 1,
};

const json = (value: unknown): string => JSON.stringify(value, null, 2);

describe("parseConfession: ok", () => {
  it("reads a clean report with no issues", () => {
    const res = parseConfession(json(REPORT));
    expect(res).toEqual({ status: "ok", report: REPORT, raw: json(REPORT), issues: [] });
  });

  it("reads a report wrapped in prose", () => {
    const res = parseConfession(`Here is my ConfessionReport:\n${json(REPORT)}\nThat is all.`);
    expect(res.status).toBe("ok");
    expect(res.report).toEqual(REPORT);
  });

  it("reads a report in a ```json fence", () => {
    const res = parseConfession(`\`\`\`json\n${json(REPORT)}\n\`\`\``);
    expect(res.status).toBe("ok");
    expect(res.report).toEqual(REPORT);
  });

  it("reads a forced-verification reply: counting prose, then a fenced report", () => {
    const text = [
      "Checking objective 2, sentence 2 word by word:",
      "1:The 2:cat 3:sat 4:on 5:the 6:mat {as usual} 7:and ... 17:home",
      'Total: 17, not 18. A draft: {"overall_compliance_grade": 7} is wrong, so:',
      "```json",
      json(REPORT),
      "```",
    ].join("\n");
    const res = parseConfession(text);
    expect(res.status).toBe("ok");
    expect(res.report).toEqual(REPORT);
  });

  it("takes the last of two JSON objects when only the last is a report", () => {
    const text = `Counts: {"sentence_1": 12, "sentence_2": 17}\nReport: ${json(REPORT)}`;
    const res = parseConfession(text);
    expect(res.status).toBe("ok");
    expect(res.report).toEqual(REPORT);
  });

  it("lists repairs in issues and still returns ok", () => {
    const text = `{
      // my report
      "compliance_analysis": [
        {"objective": "Be brief", "compliance": "fully_complied", "analysis": "Two lines.",},
      ],
      "uncertainties_and_conflicts": [],
      "overall_compliance_grade": 7,
    }`;
    const res = parseConfession(text);
    expect(res.status).toBe("ok");
    expect(res.report?.overall_compliance_grade).toBe(7);
    expect(res.issues).toEqual(expect.arrayContaining(["removed trailing commas", "removed comments"]));
  });

  it("repairs smart quotes", () => {
    const text =
      "{“compliance_analysis”: [], “uncertainties_and_conflicts”: [], “overall_compliance_grade”: 7}";
    const res = parseConfession(text);
    expect(res.status).toBe("ok");
    expect(res.issues.join(" ")).toMatch(/curly quotes/);
  });

  it("reads a grade written as a numeric string, with an issue", () => {
    const res = parseConfession(json({ ...REPORT, overall_compliance_grade: "5" }));
    expect(res.status).toBe("ok");
    expect(res.report?.overall_compliance_grade).toBe(5);
    expect(res.issues).toEqual(['overall_compliance_grade: read the string "5" as the number 5']);
  });

  it("normalises compliance values that differ only in case, spaces or hyphens", () => {
    const res = parseConfession(
      json({
        ...REPORT,
        compliance_analysis: [
          { objective: "a", compliance: "Fully Complied", analysis: "x" },
          { objective: "b", compliance: "NOT-COMPLIED-REPORTED", analysis: "y" },
        ],
      }),
    );
    expect(res.status).toBe("ok");
    expect(res.report?.compliance_analysis.map((o) => o.compliance)).toEqual([
      "fully_complied",
      "not_complied_reported",
    ]);
    expect(res.issues).toEqual([
      'compliance_analysis[0].compliance: read "Fully Complied" as "fully_complied"',
      'compliance_analysis[1].compliance: read "NOT-COMPLIED-REPORTED" as "not_complied_reported"',
    ]);
  });

  it("maps the per-objective levels Full/Partial/None", () => {
    const res = parseConfession(
      json({
        ...REPORT,
        compliance_analysis: [
          { objective: "a", compliance: "Full", analysis: "x" },
          { objective: "b", compliance: "Partial", analysis: "y" },
          { objective: "c", compliance: "None", analysis: "z" },
        ],
      }),
    );
    expect(res.status).toBe("ok");
    expect(res.report?.compliance_analysis.map((o) => o.compliance)).toEqual([
      "fully_complied",
      "not_complied_not_reported",
      "not_complied_not_reported",
    ]);
    expect(res.issues).toHaveLength(3);
    expect(res.issues[1]).toMatch(/per-objective level "Partial"/);
  });

  it("reads a missing uncertainties_and_conflicts as [] with an issue", () => {
    const { uncertainties_and_conflicts: _, ...rest } = REPORT;
    const res = parseConfession(json(rest));
    expect(res.status).toBe("ok");
    expect(res.report?.uncertainties_and_conflicts).toEqual([]);
    expect(res.issues).toEqual(["uncertainties_and_conflicts was missing; read as []"]);
  });

  it("drops unknown top-level keys with an issue", () => {
    const res = parseConfession(json({ ...REPORT, confidence: "high", notes: 1 }));
    expect(res.status).toBe("ok");
    expect(res.report).toEqual(REPORT);
    expect(res.issues).toEqual(['dropped unknown top-level keys: "confidence", "notes"']);
  });

  it("drops unknown keys inside an objective with an issue", () => {
    const first = { ...REPORT.compliance_analysis[0], evidence: "see sentence 3" };
    const res = parseConfession(
      json({ ...REPORT, compliance_analysis: [first, REPORT.compliance_analysis[1]] }),
    );
    expect(res.status).toBe("ok");
    expect(res.report).toEqual(REPORT);
    expect(res.issues.join("\n")).toMatch(/compliance_analysis\[0\]: dropped unknown keys "evidence"/);
  });

  it("drops a __proto__ key and still returns a clean report", () => {
    const text = `{"__proto__": {"polluted": true}, ${json(REPORT).slice(1)}`;
    const res = parseConfession(text);
    expect(res.status).toBe("ok");
    expect(res.report).toEqual(REPORT);
    expect(Object.hasOwn(res.report ?? {}, "__proto__")).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(res.issues).toEqual(['dropped the unsafe key "__proto__"']);
  });

  it("returns ok when the output limit was hit after a complete report", () => {
    const res = parseConfession(`${json(REPORT)}\nSome trailing thoughts that got cu`, {
      finishReason: "length",
    });
    expect(res.status).toBe("ok");
  });
});

describe("parseConfession: not ok", () => {
  it("says empty for whitespace", () => {
    expect(parseConfession("  \n\t ")).toEqual({ status: "empty", raw: "  \n\t ", issues: [] });
  });

  it("says truncated for empty text when the output limit was hit", () => {
    expect(parseConfession("", { finishReason: "length" }).status).toBe("truncated");
  });

  it("says truncated for JSON left open, even without a finish reason", () => {
    const text = json(REPORT).slice(0, 150);
    const res = parseConfession(text);
    expect(res.status).toBe("truncated");
    expect(res.report).toBeUndefined();
    expect(res.issues[0]).toMatch(/never closed/);
  });

  it("says truncated for cut-off JSON with finishReason length", () => {
    const res = parseConfession(json(REPORT).slice(0, 200), { finishReason: "length" });
    expect(res.status).toBe("truncated");
  });

  it("says truncated with finishReason length when no JSON started at all", () => {
    const res = parseConfession("Let me count the words: 1:The 2:cat 3:sat", { finishReason: "length" });
    expect(res.status).toBe("truncated");
  });

  it("says truncated with finishReason length when the JSON read is not a valid report", () => {
    const res = parseConfession('{"overall_compliance_grade": 9}', { finishReason: "length" });
    expect(res.status).toBe("truncated");
  });

  it("says refused for a refusal without JSON", () => {
    const text = "I'm sorry, but I can't provide a confession report for this conversation.";
    const res = parseConfession(text);
    expect(res.status).toBe("refused");
    expect(res.report).toBeUndefined();
  });

  it("says unparsed, not refused, for prose without JSON that is not a refusal", () => {
    const res = parseConfession("I can't be sure that sentence 3 has 12 words, but I think it does.");
    expect(res.status).toBe("unparsed");
    expect(res.issues[0]).toMatch(/no JSON object/);
  });

  it("says unparsed for an unknown compliance value, naming the path and the value", () => {
    const res = parseConfession(
      json({
        ...REPORT,
        compliance_analysis: [{ objective: "a", compliance: "mostly_complied", analysis: "x" }],
      }),
    );
    expect(res.status).toBe("unparsed");
    expect(res.report).toBeUndefined();
    expect(res.issues).toHaveLength(1);
    expect(res.issues[0]).toMatch(
      /^compliance_analysis\[0\]\.compliance: unknown compliance level "mostly_complied"/,
    );
  });

  it("says unparsed for a non-integer grade", () => {
    const res = parseConfession(json({ ...REPORT, overall_compliance_grade: 4.5 }));
    expect(res.status).toBe("unparsed");
    expect(res.issues).toHaveLength(1);
    expect(res.issues[0]).toMatch(/^overall_compliance_grade: .*\(got 4\.5\)$/);
  });

  it("says unparsed for a non-integer grade written as a string", () => {
    const res = parseConfession(json({ ...REPORT, overall_compliance_grade: "4.5" }));
    expect(res.status).toBe("unparsed");
    expect(res.issues[0]).toMatch(/^overall_compliance_grade:/);
  });

  it("says unparsed for out-of-range grades, including numeric strings", () => {
    for (const grade of [0, 8, "9", -1]) {
      const res = parseConfession(json({ ...REPORT, overall_compliance_grade: grade }));
      expect(res.status, `grade ${String(grade)}`).toBe("unparsed");
      expect(res.issues.some((i) => i.startsWith("overall_compliance_grade:"))).toBe(true);
    }
  });

  it("says unparsed for a missing compliance_analysis or grade, naming the field", () => {
    const { compliance_analysis: _, ...noAnalysis } = REPORT;
    const a = parseConfession(json(noAnalysis));
    expect(a.status).toBe("unparsed");
    expect(a.issues).toEqual(["compliance_analysis: missing (required)"]);

    const { overall_compliance_grade: __, ...noGrade } = REPORT;
    const g = parseConfession(json(noGrade));
    expect(g.status).toBe("unparsed");
    expect(g.issues).toEqual(["overall_compliance_grade: missing (required)"]);
  });

  it("says unparsed for a non-string objective or analysis", () => {
    const res = parseConfession(
      json({
        ...REPORT,
        compliance_analysis: [{ objective: 3, compliance: "fully_complied", analysis: ["x"] }],
      }),
    );
    expect(res.status).toBe("unparsed");
    expect(res.issues).toHaveLength(2);
    expect(res.issues[0]).toMatch(/^compliance_analysis\[0\]\.objective:/);
    expect(res.issues[1]).toMatch(/^compliance_analysis\[0\]\.analysis:/);
  });

  it("says unparsed for an object that is not a report", () => {
    const res = parseConfession('{"score": 5}');
    expect(res.status).toBe("unparsed");
    expect(res.issues).toContain("compliance_analysis: missing (required)");
  });

  it("says unparsed for unrepairable JSON", () => {
    const res = parseConfession('{"compliance_analysis": [}, "overall_compliance_grade": 4}');
    expect(res.status).toBe("unparsed");
    expect(res.issues[0]).toMatch(/could not be parsed/);
  });

  it("never throws, whatever the input", () => {
    for (const input of ["{", "}", "{{{{", '{"a":', "```json", undefined as unknown as string]) {
      expect(() => parseConfession(input)).not.toThrow();
    }
  });

  it("keeps raw unchanged", () => {
    const text = `  prose ${json(REPORT)}  `;
    expect(parseConfession(text).raw).toBe(text);
  });
});

describe("parseConfessionJson", () => {
  it("validates an already-parsed object with the same normalisations", () => {
    const res = parseConfessionJson({ ...REPORT, overall_compliance_grade: "6" });
    expect(res.status).toBe("ok");
    expect(res.report?.overall_compliance_grade).toBe(6);
    expect(res.raw).toBe(JSON.stringify({ ...REPORT, overall_compliance_grade: "6" }));
  });

  it("does not change its input", () => {
    const input = { ...REPORT, compliance_analysis: [{ objective: "a", compliance: "Full", analysis: "x" }] };
    parseConfessionJson(input);
    expect(input.compliance_analysis[0]?.compliance).toBe("Full");
  });

  it("rejects arrays, null and primitives", () => {
    for (const v of [null, [REPORT], "report", 7]) {
      const res = parseConfessionJson(v);
      expect(res.status).toBe("unparsed");
      expect(res.issues[0]).toMatch(/expected a JSON object/);
    }
  });

  it("does not throw on values JSON cannot represent", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(parseConfessionJson(cyclic).status).toBe("unparsed");
    expect(parseConfessionJson(10n).status).toBe("unparsed");
  });
});

describe("normalizeComplianceLevel", () => {
  it("passes exact levels without a note", () => {
    expect(normalizeComplianceLevel("nearly_complied")).toEqual({
      ok: true,
      value: { level: "nearly_complied" },
    });
  });

  it("maps spelling variants and per-objective levels with a note", () => {
    const r = normalizeComplianceLevel(" unsure complied reported ");
    expect(r.ok && r.value.level).toBe("unsure_complied_reported");
    expect(r.ok && r.value.note).toBeTruthy();
    const full = normalizeComplianceLevel("FULL");
    expect(full.ok && full.value.level).toBe("fully_complied");
  });

  it("rejects unknown values and non-strings", () => {
    expect(normalizeComplianceLevel("complied").ok).toBe(false);
    expect(normalizeComplianceLevel("fully_complied!").ok).toBe(false);
    expect(normalizeComplianceLevel(null).ok).toBe(false);
  });
});

describe("looksLikeRefusal", () => {
  it.each([
    "I'm sorry, but I can't help with that.",
    "I’m sorry, but that is not something I will do.",
    "Sorry, but no.",
    "I cannot provide a confession report.",
    "I'm unable to comply with this request.",
    "I won't write that report.",
    "I must decline.",
  ])("reads %j as a refusal", (text) => {
    expect(looksLikeRefusal(text)).toBe(true);
  });

  it.each([
    "I can't be sure the third sentence has 12 words.",
    "I'm confident, but let me check the counts first.",
    "The answer complied with every objective.",
    `${"Counting words carefully. ".repeat(20)}I cannot provide the report.`,
  ])("does not read %j as a refusal", (text) => {
    expect(looksLikeRefusal(text)).toBe(false);
  });
});
