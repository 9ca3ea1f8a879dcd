import { afterEach, describe, expect, it } from "vitest";
import type { ConfessionReport } from "../protocol/confession-report.ts";
import { getConfessionVariant, repairRequest } from "../protocol/confession-request.ts";
import { parseConfession } from "../protocol/parse-confession.ts";
import { elicit } from "../runs/elicit.ts";
import { seededRandom } from "../tasks/shared/random.ts";
import type { Task, TaskCase } from "../tasks/task.ts";
import type { WordCountPayload } from "../tasks/word-count/word-count-payload.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import {
  type MockHandler,
  type MockOpenAIServer,
  type MockReply,
  type MockRequest,
  replySequence,
  startMockOpenAIServer,
} from "../testing/index.ts";
import { createAiSdkModel } from "./ai-sdk-model.ts";
import type { RetryInfo } from "./with-retry.ts";
import { withRetry } from "./with-retry.ts";

const servers: MockOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mock(handler: MockHandler): Promise<MockOpenAIServer> {
  const server = await startMockOpenAIServer({ handler });
  servers.push(server);
  return server;
}

const [testCase] = wordCountTask.cases({ seed: 3, count: 1, options: {} }) as [TaskCase<WordCountPayload>];
const task = wordCountTask as Task;

/** A compliant paragraph and the honest report on it, from the task's own script. */
const scripted = wordCountTask.script({ case: testCase, mode: "comply", random: seededRandom("http") });
const answerText = (scripted.steps[0] as { text: string }).text;
const honestReport: ConfessionReport = {
  compliance_analysis: scripted.facts.map((f) => ({ ...f })),
  uncertainties_and_conflicts: [...scripted.uncertainties],
  overall_compliance_grade: 7,
};
const reportText = JSON.stringify(honestReport);

type WireMessage = { role: string; content: unknown };
const messagesOf = (request: MockRequest): WireMessage[] => request.body?.messages ?? [];
const completions = (server: MockOpenAIServer) =>
  server.requests.filter((r) => r.method === "POST" && r.path === "/v1/chat/completions");

/** Answers the task, then confesses: decided by whether the last message is a system message. */
function twoTurnHandler(confession: MockReply = { text: reportText }): MockHandler {
  return (request) => {
    const last = messagesOf(request).at(-1);
    return last?.role === "system" ? confession : { text: answerText };
  };
}

function compat(server: MockOpenAIServer, extra: { stream?: boolean; structuredOutput?: boolean } = {}) {
  return createAiSdkModel({ spec: "openai-compatible:mock", baseUrl: server.url, env: {}, ...extra });
}

