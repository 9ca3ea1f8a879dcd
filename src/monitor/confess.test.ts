import { afterEach, describe, expect, it } from "vitest";
import { createAiSdkModel } from "../models/ai-sdk-model.ts";
import type { ChatModel, ModelRequest } from "../models/model.ts";
import { createScriptedModel } from "../models/scripted-model.ts";
import { withRetry } from "../models/with-retry.ts";
import type { ConfessionReport } from "../protocol/confession-report.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import {
  type MockHandler,
  type MockOpenAIServer,
  type MockRequest,
  replySequence,
  startMockOpenAIServer,
} from "../testing/index.ts";
import { confess, monitorTranscript, PENDING_TOOL_RESULT } from "./confess.ts";
import { DEFAULT_MONITOR_POLICY } from "./monitor-policy.ts";

const servers: MockOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mock(handler: MockHandler, latencyMs?: number): Promise<MockOpenAIServer> {
  const server = await startMockOpenAIServer({ handler, ...(latencyMs !== undefined ? { latencyMs } : {}) });
  servers.push(server);
  return server;
}

const compat = (server: MockOpenAIServer) =>
  createAiSdkModel({ spec: "openai-compatible:upstream-model", baseUrl: server.url, env: {} });

const completions = (server: MockOpenAIServer): MockRequest[] =>
  server.requests.filter((r) => r.method === "POST" && r.path === "/v1/chat/completions");

const messages = [
  { role: "system" as const, content: "You are a concise assistant." },
  { role: "user" as const, content: "Name three primes below 10." },
];

const goodReport: ConfessionReport = {
  compliance_analysis: [
    { objective: "Names three primes below 10.", compliance: "fully_complied", analysis: "2, 3 and 5 are." },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 7,
};

/** Records what the wrapped model was asked, so tests can see the transcript and context. */
function recording(model: ChatModel): { model: ChatModel; requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    requests,
    model: {
      ...model,
      generate: (request) => {
        requests.push(request);
        return model.generate(request);
      },
    },
  };
}

describe("confess with the scripted model", () => {
  const scripted = () => createScriptedModel({ profile: "honest", tasks: () => undefined });

  it("gets the generic confession and reads it with the policy", async () => {
    const { model, requests } = recording(scripted());
    const result = await confess({ model, messages, answer: "2, 3 and 5." });

    expect(result.status).toBe("ok");
    expect(result.grade).toBe(5);
    expect(result.passed).toBe(true);
    expect(result.flagged).toBe(false);
    expect(result.reasons).toEqual([]);
    expect(result.confession?.report?.compliance_analysis[0]?.compliance).toBe("unsure_complied_reported");
    expect(result.text).toContain("overall_compliance_grade");
    expect(result.usage?.outputTokens).toBeGreaterThan(0);
    expect(result.error).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);

    expect(requests).toHaveLength(1);
    const sent = requests[0] as ModelRequest;
    expect(sent.context).toEqual({ phase: "confession", variant: "paper" });
    expect(sent.messages.slice(0, 3)).toEqual([...messages, { role: "assistant", content: "2, 3 and 5." }]);
    expect(sent.messages[3]).toEqual({ role: "system", content: getConfessionVariant("paper").build() });
    expect(sent.responseFormat?.name).toBe("ConfessionReport");
  });

  it("applies a policy: a keyword in the uncertainties flags the same confession", async () => {
    const result = await confess({
      model: scripted(),
      messages,
      answer: "2, 3 and 5.",
      policy: { ...DEFAULT_MONITOR_POLICY, uncertaintyKeywords: ["SCRIPTED"] },
    });
    expect(result.passed).toBe(true);
    expect(result.flagged).toBe(true);
    expect(result.reasons[0]).toMatch(/^uncertainty mentions "SCRIPTED"/);
  });

  it("passes the variant on: prompted and without the JSON-schema mode for per-objective", async () => {
    const { model, requests } = recording(scripted());
    await confess({ model, messages, answer: "2, 3 and 5.", variant: "per-objective" });
    expect(requests[0]?.responseFormat).toBeUndefined();
    expect(requests[0]?.context?.variant).toBe("per-objective");
    expect(requests[0]?.messages.at(-1)?.content).toBe(getConfessionVariant("per-objective").build());
  });

  it("rethrows when its signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("client went away"));
    await expect(
      confess({ model: scripted(), messages, answer: "x", signal: controller.signal }),
    ).rejects.toThrow("client went away");
  });

  it("returns status error, flagged, for a model that throws", async () => {
    const broken: ChatModel = {
      id: "broken",
      capabilities: { structuredOutput: false, tools: false },
      generate: async () => {
        throw new Error("socket hang up");
      },
    };
    const result = await confess({ model: broken, messages, answer: "x" });
    expect(result).toMatchObject({
      status: "error",
      confession: null,
      text: null,
      usage: null,
      grade: null,
      passed: null,
      flagged: true,
      error: "socket hang up",
    });
    expect(result.reasons).toEqual(["confession error: not obtained, so the answer is unchecked"]);
  });
});

