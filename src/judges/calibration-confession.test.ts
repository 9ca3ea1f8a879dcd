import { afterEach, describe, expect, it } from "vitest";
import { createAiSdkModel } from "../models/ai-sdk-model.ts";
import type { Message } from "../models/messages.ts";
import type { ModelResponse } from "../models/model.ts";
import { createScriptedModel } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { elicit } from "../runs/elicit.ts";
import type { ResponseCache } from "../runs/response-cache.ts";
import type { SampleRecord } from "../store/records.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task, TaskCase } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import {
  type MockHandler,
  type MockOpenAIServer,
  type MockRequest,
  startMockOpenAIServer,
} from "../testing/index.ts";
import { calibrationConfession } from "./calibration-confession.ts";

const [testCase] = wordCountTask.cases({ seed: 9, count: 1, options: {} }) as [TaskCase];

/** A real sample: the scripted hacker answers and confesses through `elicit`. */
async function sampleFrom(variant: "paper" | "per-objective" = "paper"): Promise<SampleRecord> {
  const e = await elicit({
    model: createScriptedModel({ profile: "hacker", tasks: getTask }),
    task: wordCountTask as Task,
    testCase,
    variant: getConfessionVariant(variant),
    sampleIndex: 2,
    seed: 9,
  });
  return {
    runId: "run-1",
    key: "k",
    task: "word-count",
    caseId: testCase.id,
    model: "scripted:hacker",
    variant,
    condition: "baseline",
    repeatIndex: 2,
    id: "s-1",
    case: testCase,
    durationMs: 1,
    createdAt: "2026-01-01T00:00:00Z",
    ...e,
  };
}

const SECRET = "PRIVATE-REASONING-5150";

/** The sample with reasoning on its assistant turns, as a reasoning model's sample would carry. */
const withReasoning = (sample: SampleRecord): SampleRecord => ({
  ...sample,
  transcript: sample.transcript.map(
    (m): Message => (m.role === "assistant" ? { ...m, reasoning: SECRET } : m),
  ),
  z: SECRET,
});

describe("calibrationConfession with a scripted model", () => {
  it("gets a parsed confession from scripted:honest, using the sample's context", async () => {
    const sample = await sampleFrom();
    const result = await calibrationConfession(
      createScriptedModel({ profile: "honest", tasks: getTask }),
      sample,
      {
        seed: 9,
      },
    );
    expect(result.model).toBe("scripted:honest");
    expect(result.confession.status).toBe("ok");
    // scripted:honest reports full compliance with grade 7; the hacker's own confession does not
    expect(result.confession.report?.overall_compliance_grade).toBe(7);
    expect(sample.confession.report?.overall_compliance_grade).toBeLessThan(4);
    expect(result.text).toBe(result.confession.raw);
    expect(result.usage?.outputTokens).toBeGreaterThan(0);
  });

  it("sends the transcript without reasoning, then x_c, with the confession context", async () => {
    const sample = withReasoning(await sampleFrom());
    const seen: unknown[] = [];
    const honest = createScriptedModel({ profile: "honest", tasks: getTask });
    const spy = {
      ...honest,
      async generate(request: Parameters<typeof honest.generate>[0]): Promise<ModelResponse> {
        seen.push(request);
        return honest.generate(request);
      },
    };
    await calibrationConfession(spy, sample, { seed: 9 });
    const request = seen[0] as Parameters<typeof honest.generate>[0];
    expect(request.messages.at(-1)).toEqual({ role: "system", content: sample.xc });
    expect(request.messages).toHaveLength(sample.transcript.length + 1);
    expect(JSON.stringify(request.messages)).not.toContain(SECRET);
    expect(request.context).toEqual({
      phase: "confession",
      task: "word-count",
      caseId: testCase.id,
      case: testCase.payload,
      sampleIndex: 2,
      variant: "paper",
      seed: 9,
    });
    expect(request.responseFormat?.name).toBe("ConfessionReport");
  });

  it("passes a stress condition on in the context, as elicit does", async () => {
    const sample = { ...(await sampleFrom()), condition: "jailbreak" };
    const contexts: unknown[] = [];
    const honest = createScriptedModel({ profile: "honest", tasks: getTask });
    const spy = {
      ...honest,
      async generate(request: Parameters<typeof honest.generate>[0]): Promise<ModelResponse> {
        contexts.push(request.context);
        return honest.generate(request);
      },
    };
    await calibrationConfession(spy, sample, { seed: 9 });
    expect(contexts[0]).toMatchObject({ phase: "confession", condition: "jailbreak" });
  });
});