describe("elicit over HTTP against the mock OpenAI server", () => {
  for (const stream of [false, true]) {
    it(`paper variant uses the JSON-schema mode (${stream ? "streamed over SSE" : "JSON"})`, async () => {
      const server = await mock(twoTurnHandler());
      const variant = getConfessionVariant("paper");
      const result = await elicit({
        model: compat(server, { stream }),
        task,
        testCase,
        variant,
        sampleIndex: 0,
        seed: 3,
      });

      const [answerReq, confessionReq] = completions(server);
      expect(completions(server)).toHaveLength(2);
      expect(answerReq?.body.model).toBe("mock");
      expect(answerReq?.body.response_format).toBeUndefined();
      expect(messagesOf(answerReq as MockRequest)).toEqual([
        { role: "user", content: testCase.messages[0]?.content },
      ]);

      expect(confessionReq?.body.response_format?.type).toBe("json_schema");
      expect(confessionReq?.body.response_format?.json_schema?.schema?.required).toEqual(
        expect.arrayContaining(["compliance_analysis", "overall_compliance_grade"]),
      );
      expect(Boolean(confessionReq?.body.stream)).toBe(stream);
      // the confession request is a system message in the middle of the conversation, after the answer
      const sent = messagesOf(confessionReq as MockRequest);
      expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "system"]);
      expect(sent[1]?.content).toBe(answerText);
      expect(sent[2]?.content).toBe(variant.build());

      expect(result.y).toBe(answerText);
      expect(result.xc).toBe(variant.build());
      expect(result.yc).toBe(reportText);
      expect(result.confession.status).toBe("ok");
      expect(result.confession.report).toEqual(honestReport);
      expect(result.confessionPath).toBe("json-schema");
      expect(result.turns.map((t) => t.phase)).toEqual(["answer", "confession"]);
      expect(result.turns[1]?.responseFormat).toBe("ConfessionReport");
      expect(result.usage.outputTokens).toBeGreaterThan(0);

      // the real grader agrees: the answer complied and the confession claims nothing missed
      const grade = wordCountTask.grade({
        case: testCase,
        answer: result.y,
        transcript: result.transcript,
        confession: result.confession,
      });
      expect(grade.complied.value).toBe("complied");
      expect(grade.confessed.value).toBe(false);
    });
  }

  it("without structured output, a prose reply gets one repair request, and a valid reply gives prompt+repair", async () => {
    const prose = "I believe I followed the instructions closely and every sentence was fine.";
    const server = await mock((request) => {
      const last = messagesOf(request).at(-1);
      if (last?.role !== "system") return { text: answerText };
      const isRepair = messagesOf(request).filter((m) => m.role === "system").length > 1;
      return { text: isRepair ? reportText : prose };
    });
    const variant = getConfessionVariant("paper");
    const result = await elicit({
      model: compat(server, { structuredOutput: false }),
      task,
      testCase,
      variant,
      sampleIndex: 1,
      seed: 3,
    });

    const reqs = completions(server);
    expect(reqs).toHaveLength(3);
    for (const r of reqs) expect(r.body.response_format).toBeUndefined();
    const repair = messagesOf(reqs[2] as MockRequest);
    expect(repair.map((m) => m.role)).toEqual(["user", "assistant", "system", "assistant", "system"]);
    expect(repair[2]?.content).toBe(variant.build());
    expect(repair[3]?.content).toBe(prose);
    // the repair request quotes why the first reply could not be read
    expect(repair[4]?.content).toBe(repairRequest(parseConfession(prose).issues));
    expect(String(repair[4]?.content)).toMatch(/^Your ConfessionReport could not be read/);

    expect(result.confessionPath).toBe("prompt+repair");
    expect(result.confession.status).toBe("ok");
    expect(result.confession.report).toEqual(honestReport);
    expect(result.yc).toBe(reportText);
    expect(result.turns.map((t) => t.phase)).toEqual(["answer", "confession", "confession-repair"]);
  });

  it("without structured output, a valid first reply needs no repair (path prompt)", async () => {
    const server = await mock(twoTurnHandler({ text: `Here it is:\n\`\`\`json\n${reportText}\n\`\`\`` }));
    const result = await elicit({
      model: compat(server, { structuredOutput: false }),
      task,
      testCase,
      variant: getConfessionVariant("paper"),
      sampleIndex: 0,
      seed: 3,
    });
    expect(completions(server)).toHaveLength(2);
    expect(result.confessionPath).toBe("prompt");
    expect(result.confession.status).toBe("ok");
  });

  it("an unstructured variant never uses the JSON-schema mode, even when the model has it", async () => {
    const fenced = `Verification:\n1. fine\n\n\`\`\`json\n${reportText}\n\`\`\``;
    const server = await mock(twoTurnHandler({ text: fenced }));
    const result = await elicit({
      model: compat(server),
      task,
      testCase,
      variant: getConfessionVariant("forced-verification"),
      sampleIndex: 0,
      seed: 3,
    });
    expect(completions(server)[1]?.body.response_format).toBeUndefined();
    expect(result.confessionPath).toBe("prompt");
    expect(result.confession.status).toBe("ok");
  });

  it("a 429 with Retry-After is retried through withRetry and the sample still completes", async () => {
    const server = await mock(
      replySequence([
        { error: { status: 429, message: "slow down", headers: { "retry-after": "1" } } },
        { text: answerText },
        { text: reportText },
      ]),
    );
    const retries: RetryInfo[] = [];
    const slept: number[] = [];
    const model = withRetry(compat(server), {
      baseDelayMs: 1,
      random: () => 0.5,
      sleep: async (ms) => {
        slept.push(ms);
      },
      onRetry: (info) => retries.push(info),
    });
    const result = await elicit({
      model,
      task,
      testCase,
      variant: getConfessionVariant("paper"),
      sampleIndex: 0,
      seed: 3,
    });

    expect(completions(server)).toHaveLength(3);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, error: { status: 429, retryAfterSeconds: 1 } });
    // the provider's Retry-After is a floor on the backoff
    expect(slept).toEqual([1000]);
    expect(result.y).toBe(answerText);
    expect(result.confessionPath).toBe("json-schema");
    expect(result.confession.status).toBe("ok");
    expect(result.turns.map((t) => t.phase)).toEqual(["answer", "confession"]);
  });

  it("a 503 is retried with real (short) waiting on the streamed path", async () => {
    const server = await mock(
      replySequence([
        { error: { status: 503, headers: { "retry-after-ms": "20" } } },
        { text: answerText },
        { text: reportText },
      ]),
    );
    const started = performance.now();
    const result = await elicit({
      model: withRetry(compat(server, { stream: true }), { baseDelayMs: 1, maxDelayMs: 1000 }),
      task,
      testCase,
      variant: getConfessionVariant("paper"),
      sampleIndex: 0,
      seed: 3,
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(15);
    expect(elapsed).toBeLessThan(5000);
    expect(completions(server)).toHaveLength(3);
    expect(result.confession.status).toBe("ok");
    expect(result.confessionPath).toBe("json-schema");
  });
});
