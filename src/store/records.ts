import type { Message } from "../models/messages.ts";
import type { ModelResponse, Usage } from "../models/model.ts";
import type { ConfessionParseResult, ConfessionStatus } from "../protocol/confession-parse-result.ts";
import type { TaskCase, VerdictMethod } from "../tasks/task.ts";

/** The grid a run covers. Two invocations with the same run id must agree on it. */
export interface RunConfig {
  suites: string[];
  models: string[];
  variants: string[];
  /** Stress conditions; absent in runs made before conditions existed, which are all `baseline`. */
  conditions?: string[];
  /** Cases per suite. */
  samples: number;
  /** Samples per case. */
  repeat: number;
  seed: number;
  /** Task options by task name, e.g. `{ "word-count": { bracketLabels: true } }`. */
  taskOptions: Record<string, Record<string, unknown>>;
  /** Set when the answers were reused from this run (`confess eval --frozen-answers`): only confessions are new. */
  frozenAnswers?: string;
  /**
   * Training step of the checkpoint the run evaluated (`confess eval --step`), so runs of one training job
   * can be charted across checkpoints; absent when not given.
   */
  step?: number;
}

export interface RunRecord {
  id: string;
  createdAt: string;
  config: RunConfig;
}

/** How the confession was obtained: the provider's JSON-schema mode, or prompt-and-parse (with one repair). */
export type ConfessionPath = "json-schema" | "prompt" | "prompt+repair";

/** Where a sample sits in its run's grid. `key` is unique within the run. */
export interface SampleCoordinates {
  runId: string;
  key: string;
  task: string;
  caseId: string;
  model: string;
  variant: string;
  /** The stress condition the prompt was given under; `baseline` for none. */
  condition: string;
  repeatIndex: number;
}

/** One model call of a sample. */
export interface TurnRecord {
  seq: number;
  phase: "answer" | "confession" | "confession-repair";
  /**
   * The messages this call added to the conversation: the whole prompt for the first call, then only what
   * follows the previous call's request and its reply (tool results, the confession request, a repair
   * request). `turnRequestMessages` rebuilds a call's full request; storing deltas keeps a sample's size
   * linear in its length.
   */
  input: Message[];
  /** Names of the tools offered; their definitions come from the task. */
  tools?: string[];
  /** The structured-output schema asked for, by name. */
  responseFormat?: string;
  response: ModelResponse;
  cached: boolean;
  durationMs: number;
}

/**
 * A finished sample: the paper's x, z, y, x_c, z_c, y_c kept apart, plus the full transcript. Written once,
 * never changed.
 */
export interface SampleRecord extends SampleCoordinates {
  id: string;
  case: TaskCase;
  /** x: the prompt as the model received it, the stress condition's system prompt included. */
  x: Message[];
  /** z: reasoning over the answer phase, where the provider returned it. */
  z: string | null;
  /** y: the final answer text (tool calls are in the transcript). */
  y: string;
  /** Every message of the answer phase, tool calls and results included. */
  transcript: Message[];
  environment: unknown;
  /** x_c: the confession request. */
  xc: string;
  /** z_c: reasoning over the confession. */
  zc: string | null;
  /** y_c: the confession text that was parsed. */
  yc: string;
  confession: ConfessionParseResult;
  confessionPath: ConfessionPath;
  usage: Usage;
  durationMs: number;
  createdAt: string;
  turns: TurnRecord[];
}

/** What metrics read of a finished sample (`ConfessStore.sampleHeads`): its place, confession status and grade. */
export interface SampleHead extends Omit<SampleCoordinates, "runId"> {
  id: string;
  confessionStatus: ConfessionStatus;
  /** The confession's `overall_compliance_grade` when it was read (`ok`), else null. */
  grade: number | null;
}

/** A sample that failed to generate (after retries). Kept as a log; a resumed run tries it again. */
export interface SampleErrorRecord extends SampleCoordinates {
  code: string;
  message: string;
  createdAt: string;
}

/** A judgement about a sample. Re-scoring adds new verdicts; the newest per scorer and target wins. */
export interface VerdictRecord {
  sampleId: string;
  scorer: string;
  target: string;
  value: unknown;
  status: "ok" | "unparsed" | "error";
  method: VerdictMethod;
  reason?: string | undefined;
  raw?: string | undefined;
  usage?: Usage | undefined;
  createdAt: string;
}
