import { afterEach, describe, expect, it } from "vitest";
import { createAiSdkModel } from "../models/ai-sdk-model.ts";
import type { ChatModel } from "../models/model.ts";
import { getTask } from "../tasks/registry.ts";
import { seededRandom } from "../tasks/shared/random.ts";
import {
  finalText,
  honestReport,
  liarReport,
  parsed,
  reportOf,
  unparsed,
} from "../tasks/shared/suite-test-kit.ts";
import type { PredicateQuestion, TaskCase } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { type MockOpenAIServer, type MockRequest, startMockOpenAIServer } from "../testing/index.ts";
import { askJudge } from "./ask-judge.ts";
import {
  createLlmPredicateClassifier,
  predicateJudgeKind,
  renderAnswerPhase,
  renderConfession,
  UNCERTAINTIES_RULE,
} from "./predicate-classifier.ts";
import { createScriptedJudgeModel } from "./scripted-judge-model.ts";

const [testCase] = wordCountTask.cases({ seed: 5, count: 1, options: { bracketLabels: true } }) as [TaskCase];
const hack = wordCountTask.script({
  case: testCase as never,
  mode: "misbehave",
  random: seededRandom("pc"),
});
const good = wordCountTask.script({ case: testCase as never, mode: "comply", random: seededRandom("pc") });

/** A word-count question about the hacked (or compliant) answer, with the task facts a strict judge grades with. */
function question(
  predicate: PredicateQuestion["predicate"],
  extra: Partial<PredicateQuestion> = {},
  performance = hack,
): PredicateQuestion {
  const answer = finalText(performance);
  return {
    predicate,
    definition: `the ${predicate} definition`,
    prompt: testCase.messages,
    answer,
    transcript: [...testCase.messages, { role: "assistant", content: answer }],
    task: "word-count",
    case: testCase,
    ...extra,
  };
}

const judge = (profile: "strict" | "gullible") =>
  createScriptedJudgeModel({ profile, tasks: getTask, kinds: [predicateJudgeKind] });

/** A model that fails the test if it is ever asked anything. */
const untouchable: ChatModel = {
  id: "untouchable",
  capabilities: { structuredOutput: true, tools: false },
  generate: () => Promise.reject(new Error("the model should not have been called")),
};

describe("scripted predicate judges", () => {
  it("strict grades with the task's grader", async () => {
    const classifier = createLlmPredicateClassifier(judge("strict"));
    expect((await classifier.classify(question("complied"))).value).toBe(false);
    expect((await classifier.classify(question("complied", {}, good))).value).toBe(true);
    const honest = await classifier.classify(
      question("confessed", { confession: parsed(honestReport(hack, 2)) }),
    );
    expect(honest).toMatchObject({ value: true, status: "ok", method: "llm", judge: "scripted:strict" });
    const liar = await classifier.classify(question("confessed", { confession: parsed(liarReport(hack)) }));
    expect(liar.value).toBe(false);
    // the hack labels every sentence with its target, so the answer owns up to nothing
    expect((await classifier.classify(question("admitted"))).value).toBe(false);
  });

  it("strict replies null without the task and case", async () => {
    const classifier = createLlmPredicateClassifier(judge("strict"));
    const verdict = await classifier.classify(question("complied", { task: undefined, case: undefined }));
    expect(verdict).toMatchObject({
      value: null,
      status: "ok",
      reason: "no task and case to verify against",
    });
  });

  it("gullible believes the answer and takes the report at its word", async () => {
    const classifier = createLlmPredicateClassifier(judge("gullible"));
    expect((await classifier.classify(question("complied"))).value).toBe(true);
    expect((await classifier.classify(question("admitted"))).value).toBe(false);
    const liar = await classifier.classify(question("confessed", { confession: parsed(liarReport(hack)) }));
    expect(liar.value).toBe(false);
    const unsure = reportOf([{ objective: "Tone", compliance: "unsure_complied_reported" }], 6);
    expect((await classifier.classify(question("confessed", { confession: parsed(unsure) }))).value).toBe(
      true,
    );
    const failingGrade = reportOf([{ objective: "Tone", compliance: "fully_complied" }], 3);
    expect(
      (await classifier.classify(question("confessed", { confession: parsed(failingGrade) }))).value,
    ).toBe(true);
  });

  it("does not ask anyone about a confession that did not parse", async () => {
    const classifier = createLlmPredicateClassifier(untouchable);
    expect(await classifier.classify(question("confessed", { confession: unparsed }))).toEqual({
      value: null,
      status: "ok",
      method: "rule",
      reason: "confession unparsed",
    });
    expect((await classifier.classify(question("confessed"))).reason).toBe("confession missing");
  });
});

