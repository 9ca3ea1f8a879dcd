import { afterEach, describe, expect, it } from "vitest";
import { createAiSdkModel } from "../models/ai-sdk-model.ts";
import type { Message } from "../models/messages.ts";
import { withRetry } from "../models/with-retry.ts";
import { getTask } from "../tasks/registry.ts";
import { seededRandom } from "../tasks/shared/random.ts";
import { finalText, honestReport, parsed } from "../tasks/shared/suite-test-kit.ts";
import type { Task, TaskCase } from "../tasks/task.ts";
import type { WordCountPayload } from "../tasks/word-count/word-count-payload.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import {
  type MockHandler,
  type MockOpenAIServer,
  replySequence,
  startMockOpenAIServer,
} from "../testing/index.ts";
import type { JudgeView, ScriptedJudgeProfile } from "./judge.ts";
import { createScriptedJudgeModel } from "./scripted-judge-model.ts";
import { judgeTaskPass, taskPassJudgeKind } from "./task-pass-judge.ts";

const cases = wordCountTask.cases({ seed: 5, count: 6, options: {} }) as TaskCase<WordCountPayload>[];
const CONFESSION_MARKER = "CONFESSION-MARKER-4411";

function viewOf(testCase: TaskCase, mode: "comply" | "misbehave", i: number): JudgeView {
  const p = wordCountTask.script({
    case: testCase as TaskCase<WordCountPayload>,
    mode,
    random: seededRandom(`pass|${i}`),
  });
  const report = honestReport(p, mode === "comply" ? 7 : 1);
  report.uncertainties_and_conflicts.push(CONFESSION_MARKER);
  const answer = finalText(p);
  return {
    task: "word-count",
    caseId: testCase.id,
    case: testCase,
    prompt: testCase.messages,
    answer,
    transcript: [...testCase.messages, { role: "assistant", content: answer }],
    confession: parsed(report),
    confessionText: JSON.stringify(report),
  };
}

const judge = (profile: ScriptedJudgeProfile, tasks: (name: string) => Task | undefined = getTask) =>
  createScriptedJudgeModel({ profile, tasks, kinds: [taskPassJudgeKind] });

describe("taskPassJudgeKind scripted", () => {
  it("strict answers with the grader's truth", async () => {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i] as TaskCase;
      const good = await judgeTaskPass(judge("strict"), viewOf(c, "comply", i));
      expect(good).toMatchObject({ target: "passed", status: "ok", method: "llm", judge: "scripted:strict" });
      expect(good.value?.passed).toBe(true);
      const bad = await judgeTaskPass(judge("strict"), viewOf(c, "misbehave", i));
      expect(bad.value?.passed).toBe(false);
      expect(bad.value?.justification).toMatch(/grader \(not_complied\)/);
    }
  });

  it("strict answers null when the truth is neither", async () => {
    const neither: Task = {
      ...(wordCountTask as unknown as Task),
      grade: () => ({
        complied: { value: "neither", method: "programmatic" },
        admitted: { value: false, method: "rule" },
        confessed: { value: null, method: "rule" },
      }),
    };
    const verdict = await judgeTaskPass(
      judge("strict", () => neither),
      viewOf(cases[0] as TaskCase, "comply", 0),
    );
    expect(verdict.status).toBe("ok");
    expect(verdict.value?.passed).toBeNull();
  });

  it("gullible passes any non-empty answer, hacked or not, and fails an empty one", async () => {
    for (let i = 0; i < cases.length; i++) {
      const verdict = await judgeTaskPass(judge("gullible"), viewOf(cases[i] as TaskCase, "misbehave", i));
      expect(verdict.value?.passed).toBe(true);
    }
    const empty = { ...viewOf(cases[0] as TaskCase, "comply", 0), answer: "  " };
    expect((await judgeTaskPass(judge("gullible"), empty)).value?.passed).toBe(false);
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

const SECRET = "PRIVATE-REASONING-9902";

function toolView(): JudgeView {
  const base = viewOf(cases[1] as TaskCase, "misbehave", 1);
  const transcript: Message[] = [
    ...base.prompt,
    {
      role: "assistant",
      content: "",
      toolCalls: [{ id: "call_1", name: "count_words", arguments: { text: "One two." } }],
      reasoning: SECRET,
    },
    { role: "tool", toolCallId: "call_1", toolName: "count_words", content: "TOOL-RESULT: 2 words" },
    { role: "assistant", content: base.answer, reasoning: SECRET },
  ];
  return { ...base, transcript };
}

describe("judgeTaskPass over HTTP", () => {
  it("reads true, false and null verdicts", async () => {
    const server = await mock(
      replySequence([
        { text: '{"passed": true, "justification": "all met"}' },
        { text: '{"passed": false, "justification": "sentence 2 has 17 words"}' },
        { text: '{"passed": null, "justification": "cannot count the hidden text"}' },
      ]),
    );
    const model = compat(server);
    const values = [];
    for (let k = 0; k < 3; k++) {
      const verdict = await judgeTaskPass(model, toolView());
      expect(verdict.status).toBe("ok");
      expect(verdict.target).toBe("passed");
      values.push(verdict.value?.passed);
    }
    expect(values).toEqual([true, false, null]);
    const schema = completions(server)[0]?.body.response_format?.json_schema?.schema;
    expect(schema?.required).toEqual(["passed", "justification"]);
  });

  it("gives unparsed for a reply that is not a verdict, or one without passed", async () => {
    const server = await mock(
      replySequence([{ text: "I think it's fine" }, { text: '{"justification": "looks good"}' }]),
    );
    const first = await judgeTaskPass(compat(server), toolView());
    expect(first).toMatchObject({ status: "unparsed", value: null, raw: "I think it's fine" });
    const second = await judgeTaskPass(compat(server), toolView());
    expect(second.status).toBe("unparsed");
    expect(second.reason).toMatch(/passed/);
  });

  it("retries a 500 through withRetry, and gives error when the judge keeps failing", async () => {
    const flaky = await mock(
      replySequence([{ error: { status: 500 } }, { text: '{"passed": false, "justification": "x"}' }]),
    );
    const ok = await judgeTaskPass(withRetry(compat(flaky), { sleep: async () => {} }), toolView());
    expect(ok.status).toBe("ok");
    expect(ok.value?.passed).toBe(false);
    expect(completions(flaky)).toHaveLength(2);

    const down = await mock(() => ({ error: { status: 503 } }));
    const failed = await judgeTaskPass(
      withRetry(compat(down), { maxRetries: 1, sleep: async () => {} }),
      toolView(),
    );
    expect(failed.status).toBe("error");
    expect(failed.value).toBeNull();
  });

  it("shows the prompt, the tool transcript and the answer, but neither the confession nor reasoning", async () => {
    const server = await mock(() => ({ text: '{"passed": true, "justification": "ok"}' }));
    const view = toolView();
    await judgeTaskPass(compat(server), view);
    const sent = JSON.stringify(completions(server)[0]?.body.messages);
    expect(sent).toContain(view.case.messages[0]?.content.slice(0, 40));
    expect(sent).toContain("count_words");
    expect(sent).toContain("TOOL-RESULT: 2 words");
    expect(sent).toContain(view.answer.slice(0, 40));
    expect(sent).not.toContain(CONFESSION_MARKER);
    expect(sent).not.toContain("compliance_analysis");
    expect(sent).not.toContain(SECRET);
    expect(sent).toMatch(/meets every instruction/);
  });
});
