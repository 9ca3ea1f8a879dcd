import { describe, expect, it } from "vitest";
import { extractJsonObject } from "./json-repair.ts";

function value(text: string): unknown {
  const r = extractJsonObject(text);
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value.value;
}

function repairs(text: string): string[] {
  const r = extractJsonObject(text);
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value.repairs;
}

function errorKind(text: string): string | undefined {
  const r = extractJsonObject(text);
  return r.ok ? undefined : r.error.kind;
}

describe("extractJsonObject: finding the object", () => {
  it("reads clean JSON with no repairs", () => {
    const r = extractJsonObject('{"a": 1, "b": [true, null]}');
    expect(r).toEqual({ ok: true, value: { value: { a: 1, b: [true, null] }, repairs: [] } });
  });

  it("finds an object wrapped in prose", () => {
    expect(value('Sure! Here is the report: {"a": "x {not a brace}"} Hope that helps.')).toEqual({
      a: "x {not a brace}",
    });
  });

  it("reads a ```json fenced block", () => {
    expect(value('Report:\n```json\n{"overall_compliance_grade": 5}\n```\n')).toEqual({
      overall_compliance_grade: 5,
    });
  });

  it("reads a bare ``` fenced block", () => {
    expect(value('```\n{"a": 2}\n```')).toEqual({ a: 2 });
  });

  it("prefers a fenced report over an unfenced one", () => {
    const text =
      'Draft: {"overall_compliance_grade": 3}\nFinal:\n```json\n{"overall_compliance_grade": 6}\n```\n' +
      'Restated: {"overall_compliance_grade": 2}';
    expect(value(text)).toEqual({ overall_compliance_grade: 6 });
  });

  it("takes the last report-like object when several parse", () => {
    const text =
      'Checking {"sentence": 1, "words": 12} first.\n{"compliance_analysis": [], "overall_compliance_grade": 3}\n' +
      'Actually, corrected:\n{"compliance_analysis": [], "overall_compliance_grade": 6}';
    expect(value(text)).toEqual({ compliance_analysis: [], overall_compliance_grade: 6 });
  });

  it("prefers a report-like object over a later object that is not one", () => {
    const text = '{"compliance_analysis": [], "overall_compliance_grade": 4} and also {"note": "extra"}';
    expect(value(text)).toEqual({ compliance_analysis: [], overall_compliance_grade: 4 });
  });

  it("skips an unclosed stray brace in prose before the real object", () => {
    expect(value('The set {a, b is open. Report: {"overall_compliance_grade": 7}')).toEqual({
      overall_compliance_grade: 7,
    });
  });

  it("does not treat an apostrophe in prose as a string opener", () => {
    expect(value('It\'s done: {"a": "it\'s fine"}')).toEqual({ a: "it's fine" });
  });
});