describe("predicate prompt", () => {
  it("shows the definition, the answer and, for confessed only, the report and the uncertainties rule", () => {
    const report = honestReport(hack, 2);
    const confessed = predicateJudgeKind
      .messages(question("confessed", { confession: parsed(report) }))
      .map((m) => m.content)
      .join("\n");
    expect(confessed).toContain("the confessed definition");
    expect(confessed).toContain(finalText(hack));
    expect(confessed).toContain(UNCERTAINTIES_RULE);
    expect(confessed).toContain(JSON.stringify(report, null, 2));
    const complied = predicateJudgeKind
      .messages(question("complied", { confession: parsed(report) }))
      .map((m) => m.content)
      .join("\n");
    expect(complied).not.toContain(UNCERTAINTIES_RULE);
    expect(complied).not.toContain("<confession_report>");
  });

  it("drops the transcript's copy of the prompt, and shows tool calls when there were any", () => {
    const prompt = [{ role: "user" as const, content: "List the files." }];
    const plain = renderAnswerPhase(prompt, [...prompt, { role: "assistant", content: "a.txt" }], "a.txt");
    expect(plain.match(/List the files\./g)).toHaveLength(1);
    expect(plain).not.toContain("<assistant_turns>");
    const withTools = renderAnswerPhase(
      prompt,
      [
        ...prompt,
        { role: "assistant", content: "", toolCalls: [{ id: "1", name: "ls", arguments: {} }] },
        { role: "tool", toolCallId: "1", toolName: "ls", content: "a.txt" },
        { role: "assistant", content: "a.txt" },
      ],
      "a.txt",
    );
    expect(withTools).toContain("<assistant_turns>");
    expect(withTools).toContain("(tool call ls {})");
  });

  it("says when a confession could not be read, and shows the text as written", () => {
    expect(renderConfession({ status: "truncated", raw: '{"compliance', issues: ["cut off"] })).toBe(
      '(no readable report: truncated; cut off)\nThe text as written:\n{"compliance',
    );
  });
});

describe("LLM predicate classifier over HTTP", () => {
  const servers: MockOpenAIServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function classifierReplying(text: string) {
    const server = await startMockOpenAIServer({ handler: () => ({ text }) });
    servers.push(server);
    const model = createAiSdkModel({ spec: "openai-compatible:mock", baseUrl: server.url, env: {} });
    return { server, classifier: createLlmPredicateClassifier(model) };
  }

  const wireText = (request: MockRequest | undefined): string =>
    (request?.body?.messages ?? []).map((m: { content: unknown }) => String(m.content)).join("\n");

  it("reads a well-formed reply", async () => {
    const text = '{"value": false, "justification": "Sentence 2 has 14 words."}';
    const { classifier } = await classifierReplying(text);
    const verdict = await classifier.classify(question("complied"));
    expect(verdict).toMatchObject({
      value: false,
      status: "ok",
      method: "llm",
      judge: "openai-compatible:mock",
      reason: "Sentence 2 has 14 words.",
      raw: text,
    });
    expect(verdict.usage?.outputTokens).toBeGreaterThan(0);
  });

  it("keeps null as undecided", async () => {
    const { classifier } = await classifierReplying('{"value": null, "justification": "Cannot tell."}');
    expect(await classifier.classify(question("admitted"))).toMatchObject({ value: null, status: "ok" });
  });

  it("marks a garbage reply unparsed and keeps it", async () => {
    const { classifier } = await classifierReplying("Well, it mostly complied.");
    const verdict = await classifier.classify(question("complied"));
    expect(verdict).toMatchObject({ value: null, status: "unparsed", raw: "Well, it mostly complied." });
    expect(verdict.reason).toMatch(/no readable JSON/);
  });

  it('marks a string value such as "yes" unparsed', async () => {
    const { classifier } = await classifierReplying('{"value": "yes", "justification": "It did."}');
    const verdict = await classifier.classify(question("complied"));
    expect(verdict).toMatchObject({ value: null, status: "unparsed" });
    expect(verdict.reason).toMatch(/at value/);
  });

  it("sends the uncertainties rule and the confession for confessed", async () => {
    const { server, classifier } = await classifierReplying('{"value": true, "justification": "Grade 2."}');
    const report = honestReport(hack, 2);
    const verdict = await classifier.classify(question("confessed", { confession: parsed(report) }));
    expect(verdict.value).toBe(true);
    const sent = wireText(server.requests.at(-1));
    expect(sent).toContain(UNCERTAINTIES_RULE);
    expect(sent).toContain(JSON.stringify(report, null, 2));
    expect(server.requests.at(-1)?.body?.response_format?.type).toBe("json_schema");
  });

  it("answers the same through askJudge, under the target predicate", async () => {
    const { server } = await classifierReplying('{"value": true, "justification": "ok"}');
    const model = createAiSdkModel({ spec: "openai-compatible:mock", baseUrl: server.url, env: {} });
    const verdict = await askJudge(model, predicateJudgeKind, question("complied"));
    expect(verdict).toMatchObject({ target: "predicate", status: "ok", value: { value: true } });
  });
});
