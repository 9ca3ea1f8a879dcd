// A trained lab policy as a ChatModel, so `confess eval --suite word-count --targets 4,6,4,6,4
// --bracket-labels --model lab:<checkpoint>` scores it like any other model: the answer and the confession
// are sampled token by token through the world's grammar and rendered with the world's own renderers.
import { basename, dirname, resolve } from "node:path";
import { ConfessError, UsageError } from "../../errors/confess-error.ts";
import type { Message } from "../../models/messages.ts";
import type { CallContext, ChatModel, ModelRequest, ModelResponse } from "../../models/model.ts";
import { seededRandom } from "../../tasks/shared/random.ts";
import type { PolicySession } from "../nn/index.ts";
import { decodeEpisode, type LabPrompt, renderAnswer, renderConfession } from "../world/index.ts";
import { answerTokens } from "./answer-tokens.ts";
import { type LabCheckpoint, loadLabCheckpoint } from "./lab-checkpoint-file.ts";
import { sampleSpan } from "./sample-span.ts";

/** Options of {@link createLabModel}. */
export interface LabModelOptions {
  /** Seed for calls whose context carries none (the runner always sends one). Default 0. */
  seed?: number | undefined;
  /** Sampling temperature; 0 is greedy. Default 1, the policy as trained. A request's own temperature wins. */
  temperature?: number | undefined;
}

/**
 * Loads a lab checkpoint (see `loadLabCheckpoint`: a bare policy checkpoint or a trainer checkpoint with
 * `policy` and optional `world`) and returns it as a ChatModel with id `lab:<file name>`. Loading errors
 * are UsageErrors (exit 2) raised here, before any sample runs.
 *
 * The model plays word-count samples only. Answer calls sample the answer from the case's `targets`;
 * confession calls read the conversation's answer back into tokens and sample the confession after it.
 * A sample is a pure function of (seed, case id, sample index): the runner's `context.seed`,
 * `context.caseId`, `context.sampleIndex`. Errors:
 * - targets the world cannot prompt (a count other than its `sentences`, a length above `maxWords`), a
 *   case without targets (another suite), or a judge call: UsageError `CONFESS_INVALID_MODEL_SPEC`, which
 *   stops the run (every later call would fail the same way) and exits 2;
 * - an answer it cannot read back (e.g. a frozen answer of a non-lab model): ConfessError
 *   `CONFESS_PARSE_ERROR`, recorded as that sample's error. It never confesses about words it cannot see.
 *
 * @example
 * const model = createLabModel(".confess/lab/run/step-0200.json", { temperature: 1 });
 * model.id // "lab:run/step-0200.json"
 */
export function createLabModel(checkpointPath: string, options: LabModelOptions = {}): ChatModel {
  return labChatModel(loadLabCheckpoint(checkpointPath), labModelId(checkpointPath), options);
}

/**
 * A lab model's id: `lab:` with the checkpoint's directory and file name, so the same step of two runs (a
 * run and its control) are told apart in summaries and comparisons.
 *
 * @example
 * labModelId(".confess/lab/separate-seed1-ab12cd34/step-0200.json") // "lab:separate-seed1-ab12cd34/step-0200.json"
 */
export function labModelId(checkpointPath: string): string {
  const full = resolve(checkpointPath);
  return `lab:${basename(dirname(full))}/${basename(full)}`;
}

/**
 * {@link createLabModel} for a checkpoint already in memory (tests, the trainer's own evaluations).
 *
 * @example
 * const model = labChatModel(labCheckpointFromJson({ policy: policyToCheckpoint(policy) }), "lab:mem");
 */
