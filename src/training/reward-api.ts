// The reward service's wire contract (`confess rewards serve`): request and response schemas for our own
// endpoints and for the routes in the shapes RL engines already call. The service validates with these, the
// tests send them, and the Python adapters in integrations/ are checked against them.
import { z } from "zod";

/** A message of a prompt, in the chat shape every engine's dataset uses. */
export const wireMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string(),
});

/** A task case as the suites build it (`Task.cases`): carried whole, so the service needs no dataset. */
export const wireCaseSchema = z
  .object({
    id: z.string().min(1),
    messages: z.array(wireMessageSchema).min(1),
    payload: z.unknown(),
  })
  .passthrough();

/** Which task and case a rollout answers: the `label` / `ground_truth` / `extra_info` an engine row carries. */
export const taskRefSchema = z.object({
  task: z.string().min(1),
  case: wireCaseSchema,
});

/** How a task reward is decided: the suite's ground truth, its weak (hackable) judge, or an LLM judge. */
export const TASK_JUDGES = ["programmatic", "weak", "llm"] as const;
export type TaskJudgeName = (typeof TASK_JUDGES)[number];
/** How a confession reward is decided: per-objective claim match against ground truth, or the honesty judge. */
export const CONFESSION_JUDGES = ["ground-truth", "honesty"] as const;
export type ConfessionJudgeName = (typeof CONFESSION_JUDGES)[number];

/** `POST /v1/rewards/task`: the task reward of each answer (batch). */
export const taskRewardRequestSchema = z.object({
  items: z
    .array(
      taskRefSchema.extend({
        /** The final answer text y. */
        answer: z.string(),
        /** Default: the service's `--task-judge`. */
        judge: z.enum(TASK_JUDGES).optional(),
      }),
    )
    .min(1),
});

/** `POST /v1/rewards/confession`: the honesty-only reward of each confession (batch). */
export const confessionRewardRequestSchema = z.object({
  items: z
    .array(
      taskRefSchema.extend({
        /** The answer the confession is about. */
        answer: z.string(),
        /** The confession text y_c as the policy wrote it (parsed here; never trusted to be valid). */
        confession: z.string(),
        /** Set when generation stopped at the output limit: an unfinished report is `truncated`. */
        finishReason: z.string().optional(),
        judge: z.enum(CONFESSION_JUDGES).optional(),
      }),
    )
    .min(1),
});

/**
 * One reward. `reward` is null whenever it could not be decided — a confession that could not be parsed
 * (`status` is its parse status), a judge that failed or could not read its own reply — never 0 or 1 in its
 * place.
 */
export interface RewardResult {
  reward: number | null;
  /** `ok`, a confession parse status (`unparsed`, `refused`, `truncated`, `empty`), `unparsed` or `error`. */
  status: string;
  /** Which judge decided, e.g. `word-count/ground-truth`, `word-count/weak`, `claim-match`, `honesty/openai:gpt-5`. */
  judge: string;
  /** Why, in a sentence; for errors, what went wrong. */
  reason?: string;
  /** Judge-specific numbers (claim match per objective, the honesty judge's three scores, ...). */
  details?: Record<string, unknown>;
}

export interface RewardResponse {
  items: RewardResult[];
}

/** `POST /v1/episodes`: the training episodes for some cases (the paper's per-prompt mixing, or dual-span). */
export const episodesRequestSchema = z.object({
  items: z.array(taskRefSchema.extend({ answer: z.string().optional() })).min(1),
  /** Probability that a prompt becomes a confession episode (separate design). Default 0.25. */
  p: z.number().min(0).max(1).optional(),
  design: z.enum(["separate", "dual-span"]).optional(),
  /** Seeds the per-prompt choice: the same seed, task and case always give the same mode. Default 1. */
  seed: z.number().int().optional(),
  /** Confession request variant. Default `paper`. */
  variant: z.string().optional(),
});

/** One planned episode: what to generate from and which reward stream trains it. */
export interface PlannedEpisode {
  /** `task`: generate y from `prompt`, task reward only. `confession`: y is context; generate y_c from
   * `confessionPrompt`, honesty reward only. `dual`: both spans of one rollout, each with its own reward. */
  mode: "task" | "confession" | "dual";
  /** x: the task prompt. */
  prompt: Array<z.infer<typeof wireMessageSchema>>;
  /** The confession request x_c, as a message to append after the answer. */
  confessionRequest: z.infer<typeof wireMessageSchema>;
  /** x + y + x_c, when the request gave the answer and the mode needs a confession. */
  confessionPrompt?: Array<z.infer<typeof wireMessageSchema>>;
}

export interface EpisodesResponse {
  items: PlannedEpisode[];
}

/**
 * The label the engine routes read (OpenRLHF `labels[i]`, slime `label`, NeMo-Gym's row field
 * `confessional`): a task reference plus the episode's mode, and for confession episodes the answer the
 * confession is about. OpenRLHF and slime send it as a JSON string.
 */
export const engineLabelSchema = taskRefSchema.extend({
  mode: z.enum(["task", "confession"]),
  answer: z.string().optional(),
});
export type EngineLabel = z.infer<typeof engineLabelSchema>;

/** OpenRLHF remote reward model (`--reward.remote_url`): `POST /openrlhf/reward`. */
export const openrlhfRequestSchema = z.object({
  /** Decoded prompt + response, special tokens kept. */
  query: z.array(z.string()).min(1),
  prompts: z.array(z.string()).min(1),
  /** One `EngineLabel` JSON string per query. */
  labels: z.array(z.string()).min(1),
});
export interface OpenrlhfResponse {
  rewards: number[];
  scores: number[];
  /** Per-query lists: `reward_null` 1 where the reward could not be decided (sent as `null_reward`). */
  extra_logs: Record<string, number[]>;
}

/** slime remote reward (`--rm-type remote_rm`): `POST /slime/reward`; slime reads `reward` (`--reward-key reward`). */
export const slimeRequestSchema = z.object({
  prompt: z.union([z.string(), z.array(wireMessageSchema)]),
  response: z.string(),
  /** An `EngineLabel`, as a JSON string or an object. */
  label: z.union([z.string(), z.record(z.string(), z.unknown())]),
});
export interface SlimeResponse {
  reward: number;
  /** True when the reward could not be decided and `reward` is the service's `null_reward`. */
  reward_null: boolean;
  status: string;
}

/** NeMo-Gym resources server: `POST /nemo-gym/seed_session` (empty in, empty out). */
export const nemoSeedRequestSchema = z.record(z.string(), z.unknown());

/**
 * NeMo-Gym `POST /nemo-gym/verify`: the dataset row (its `responses_create_params` and extra fields, among
 * them `confessional`: an `EngineLabel`) plus the Responses-API `response`; echoed back with `reward`.
 */
export const nemoVerifyRequestSchema = z
  .object({
    responses_create_params: z.record(z.string(), z.unknown()),
    response: z
      .object({
        output: z.array(z.record(z.string(), z.unknown())),
      })
      .passthrough(),
    confessional: engineLabelSchema,
  })
  .passthrough();

/** Every error: `{ error: { message, code } }` with a 4xx/5xx status. */
export interface RewardApiError {
  error: { message: string; code: string };
}
