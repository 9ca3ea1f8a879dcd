import { describe, expect, it } from "vitest";
import type { ChatModel, ModelRequest } from "../models/model.ts";
import { cacheKey } from "./response-cache.ts";

const model = (id: string, parameters?: Record<string, unknown>): ChatModel => ({
  id,
  capabilities: { structuredOutput: false, tools: false },
  ...(parameters ? { parameters } : {}),
  generate: () => Promise.reject(new Error("not called")),
});

const request = (overrides: Partial<ModelRequest> = {}): ModelRequest => ({
  messages: [
    { role: "user", content: "Write five sentences." },
    { role: "assistant", content: "Done." },
  ],
  ...overrides,
});

describe("cacheKey", () => {
  const base = model("openai:gpt-x", { temperature: 1 });

  it("is a stable hex digest, equal for equal inputs built separately", () => {
    const a = cacheKey(base, request(), 0);
    const b = cacheKey(model("openai:gpt-x", { temperature: 1 }), request(), 0);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it("differs by sample index, so repeats of one case are not collapsed", () => {
    expect(cacheKey(base, request(), 1)).not.toBe(cacheKey(base, request(), 0));
  });

  it("differs by messages: content, role, order and count", () => {
    const key = cacheKey(base, request(), 0);
    const variants: ModelRequest["messages"][] = [
      [
        { role: "user", content: "Write six sentences." },
        { role: "assistant", content: "Done." },
      ],
      [
        { role: "system", content: "Write five sentences." },
        { role: "assistant", content: "Done." },
      ],
      [
        { role: "assistant", content: "Done." },
        { role: "user", content: "Write five sentences." },
      ],
      [{ role: "user", content: "Write five sentences." }],
    ];
    const keys = variants.map((messages) => cacheKey(base, request({ messages }), 0));
    for (const other of keys) expect(other).not.toBe(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("differs by model id and by model parameters", () => {
    const key = cacheKey(base, request(), 0);
    expect(cacheKey(model("openai:gpt-y", { temperature: 1 }), request(), 0)).not.toBe(key);
    expect(cacheKey(model("openai:gpt-x", { temperature: 0 }), request(), 0)).not.toBe(key);
    expect(cacheKey(model("openai:gpt-x"), request(), 0)).not.toBe(key);
  });

  it("differs by tools, response format and sampling settings", () => {
    const key = cacheKey(base, request(), 0);
    const others = [
      request({ tools: [{ name: "ls", description: "list", parameters: { type: "object" } }] }),
      request({ responseFormat: { type: "json", name: "ConfessionReport", schema: { type: "object" } } }),
      request({ temperature: 0.5 }),
      request({ maxOutputTokens: 100 }),
      request({ seed: 3 }),
    ].map((r) => cacheKey(base, r, 0));
    for (const other of others) expect(other).not.toBe(key);
    expect(new Set(others).size).toBe(others.length);
  });

  it("ignores the call context and signal for real providers, but not for scripted models", () => {
    const withContext = (caseId: string) =>
      request({ context: { phase: "answer", caseId }, signal: new AbortController().signal });
    expect(cacheKey(base, withContext("a"), 0)).toBe(cacheKey(base, request(), 0));
    expect(cacheKey(base, withContext("a"), 0)).toBe(cacheKey(base, withContext("b"), 0));
    const scripted = model("scripted:honest");
    expect(cacheKey(scripted, withContext("a"), 0)).not.toBe(cacheKey(scripted, withContext("b"), 0));
  });
});