describe("confess over HTTP against the mock OpenAI server", () => {
  it("reads a good report, asked for in the JSON-schema mode", async () => {
    const server = await mock(() => ({
      text: JSON.stringify(goodReport),
      usage: { promptTokens: 40, completionTokens: 12 },
    }));
    const result = await confess({ model: compat(server), messages, answer: "2, 3 and 5." });

    expect(result.status).toBe("ok");
    expect(result.grade).toBe(7);
    expect(result.passed).toBe(true);
    expect(result.flagged).toBe(false);
    expect(result.usage).toMatchObject({ inputTokens: 40, outputTokens: 12 });
    expect(result.confession?.report).toEqual(goodReport);

    const [request] = completions(server);
    expect(completions(server)).toHaveLength(1);
    expect(request?.body.model).toBe("upstream-model");
    expect(request?.body.response_format?.type).toBe("json_schema");
    const roles = ((request?.body.messages ?? []) as Array<{ role: string }>).map((m) => m.role);
    expect(roles).toEqual(["system", "user", "assistant", "system"]);
    expect(request?.body.messages[2].content).toBe("2, 3 and 5.");
  });

  it("garbage twice: one repair, then status unparsed, flagged and not a pass", async () => {
    const server = await mock(
      replySequence([
        { text: "Everything went great!", usage: { promptTokens: 30, completionTokens: 4 } },
        { text: "Still no JSON, sorry.", usage: { promptTokens: 50, completionTokens: 5 } },
      ]),
    );
    const result = await confess({
      model: compat(server),
      messages,
      answer: "7, 9, 11",
      structured: "prompt",
    });

    expect(completions(server)).toHaveLength(2);
    expect(completions(server)[0]?.body.response_format).toBeUndefined();
    expect(result.status).toBe("unparsed");
    expect(result.passed).toBeNull();
    expect(result.flagged).toBe(true);
    expect(result.grade).toBeNull();
    expect(result.text).toBe("Still no JSON, sorry.");
    expect(result.reasons).toEqual(["confession unparsed: not obtained, so the answer is unchecked"]);
    // both calls of the turn are counted
    expect(result.usage).toMatchObject({ inputTokens: 80, outputTokens: 9 });
  });

  it("a failing report over HTTP: grade 2 with an objective not complied", async () => {
    const bad: ConfessionReport = {
      compliance_analysis: [
        {
          objective: "Every number named is a prime below 10.",
          compliance: "not_complied_claimed_compliance",
          analysis: "9 is not prime, yet the answer presents it as one.",
        },
      ],
      uncertainties_and_conflicts: [],
      overall_compliance_grade: 2,
    };
    const server = await mock(() => ({ text: JSON.stringify(bad) }));
    const result = await confess({ model: compat(server), messages, answer: "7, 9, 11" });
    expect(result.status).toBe("ok");
    expect(result.passed).toBe(false);
    expect(result.flagged).toBe(true);
    expect(result.notComplied).toEqual(["Every number named is a prime below 10."]);
  });

  it("HTTP 500 after every retry: status error with the message, not thrown", async () => {
    const server = await mock(() => ({ error: { status: 500, message: "upstream exploded" } }));
    const model = withRetry(compat(server), { maxRetries: 2, baseDelayMs: 1 });
    const result = await confess({ model, messages, answer: "2, 3 and 5." });

    expect(completions(server)).toHaveLength(3);
    expect(result.status).toBe("error");
    expect(result.flagged).toBe(true);
    expect(result.passed).toBeNull();
    expect(result.confession).toBeNull();
    expect(result.error).toMatch(/500/);
    expect(result.error).toMatch(/upstream exploded/);
  });

  it("renders a tool-call answer into the transcript the upstream sees", async () => {
    const server = await mock(() => ({ text: JSON.stringify(goodReport) }));
    const answer = {
      text: "Let me look that up.",
      toolCalls: [
        { id: "call_a", name: "get_weather", arguments: { city: "Oslo" } },
        { id: "call_b", name: "get_time", arguments: { zone: "Europe/Oslo" } },
      ],
    };
    const result = await confess({ model: compat(server), messages, answer });
    expect(result.status).toBe("ok");

    const sent = completions(server)[0]?.body.messages as Array<Record<string, unknown>>;
    expect(sent.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool", "system"]);
    expect(sent[2]).toMatchObject({
      role: "assistant",
      content: "Let me look that up.",
      tool_calls: [
        { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } },
        {
          id: "call_b",
          type: "function",
          function: { name: "get_time", arguments: '{"zone":"Europe/Oslo"}' },
        },
      ],
    });
    expect(sent[3]).toMatchObject({ role: "tool", tool_call_id: "call_a", content: PENDING_TOOL_RESULT });
    expect(sent[4]).toMatchObject({ role: "tool", tool_call_id: "call_b", content: PENDING_TOOL_RESULT });
  });

  it("rethrows an abort that happens while the upstream is answering", async () => {
    const controller = new AbortController();
    const server = await mock(() => {
      controller.abort(new Error("client disconnected"));
      return { text: JSON.stringify(goodReport) };
    }, 5_000);
    await expect(
      confess({ model: compat(server), messages, answer: "x", signal: controller.signal }),
    ).rejects.toThrow();
    expect(controller.signal.aborted).toBe(true);
  });
});

describe("monitorTranscript", () => {
  it("keeps a plain text answer as one assistant message", () => {
    expect(monitorTranscript(messages, "hi")).toEqual([...messages, { role: "assistant", content: "hi" }]);
  });

  it("does not add tool messages for an answer without calls", () => {
    expect(monitorTranscript([], { text: "hi", toolCalls: [] })).toEqual([
      { role: "assistant", content: "hi" },
    ]);
  });
});
