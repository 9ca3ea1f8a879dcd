import { UsageError } from "../errors/confess-error.ts";
import { createLabModel } from "../lab/model/lab-model.ts";
import type { Task } from "../tasks/task.ts";
import { createAiSdkModel } from "./ai-sdk-model.ts";
import type { ChatModel } from "./model.ts";
import { parseModelSpec } from "./model-spec.ts";
import { createScriptedModel, scriptedProfile } from "./scripted-model.ts";
import { withRetry } from "./with-retry.ts";

export interface CreateModelOptions {
  baseUrl?: string | undefined;
  temperature?: number | undefined;
  maxOutputTokens?: number | undefined;
  stream?: boolean | undefined;
  env?: Record<string, string | undefined>;
  /** Per-call timeout in milliseconds. */
  timeoutMs?: number;
  maxRetries?: number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Task lookup for scripted models. */
  tasks: (name: string) => Task | undefined;
}

/**
 * Builds a model from a spec string, wrapped in retries with backoff and a per-call timeout. `lab:<file>`
 * loads a lab checkpoint (a UsageError, exit 2, when the file is missing or not a checkpoint) and is not
 * wrapped.
 *
 * @example
 * const model = createModel("scripted:honest", { tasks: getTask });
 * const remote = createModel("openai-compatible:qwen3-8b", { baseUrl: "http://127.0.0.1:8000/v1", tasks: getTask });
 * const lab = createModel("lab:.confess/lab/run/step-0200.json", { tasks: getTask });
 */
export function createModel(spec: string, options: CreateModelOptions): ChatModel {
  const parsed = parseModelSpec(spec);
  if (!parsed.ok) throw new UsageError(parsed.error, "CONFESS_INVALID_MODEL_SPEC");
  // a local policy has no transient failures to retry, and unwrapped its `parameters` (the checkpoint's
  // hash) reach the response cache key
  if (parsed.value.provider === "lab") {
    return createLabModel(parsed.value.model, { temperature: options.temperature });
  }
  const base =
    parsed.value.provider === "scripted"
      ? createScriptedModel({ profile: scriptedProfile(parsed.value.model), tasks: options.tasks })
      : createAiSdkModel({
          spec,
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          ...(options.env ? { env: options.env } : {}),
          ...(options.stream ? { stream: true } : {}),
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.maxOutputTokens !== undefined ? { maxOutputTokens: options.maxOutputTokens } : {}),
        });
  return withRetry(base, {
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
}
