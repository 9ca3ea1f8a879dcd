import { describe, expect, it } from "vitest";
import { judgeBaseUrl } from "./judge-flags.ts";

describe("judgeBaseUrl", () => {
  const local = "http://127.0.0.1:8000/v1";

  it("sends a hosted judge to its provider, never to the policy's server", () => {
    expect(judgeBaseUrl("openai:gpt-5-mini", undefined, local)).toBeUndefined();
    expect(judgeBaseUrl("anthropic:claude-x", undefined, local)).toBeUndefined();
  });

  it("lets an openai-compatible judge share the policy's server", () => {
    expect(judgeBaseUrl("openai-compatible:qwen3-8b", undefined, local)).toBe(local);
  });

  it("uses --judge-base-url for any judge when given", () => {
    expect(judgeBaseUrl("openai:gpt-5-mini", "https://proxy.example/v1", local)).toBe(
      "https://proxy.example/v1",
    );
  });
});