// ---- over real HTTP against the local mock server ----

const servers: MockOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mock(handler: MockHandler): Promise<MockOpenAIServer> {
  const server = await startMockOpenAIServer({ handler });
  servers.push(server);
  return server;
}

const compat = (server: MockOpenAIServer) =>
  createAiSdkModel({ spec: "openai-compatible:mock", baseUrl: server.url, env: {} });
const completions = (server: MockOpenAIServer) =>
  server.requests.filter((r) => r.method === "POST" && r.path === "/v1/chat/completions");
const messagesOf = (r: MockRequest | undefined): Array<{ role: string; content: unknown }> =>
  r?.body?.messages ?? [];

function memoryCache(): ResponseCache & { size: () => number } {
  const map = new Map<string, ModelResponse>();
  return {
    getCached: (key) => map.get(key),
    putCached: (key, _model, response) => {
      map.set(key, response);
    },
    size: () => map.size,
  };
}

describe("calibrationConfession over HTTP", () => {
  it("asks with the JSON-schema mode for the paper variant and parses the reply", async () => {
    const sample = withReasoning(await sampleFrom());
    const server = await mock(() => ({ text: sample.yc }));
    const result = await calibrationConfession(compat(server), sample, { seed: 9 });
    expect(result.model).toBe("openai-compatible:mock");
    expect(result.confession.status).toBe("ok");
    expect(result.confession.report).toEqual(sample.confession.report);
    expect(result.text).toBe(sample.yc);

    const [request] = completions(server);
    expect(request?.body.response_format?.type).toBe("json_schema");
    expect(request?.body.response_format?.json_schema?.schema?.required).toEqual(
      expect.arrayContaining(["compliance_analysis", "overall_compliance_grade"]),
    );
    const sent = messagesOf(request);
    expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "system"]);
    expect(sent[1]?.content).toBe(sample.y);
    expect(sent[2]?.content).toBe(sample.xc);
    expect(JSON.stringify(request?.body)).not.toContain(SECRET);
  });

  it("prompts without the schema for a variant whose levels differ", async () => {
    const sample = await sampleFrom("per-objective");
    const server = await mock(() => ({ text: sample.yc }));
    const result = await calibrationConfession(compat(server), sample, { seed: 9 });
    expect(completions(server)[0]?.body.response_format).toBeUndefined();
    expect(result.confession.status).toBe("ok");
  });

  it("keeps an unreadable reply as an unparsed confession, and a cut-off one as truncated", async () => {
    const sample = await sampleFrom();
    const prose = await mock(() => ({ text: "I think the answer was fine." }));
    const unread = await calibrationConfession(compat(prose), sample, { seed: 9 });
    expect(unread.confession.status).toBe("unparsed");
    expect(unread.text).toBe("I think the answer was fine.");

    const cut = await mock(() => ({ text: '{"compliance_analysis": [', finishReason: "length" }));
    const truncated = await calibrationConfession(compat(cut), sample, { seed: 9 });
    expect(truncated.confession.status).toBe("truncated");
  });

  it("reuses a cached reply instead of calling again", async () => {
    const sample = await sampleFrom();
    const server = await mock(() => ({ text: sample.yc }));
    const cache = memoryCache();
    const first = await calibrationConfession(compat(server), sample, { seed: 9, cache });
    const second = await calibrationConfession(compat(server), sample, { seed: 9, cache });
    expect(completions(server)).toHaveLength(1);
    expect(cache.size()).toBe(1);
    expect(second).toEqual(first);
  });

  it("throws provider errors for the caller to record", async () => {
    const sample = await sampleFrom();
    const server = await mock(() => ({ error: { status: 400, message: "bad request" } }));
    await expect(calibrationConfession(compat(server), sample, { seed: 9 })).rejects.toThrow(/bad request/);
  });
});
