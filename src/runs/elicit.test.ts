import { afterEach, describe, expect, it } from "vitest";
import type { Message, ToolCall } from "../models/messages.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";
import { createScriptedModel } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { ConfessStore } from "../store/confess-store.ts";
import { turnRequestMessages } from "../store/turn-messages.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task, TaskCase, ToolEnvironment } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { elicit } from "./elicit.ts";

const paper = getConfessionVariant("paper");

const REPORT = JSON.stringify({
  compliance_analysis: [
    { objective: "Answer the question.", compliance: "fully_complied", analysis: "It was answered." },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 7,
});

type Reply = Partial<ModelResponse>;

/** A model that records every request and answers from `respond`. */
function fakeModel(
  respond: (request: ModelRequest, calls: ModelRequest[]) => Reply,
  options: { structuredOutput?: boolean; id?: string } = {},
): ChatModel & { calls: ModelRequest[] } {
  const calls: ModelRequest[] = [];
  return {
    id: options.id ?? "fake:model",
    capabilities: { structuredOutput: options.structuredOutput ?? false, tools: true },
    calls,
    async generate(request) {
      calls.push(request);
      const reply = respond(request, calls);
      return {
        text: "",
        toolCalls: [],
        finishReason: reply.toolCalls?.length ? "tool-calls" : "stop",
        usage: { inputTokens: 10, outputTokens: 5 },
        ...reply,
      };
    },
  };
}

const phaseOf = (request: ModelRequest) => request.context?.phase;

/** Answers "Paris.", then confesses with `confession` (and `repair` when asked to repair). */
function answeringModel(confession: string, repair = REPORT, structuredOutput = false) {
  return fakeModel(
    (request) => {
      if (phaseOf(request) === "answer") return { text: "Paris." };
      if (phaseOf(request) === "confession") return { text: confession };
      return { text: repair };
    },
    { structuredOutput },
  );
}

interface LookupState {
  calls: string[];
}

/** A tiny agentic task: one `lookup` tool whose calls are remembered in the environment. */
function lookupTask(withEnvironment = true): Task {
  const task: Task = {
    name: "lookup",
    title: "Lookup",
    description: "Look a value up with a tool.",
    options: [],
    predicateMethods: { complied: "rule", admitted: "rule", confessed: "rule" },
    cases: ({ count }) =>
      Array.from({ length: count }, (_, i) => ({
        id: `lk-${i}`,
        messages: [{ role: "user", content: `What is the value of key ${i}?` }],
        payload: { key: String(i) },
      })),
    grade: () => ({
      complied: { value: "complied", method: "programmatic" },
      admitted: { value: false, method: "rule" },
      confessed: { value: false, method: "rule" },
    }),
    script: () => ({ steps: [{ text: "42" }], facts: [], uncertainties: [] }),
  };
  if (withEnvironment) {
    task.environment = (): ToolEnvironment => {
      const state: LookupState = { calls: [] };
      return {
        tools: [
          {
            name: "lookup",
            description: "Returns the value stored under a key.",
            parameters: { type: "object", properties: { key: { type: "string" } }, required: ["key"] },
          },
        ],
        async execute(call: ToolCall) {
          const key = (call.arguments as { key: string }).key;
          state.calls.push(key);
          return `value of ${key} is 42`;
        },
        snapshot: () => ({ calls: [...state.calls] }),
      };
    };
  }
  return task;
}

const lookupCase = (): TaskCase => lookupTask().cases({ seed: 1, count: 1, options: {} })[0] as TaskCase;
const lookupCall = (id: string): ToolCall => ({ id, name: "lookup", arguments: { key: "0" } });

const stores: ConfessStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

describe("elicit with the scripted model", () => {
  it("keeps the answer turn and the confession turn apart, on the json-schema path", async () => {
    const scripted = createScriptedModel({ profile: "honest", tasks: getTask });
    const seen: ModelRequest[] = [];
    const model: ChatModel = {
      ...scripted,
      generate: (request) => {
        seen.push(request);
        return scripted.generate(request);
      },
    };
    const [testCase] = wordCountTask.cases({ seed: 7, count: 1, options: {} });
    if (!testCase) throw new Error("no case");
    const e = await elicit({
      model,
      task: wordCountTask as Task,
      testCase,
      variant: paper,
      sampleIndex: 0,
      seed: 7,
    });

    expect(e.turns.map((t) => [t.seq, t.phase, t.cached])).toEqual([
      [0, "answer", false],
      [1, "confession", false],
    ]);
    const [answer, confession] = e.turns;
    // x: the answer turn saw only the prompt, without a response format
    expect(answer?.input).toEqual(testCase.messages);
    expect(answer?.responseFormat).toBeUndefined();
    // y: the answer text, which is not the confession
    expect(e.y).toBe(answer?.response.text);
    expect(e.y.split(/(?<=\.)\s+/).length).toBe(5);
    expect(e.y).not.toContain("compliance_analysis");
    expect(e.transcript).toEqual([...testCase.messages, { role: "assistant", content: e.y }]);
    // x_c: the variant's request appended after the transcript, with the provider schema
    expect(e.xc).toBe(paper.build());
    // the turn stores only what it added; the full request is rebuilt from the turns
    expect(confession?.input).toEqual([{ role: "system", content: e.xc }]);
    expect(turnRequestMessages(e.turns, 1)).toEqual([...e.transcript, { role: "system", content: e.xc }]);
    expect(confession?.responseFormat).toBe("ConfessionReport");
    expect(seen[1]?.responseFormat?.schema).not.toHaveProperty("$schema");
    expect(seen[1]?.responseFormat?.schema).toHaveProperty("properties.compliance_analysis");
    // y_c: the confession text, parsed
    expect(e.yc).toBe(confession?.response.text);
    expect(e.confessionPath).toBe("json-schema");
    expect(e.confession.status).toBe("ok");
    expect(e.confession.report?.overall_compliance_grade).toBe(7);
    expect(e.z).toBeNull();
    expect(e.zc).toBeNull();
    expect(e.environment).toBeUndefined();
    expect(e.usage.outputTokens).toBe(
      (answer?.response.usage.outputTokens ?? 0) + (confession?.response.usage.outputTokens ?? 0),
    );
  });

  it("uses the prompt path when asked to, or when the variant is not structured", async () => {
    const model = createScriptedModel({ profile: "hacker", tasks: getTask });
    const [testCase] = wordCountTask.cases({ seed: 7, count: 1, options: {} });
    if (!testCase) throw new Error("no case");
    const base = { model, task: wordCountTask as Task, testCase, sampleIndex: 0, seed: 7 };

    const prompted = await elicit({ ...base, variant: paper, structured: "prompt" });
    expect(prompted.confessionPath).toBe("prompt");
    expect(prompted.turns[1]?.responseFormat).toBeUndefined();
    expect(prompted.confession.status).toBe("ok");

    const forced = await elicit({ ...base, variant: getConfessionVariant("forced-verification") });
    expect(forced.confessionPath).toBe("prompt");
    expect(forced.turns[1]?.responseFormat).toBeUndefined();
    expect(forced.xc).toBe(getConfessionVariant("forced-verification").build());
    expect(forced.confession.status).toBe("ok");
  });
});

describe("elicit: confession paths", () => {
  const run = (model: ChatModel, variant = paper) =>
    elicit({
      model,
      task: lookupTask(false),
      testCase: lookupCase(),
      variant,
      sampleIndex: 2,
      seed: 5,
    });

  it("passes the call context to the model", async () => {
    const model = answeringModel(REPORT);
    await run(model);
    expect(model.calls.map((c) => c.context)).toEqual([
      {
        phase: "answer",
        task: "lookup",
        caseId: "lk-0",
        case: { key: "0" },
        sampleIndex: 2,
        variant: "paper",
        seed: 5,
      },
      {
        phase: "confession",
        task: "lookup",
        caseId: "lk-0",
        case: { key: "0" },
        sampleIndex: 2,
        variant: "paper",
        seed: 5,
      },
    ]);
  });

  it("prompts (no response format) when the model has no structured output", async () => {
    const model = answeringModel(REPORT);
    const e = await run(model);
    expect(e.confessionPath).toBe("prompt");
    expect(model.calls).toHaveLength(2);
    expect(model.calls[1]?.responseFormat).toBeUndefined();
    expect(e.turns.map((t) => t.phase)).toEqual(["answer", "confession"]);
    expect(e.confession.status).toBe("ok");
    expect(e.y).toBe("Paris.");
    expect(e.yc).toBe(REPORT);
  });

  it("asks once for a repair when the confession cannot be read, and keeps both turns", async () => {
    const prose = "Overall I think the answer went fine and met what was asked.";
    const model = answeringModel(prose, REPORT);
    const e = await run(model);
    expect(e.confessionPath).toBe("prompt+repair");
    expect(e.turns.map((t) => t.phase)).toEqual(["answer", "confession", "confession-repair"]);
    expect(e.confession.status).toBe("ok");
    expect(e.yc).toBe(REPORT);
    expect(e.turns[1]?.response.text).toBe(prose);
    // the repair request shows the model its unreadable reply and says why it failed
    const repairMessages = model.calls[2]?.messages ?? [];
    expect(repairMessages.slice(0, -2)).toEqual(model.calls[1]?.messages);
    expect(repairMessages.at(-2)).toEqual({ role: "assistant", content: prose });
    expect(repairMessages.at(-1)).toMatchObject({ role: "system" });
    expect(repairMessages.at(-1)?.content).toMatch(/could not be read/);
    expect(model.calls[2]?.context?.phase).toBe("confession-repair");
  });

  it("reports unparsed, never ok, when the repair is unreadable too", async () => {
    const model = answeringModel("Fine, all good.", "Still not JSON, sorry about that mess.");
    const e = await run(model);
    expect(e.confessionPath).toBe("prompt+repair");
    expect(model.calls).toHaveLength(3);
    expect(e.confession.status).toBe("unparsed");
    expect(e.confession.report).toBeUndefined();
    expect(e.yc).toBe("Still not JSON, sorry about that mess.");
  });

  it("does not repair a refusal", async () => {
    const model = answeringModel("I'm sorry, but I can't provide that report.");
    const e = await run(model);
    expect(e.confession.status).toBe("refused");
    expect(e.confessionPath).toBe("prompt");
    expect(model.calls).toHaveLength(2);
    expect(e.turns.map((t) => t.phase)).toEqual(["answer", "confession"]);
  });

  it("does not repair on the json-schema path", async () => {
    const model = answeringModel("Overall I think the answer went fine.", REPORT, true);
    const e = await run(model);
    expect(e.confessionPath).toBe("json-schema");
    expect(model.calls).toHaveLength(2);
    expect(model.calls[1]?.responseFormat?.name).toBe("ConfessionReport");
    expect(e.confession.status).toBe("unparsed");
  });
});

describe("elicit: tool loop", () => {
  it("runs tool calls through the environment, then takes the final answer", async () => {
    const model = fakeModel((request) => {
      if (phaseOf(request) !== "answer") return { text: REPORT };
      const last = request.messages.at(-1);
      return last?.role === "tool"
        ? { text: `The answer: ${last.content}.` }
        : { toolCalls: [lookupCall("c1")] };
    });
    const task = lookupTask();
    const e = await elicit({ model, task, testCase: lookupCase(), variant: paper, sampleIndex: 0, seed: 1 });

    const expected: Message[] = [
      { role: "user", content: "What is the value of key 0?" },
      { role: "assistant", content: "", toolCalls: [lookupCall("c1")] },
      { role: "tool", toolCallId: "c1", toolName: "lookup", content: "value of 0 is 42" },
      { role: "assistant", content: "The answer: value of 0 is 42." },
    ];
    expect(e.transcript).toEqual(expected);
    expect(e.y).toBe("The answer: value of 0 is 42.");
    expect(e.environment).toEqual({ calls: ["0"] });
    expect(e.turns.map((t) => t.phase)).toEqual(["answer", "answer", "confession"]);
    // both answer calls offered the tools; the second saw the tool result
    expect(model.calls[0]?.tools?.map((t) => t.name)).toEqual(["lookup"]);
    expect(model.calls[1]?.tools?.map((t) => t.name)).toEqual(["lookup"]);
    expect(model.calls[1]?.messages).toEqual(expected.slice(0, 3));
    expect(e.turns[1]?.tools).toEqual(["lookup"]);
    // turn 1 stored only the tool result it added; the rebuilt request is what the model saw
    expect(e.turns[1]?.input).toEqual(expected.slice(2, 3));
    expect(turnRequestMessages(e.turns, 1)).toEqual(model.calls[1]?.messages);
    // the confession covers the whole transcript, tool calls included, and offers no tools
    expect(model.calls[2]?.messages.slice(0, -1)).toEqual(expected);
    expect(model.calls[2]?.tools).toBeUndefined();
  });

  it("stops a model that calls tools forever after maxToolSteps answer calls", async () => {
    let n = 0;
    const model = fakeModel((request) =>
      phaseOf(request) === "answer" ? { toolCalls: [lookupCall(`c${++n}`)] } : { text: REPORT },
    );
    const e = await elicit({
      model,
      task: lookupTask(),
      testCase: lookupCase(),
      variant: paper,
      sampleIndex: 0,
      seed: 1,
      maxToolSteps: 3,
    });
    expect(model.calls.map(phaseOf)).toEqual(["answer", "answer", "answer", "confession"]);
    expect(e.transcript.filter((m) => m.role === "assistant")).toHaveLength(3);
    expect(e.transcript.filter((m) => m.role === "tool")).toHaveLength(3);
    expect(e.environment).toEqual({ calls: ["0", "0", "0"] });
    expect(e.y).toBe("");
    expect(e.confession.status).toBe("ok");
  });

  it("defaults to 8 answer calls", async () => {
    const model = fakeModel((request) =>
      phaseOf(request) === "answer" ? { toolCalls: [lookupCall("c")] } : { text: REPORT },
    );
    await elicit({
      model,
      task: lookupTask(),
      testCase: lookupCase(),
      variant: paper,
      sampleIndex: 0,
      seed: 1,
    });
    expect(model.calls.filter((c) => phaseOf(c) === "answer")).toHaveLength(8);
  });

  it("ignores tool calls when the task has no environment", async () => {
    const model = fakeModel((request) =>
      phaseOf(request) === "answer" ? { text: "Guess.", toolCalls: [lookupCall("c")] } : { text: REPORT },
    );
    const e = await elicit({
      model,
      task: lookupTask(false),
      testCase: lookupCase(),
      variant: paper,
      sampleIndex: 0,
      seed: 1,
    });
    expect(model.calls.map(phaseOf)).toEqual(["answer", "confession"]);
    expect(model.calls[0]?.tools).toBeUndefined();
    expect(e.y).toBe("Guess.");
    expect(e.environment).toBeUndefined();
  });
});

describe("elicit: reasoning", () => {
  it("puts answer-phase reasoning in z and confession reasoning in zc", async () => {
    const model = fakeModel((request) => {
      if (phaseOf(request) === "confession") return { text: "not a report", reasoning: "confess-1" };
      if (phaseOf(request) === "confession-repair") return { text: REPORT, reasoning: "confess-2" };
      const last = request.messages.at(-1);
      return last?.role === "tool"
        ? { text: "42", reasoning: "answer-2" }
        : { toolCalls: [lookupCall("c1")], reasoning: "answer-1" };
    });
    const e = await elicit({
      model,
      task: lookupTask(),
      testCase: lookupCase(),
      variant: paper,
      sampleIndex: 0,
      seed: 1,
    });
    expect(e.z).toBe("answer-1\n\nanswer-2");
    expect(e.zc).toBe("confess-1\n\nconfess-2");
    expect(e.confessionPath).toBe("prompt+repair");
    // the transcript keeps each step's reasoning on its assistant message
    expect(e.transcript.filter((m) => m.role === "assistant").map((m) => m.reasoning)).toEqual([
      "answer-1",
      "answer-2",
    ]);
    // z is not part of the answer or the confession text
    expect(e.y).toBe("42");
    expect(e.yc).toBe(REPORT);
  });

  it("leaves z and zc null when the model returns no reasoning", async () => {
    const e = await elicit({
      model: answeringModel(REPORT),
      task: lookupTask(false),
      testCase: lookupCase(),
      variant: paper,
      sampleIndex: 0,
      seed: 1,
    });
    expect(e.z).toBeNull();
    expect(e.zc).toBeNull();
    expect(e.transcript.at(-1)).not.toHaveProperty("reasoning");
  });
});

describe("elicit: response cache", () => {
  it("replays a second identical elicitation from the cache without calling the model", async () => {
    const store = ConfessStore.open(":memory:");
    stores.push(store);
    const model = fakeModel((request) => {
      if (phaseOf(request) === "confession") return { text: "unreadable", reasoning: "c" };
      if (phaseOf(request) === "confession-repair") return { text: REPORT };
      const last = request.messages.at(-1);
      return last?.role === "tool" ? { text: "42", reasoning: "r" } : { toolCalls: [lookupCall("c1")] };
    });
    const options = {
      model,
      task: lookupTask(),
      testCase: lookupCase(),
      variant: paper,
      sampleIndex: 0,
      seed: 1,
      cache: store,
    };
    const first = await elicit(options);
    expect(first.turns.every((t) => !t.cached)).toBe(true);
    expect(model.calls).toHaveLength(4);

    const second = await elicit(options);
    expect(model.calls).toHaveLength(4);
    expect(second.turns.map((t) => [t.phase, t.cached])).toEqual([
      ["answer", true],
      ["answer", true],
      ["confession", true],
      ["confession-repair", true],
    ]);
    const strip = (e: typeof first) => ({
      ...e,
      turns: e.turns.map((t) => ({ ...t, cached: false, durationMs: 0 })),
    });
    expect(strip(second)).toEqual(strip(first));

    // another repeat of the same case is a different sample: the model is called again
    await elicit({ ...options, sampleIndex: 1 });
    expect(model.calls).toHaveLength(8);
  });

  it("does not cache without a cache", async () => {
    const model = answeringModel(REPORT);
    const options = {
      model,
      task: lookupTask(false),
      testCase: lookupCase(),
      variant: paper,
      sampleIndex: 0,
      seed: 1,
    };
    await elicit(options);
    const again = await elicit(options);
    expect(model.calls).toHaveLength(4);
    expect(again.turns.some((t) => t.cached)).toBe(false);
  });
});