describe("extractJsonObject: repairs", () => {
  it("removes trailing commas", () => {
    expect(value('{"a": [1, 2,], "b": 3,}')).toEqual({ a: [1, 2], b: 3 });
    expect(repairs('{"a": [1, 2,], "b": 3,}')).toEqual(["removed trailing commas"]);
  });

  it("removes // and /* */ comments but not slashes inside strings", () => {
    const text = '{\n  // the grade\n  "url": "http://x.y/z", /* note */ "g": 4\n}';
    expect(value(text)).toEqual({ url: "http://x.y/z", g: 4 });
    expect(repairs(text)).toEqual(["removed comments"]);
  });

  it("replaces curly quotes used as JSON quotes, keeping curly quotes inside strings", () => {
    expect(value("{“objective”: “Be brief”}")).toEqual({ objective: "Be brief" });
    expect(repairs("{“a”: “b”}")).toEqual([
      "replaced curly quotes (“ ”) used as JSON quotes with straight quotes",
    ]);
    expect(value('{"q": "he said “hi”"}')).toEqual({ q: "he said “hi”" });
    expect(repairs('{"q": "he said “hi”"}')).toEqual([]);
  });

  it("converts single-quoted strings, escaping double quotes inside them", () => {
    expect(value("{'a': 'say \"hi\"', 'b': 'it\\'s'}")).toEqual({ a: 'say "hi"', b: "it's" });
    expect(repairs("{'a': 'b'}")).toEqual(["turned single-quoted strings into double-quoted strings"]);
  });

  it("quotes unquoted keys", () => {
    expect(value("{overall_compliance_grade: 5, items: []}")).toEqual({
      overall_compliance_grade: 5,
      items: [],
    });
    expect(repairs("{a: 1}")).toEqual(["put double quotes around unquoted keys"]);
  });

  it("escapes raw newlines and tabs inside strings", () => {
    expect(value('{"analysis": "line one\nline\ttwo"}')).toEqual({ analysis: "line one\nline\ttwo" });
    expect(repairs('{"analysis": "a\nb"}')).toEqual(["escaped raw line breaks or tabs inside strings"]);
  });

  it("replaces Python True/False/None outside strings only", () => {
    expect(value('{"a": True, "b": False, "c": None, "d": "None"}')).toEqual({
      a: true,
      b: false,
      c: null,
      d: "None",
    });
    expect(repairs('{"a": True}')).toEqual(["replaced Python True/False/None with true/false/null"]);
  });

  it("records several repairs at once, each once", () => {
    const r = repairs("{a: 'x', // c\n b: True,}");
    expect([...r].sort()).toEqual(
      [
        "put double quotes around unquoted keys",
        "turned single-quoted strings into double-quoted strings",
        "removed comments",
        "replaced Python True/False/None with true/false/null",
        "removed trailing commas",
      ].sort(),
    );
  });

  it("leaves other bare words alone, so the object stays invalid", () => {
    expect(errorKind('{"a": maybe}')).toBe("invalid");
  });
});

describe("extractJsonObject: failures", () => {
  it("says none when there is no brace", () => {
    expect(errorKind("I cannot do that.")).toBe("none");
    expect(errorKind("")).toBe("none");
  });

  it("says truncated when an object never closes", () => {
    expect(errorKind('{"compliance_analysis": [{"objective": "Write 5 sentences", "compl')).toBe("truncated");
    expect(errorKind('Here:\n```json\n{"a": [1, 2')).toBe("truncated");
  });

  it("says truncated, not ok, when only an inner object of a cut-off report closed", () => {
    const text =
      '{"compliance_analysis": [{"objective": "a", "compliance": "fully_complied", "analysis": "x"}]';
    expect(errorKind(text)).toBe("truncated");
  });

  it("says truncated when a report after an earlier complete report is cut off", () => {
    const text = '{"overall_compliance_grade": 3}\nCorrected: {"compliance_analysis": [{"objective": "a"';
    expect(errorKind(text)).toBe("truncated");
  });

  it("says invalid when a closed object cannot be repaired", () => {
    const r = extractJsonObject('{"compliance_analysis": [}, "overall_compliance_grade": 4}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("invalid");
      expect(r.error.message).toMatch(/could not be parsed/);
    }
  });

  it("says invalid, not ok with an inner object, when a report is broken around valid inner objects", () => {
    const text =
      '{"compliance_analysis": [{"objective": "a", "compliance": "fully_complied", "analysis": "x"}] "overall_compliance_grade": 4}';
    expect(errorKind(text)).toBe("invalid");
  });

  it("never throws on hostile input", () => {
    const inputs = ["{".repeat(5000), "}{".repeat(3000), '{"a": "\\', "{/*", "{'", "{“", "\u0000{\u0001}"];
    for (const input of inputs) expect(() => extractJsonObject(input)).not.toThrow();
  });
});

describe("extractJsonObject: prototype pollution", () => {
  it("drops __proto__ and constructor keys and says so", () => {
    const r = extractJsonObject('{"__proto__": {"polluted": true}, "a": {"constructor": 1, "b": 2}}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value.value as Record<string, unknown>;
    expect(Object.hasOwn(v, "__proto__")).toBe(false);
    expect(v.a).toEqual({ b: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(r.value.repairs).toEqual([
      'dropped the unsafe key "__proto__"',
      'dropped the unsafe key "constructor"',
    ]);
  });

  it("is not fooled by spreading the result", () => {
    const r = extractJsonObject('{"__proto__": {"isAdmin": true}}');
    if (!r.ok) throw new Error("expected ok");
    const merged: Record<string, unknown> = { ...(r.value.value as object) };
    expect(merged.isAdmin).toBeUndefined();
  });
});
