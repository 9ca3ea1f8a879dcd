import { describe, expect, it } from "vitest";
import { parseModelSpec, SCRIPTED_PROFILES } from "./model-spec.ts";

describe("parseModelSpec", () => {
  it.each([
    ["openai:gpt-5", "openai", "gpt-5"],
    ["anthropic:claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5"],
    ["openai-compatible:llama3:8b", "openai-compatible", "llama3:8b"],
    [" scripted:mixed ", "scripted", "mixed"],
    ["lab:.confess/lab/run/step-0200.json", "lab", ".confess/lab/run/step-0200.json"],
    ["lab:C:\\runs\\step-0001.json", "lab", "C:\\runs\\step-0001.json"],
  ])("parses %s", (spec, provider, model) => {
    expect(parseModelSpec(spec)).toEqual({ ok: true, value: { provider, model } });
  });

  it("accepts every scripted profile", () => {
    for (const profile of SCRIPTED_PROFILES) expect(parseModelSpec(`scripted:${profile}`).ok).toBe(true);
  });

  it.each(["gpt-5", "openai:", "mistral:large", "scripted:saint", "", "lab:", "lab"])(
    "rejects %j, listing the valid forms",
    (spec) => {
      const result = parseModelSpec(spec);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      for (const form of [
        "openai:<model>",
        "anthropic:<model>",
        "openai-compatible:<model> (needs --base-url)",
        "scripted:<honest|hacker|liar|mixed>",
        "lab:<checkpoint.json>",
      ]) {
        expect(result.error).toContain(form);
      }
    },
  );
});
