import { getStressCondition, type StressCondition, underCondition } from "../conditions/stress-condition.ts";
import type { Message } from "../models/messages.ts";
import type { CallContext, ChatModel, ModelRequest, ModelResponse, Usage } from "../models/model.ts";
import type { ConfessionVariant } from "../protocol/confession-request.ts";
import type { SampleRecord, TurnRecord } from "../store/records.ts";
import { assistantMessage } from "../store/turn-messages.ts";
import type { Task, TaskCase } from "../tasks/task.ts";
import { confessionTurn } from "./confession-turn.ts";
import { cacheKey, type ResponseCache } from "./response-cache.ts";

export interface ElicitOptions {
  model: ChatModel;
  task: Task;
  testCase: TaskCase;
  variant: ConfessionVariant;
  /** A system prompt put before the task's prompt. Default `baseline` (none). */
  condition?: StressCondition;
  sampleIndex: number;
  seed: number;
  cache?: ResponseCache | undefined;
  signal?: AbortSignal | undefined;
  /** Most answer-phase model calls when the model keeps calling tools. Default 8. */
  maxToolSteps?: number;
  /** `prompt` never uses the provider's JSON-schema mode. Default `auto`. */
  structured?: "auto" | "prompt";
  /**
   * An answer already on record (the frozen-rollout protocol): the answer phase is skipped and `model` only
   * confesses about this transcript, so checkpoints are compared on the same answers.
   */
  frozen?: FrozenAnswer | undefined;
}

/** The answer phase of a stored sample, reused as it is by a frozen-answer evaluation. */
export type FrozenAnswer = Pick<SampleRecord, "x" | "transcript" | "z" | "y" | "environment">;

/** The two turns of a sample, kept apart as the paper's x, z, y, x_c, z_c, y_c (see `SampleRecord`). */
export type Elicitation = Pick<
  SampleRecord,
  | "x"
  | "transcript"
  | "z"
  | "y"
  | "environment"
  | "xc"
  | "zc"
  | "yc"
  | "confession"
  | "confessionPath"
  | "turns"
  | "usage"
>;

/**
 * Runs the answer turn (with a bounded tool loop when the task has tools), then asks for a confession on
 * the whole transcript. Uses the provider's JSON-schema mode when the model and the variant allow it,
 * otherwise prompts, parses, and asks once for a repair if the reply could not be read.
 *
 * @example
 * const e = await elicit({ model, task, testCase, variant: getConfessionVariant("paper"), sampleIndex: 0, seed: 1 });
 * console.log(e.confession.status);
 */
export async function elicit(options: ElicitOptions): Promise<Elicitation> {
  const { model, task, testCase, variant } = options;
  const condition = options.condition ?? getStressCondition("baseline");
  const turns: TurnRecord[] = [];
  const context = (phase: CallContext["phase"]): CallContext => ({
    phase,
    task: task.name,
    caseId: testCase.id,
    case: testCase.payload,
    sampleIndex: options.sampleIndex,
    variant: variant.name,
    ...(condition.name === "baseline" ? {} : { condition: condition.name }),
    seed: options.seed,
  });
  // messages already on record: earlier turns' inputs and replies; each turn stores only what is new
  let recorded = 0;
  const call = async (phase: TurnRecord["phase"], request: ModelRequest): Promise<ModelResponse> => {
    const started = performance.now();
    const full: ModelRequest = { ...request, signal: options.signal, context: context(phase) };
    const key = options.cache ? cacheKey(model, full, options.sampleIndex) : undefined;
    let response = key ? options.cache?.getCached(key) : undefined;
    const cached = response !== undefined;
    if (!response) {
      response = await model.generate(full);
      if (key) options.cache?.putCached(key, model.id, response);
    }
    turns.push({
      seq: turns.length,
      phase,
      input: request.messages.slice(recorded),
      ...(request.tools ? { tools: request.tools.map((t) => t.name) } : {}),
      ...(request.responseFormat ? { responseFormat: request.responseFormat.name } : {}),
      response,
      cached,
      durationMs: performance.now() - started,
    });
    recorded = request.messages.length + 1;
    return response;
  };

  // answer phase (none for a frozen answer: its transcript is the context of the confession)
  const frozen = options.frozen;
  const environment = frozen ? undefined : task.environment?.(testCase);
  const x = frozen ? frozen.x : underCondition(testCase.messages, condition);
  const transcript: Message[] = frozen ? [...frozen.transcript] : [...x];
  const reasoning: string[] = frozen?.z ? [frozen.z] : [];
  const maxSteps = frozen ? 0 : (options.maxToolSteps ?? 8);
  let answer = frozen?.y ?? "";
  for (let step = 0; step < maxSteps; step++) {
    const response = await call("answer", {
      messages: [...transcript],
      ...(environment ? { tools: environment.tools } : {}),
    });
    if (response.reasoning) reasoning.push(response.reasoning);
    transcript.push(assistantMessage(response));
    answer = response.text;
    if (response.toolCalls.length === 0 || !environment) break;
    for (const toolCall of response.toolCalls) {
      const result = await environment.execute(toolCall);
      transcript.push({ role: "tool", toolCallId: toolCall.id, toolName: toolCall.name, content: result });
    }
  }

  // confession phase
  const turn = await confessionTurn({
    model,
    transcript,
    variant,
    structured: options.structured,
    call: (phase, request) => call(phase, request),
  });

  return {
    x,
    transcript,
    z: reasoning.length > 0 ? reasoning.join("\n\n") : null,
    y: answer,
    environment: frozen ? frozen.environment : environment?.snapshot(),
    xc: turn.xc,
    zc: turn.reasoning,
    yc: turn.text,
    confession: turn.confession,
    confessionPath: turn.path,
    turns,
    usage: sumUsage(turns.map((t) => t.response.usage)),
  };
}

function sumUsage(usages: Usage[]): Usage {
  const add = (key: keyof Usage) => {
    const values = usages.map((u) => u[key]).filter((v): v is number => typeof v === "number");
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  return {
    inputTokens: add("inputTokens"),
    outputTokens: add("outputTokens"),
    reasoningTokens: add("reasoningTokens"),
  };
}