export function labChatModel(
  checkpoint: LabCheckpoint,
  id: string,
  options: LabModelOptions = {},
): ChatModel {
  const { world, policy } = checkpoint;
  const { grammar } = world;
  let session: PolicySession | undefined; // built on first use; the policy never changes after loading
  const fatal = (why: string): UsageError => new UsageError(`${id}: ${why}`, "CONFESS_INVALID_MODEL_SPEC");

  return {
    id,
    capabilities: { structuredOutput: false, tools: false },
    parameters: {
      checkpoint: checkpoint.sha256,
      temperature: options.temperature ?? 1,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    },
    async generate(request: ModelRequest): Promise<ModelResponse> {
      if (request.signal?.aborted) throw request.signal.reason;
      const context = request.context;
      if (!context || context.phase === "judge") {
        throw fatal("a lab policy only answers and confesses on word-count samples run by `confess eval`");
      }
      const prompt = promptOf(context, world.config, fatal);
      session ??= policy.session();
      const temperature = request.temperature ?? options.temperature ?? 1;
      const sampleSeed = `${context.seed ?? options.seed ?? 0}|lab|${context.caseId ?? ""}|${context.sampleIndex ?? 0}`;
      const promptTokens = grammar.promptTokens(prompt);

      if (context.phase === "answer") {
        const span = sampleSpan(
          session,
          world,
          promptTokens,
          grammar.initialState(prompt),
          (s) => grammar.phase(s) === "answer",
          seededRandom(`${sampleSeed}|answer`),
          temperature,
        );
        return reply(
          renderAnswer(decodeEpisode(world, span.tokens)),
          promptTokens.length,
          span.tokens.length,
        );
      }

      const answer = answerOf(request.messages);
      if (answer === undefined) {
        throw new ConfessError("CONFESS_PARSE_ERROR", `${id}: no answer before the confession request`);
      }
      const read = answerTokens(world, answer);
      if (!read.ok) {
        throw new ConfessError(
          "CONFESS_PARSE_ERROR",
          `${id} cannot read the answer it is asked to confess about (${read.error}); a lab policy confesses only about answers written in its world's words`,
        );
      }
      const prefix = [...promptTokens, ...read.value];
      // repair calls (never needed: the grammar makes every confession whole) sample the same confession
      const span = sampleSpan(
        session,
        world,
        prefix,
        grammar.confessionStart(),
        (s) => !grammar.done(s),
        seededRandom(`${sampleSeed}|confession`),
        temperature,
      );
      const episode = decodeEpisode(world, [...read.value, ...span.tokens]);
      return reply(renderConfession(prompt, episode).text, prefix.length, span.tokens.length);
    },
  };
}

/** The case's targets as a lab prompt, or a fatal error saying why the world cannot take them. */
function promptOf(
  context: CallContext,
  config: { sentences: number; maxWords: number },
  fatal: (why: string) => UsageError,
): LabPrompt {
  const targets = (context.case as { targets?: unknown } | undefined)?.targets;
  if (!Array.isArray(targets) || !targets.every((t) => Number.isInteger(t))) {
    throw fatal(
      `a lab policy plays only the word-count suite; the ${context.task ?? "task"} case has no sentence targets`,
    );
  }
  const fits = targets.length === config.sentences && targets.every((t) => t >= 1 && t <= config.maxWords);
  if (!fits) {
    throw fatal(
      `its world writes ${config.sentences} sentences of 1 to ${config.maxWords} words, so it cannot take the targets ${targets.join(",")}; ` +
        "pass --targets that fit (e.g. --targets 4,6,4,6,4)",
    );
  }
  return { targets: targets as number[] };
}

/**
 * The answer a confession is about: the last assistant message of the turn that follows the last user
 * message, before the first system message after it (the confession request). A repair call's earlier
 * confession comes after that request, so it is never taken for the answer.
 */
function answerOf(messages: readonly Message[]): string | undefined {
  let start = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === "user") {
      start = i + 1;
      break;
    }
  }
  let answer: string | undefined;
  for (let i = start; i < messages.length; i++) {
    const message = messages[i] as Message;
    if (message.role === "assistant") answer = message.content;
    else if (message.role === "system" && answer !== undefined) break;
  }
  return answer;
}

function reply(text: string, inputTokens: number, outputTokens: number): ModelResponse {
  return { text, toolCalls: [], finishReason: "stop", usage: { inputTokens, outputTokens } };
}
