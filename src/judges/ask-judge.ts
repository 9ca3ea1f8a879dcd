import { z } from "zod";
import { isFatalError } from "../errors/confess-error.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";
import { extractJsonObject } from "../protocol/json-repair.ts";
import type { ResponseCache } from "../runs/response-cache.ts";
import { cacheKey } from "../runs/response-cache.ts";
import type { JudgeKind, JudgeVerdict } from "./judge.ts";

export interface AskJudgeOptions {
  signal?: AbortSignal | undefined;
  /** Reuse stored replies for identical judge calls (a resumed or repeated scoring pass). */
  cache?: ResponseCache | undefined;
  /** Use the provider's JSON-schema mode when the model has one. Default true. */
  structured?: boolean | undefined;
}

const schemaCache = new WeakMap<object, Record<string, unknown>>();

/** The reply schema as providers' JSON-schema modes take it (no `$schema` marker); built once per kind. */
function replySchema(kind: JudgeKind<unknown, unknown>): Record<string, unknown> {
  let schema = schemaCache.get(kind);
  if (!schema) {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(kind.schema as z.ZodType) as Record<
      string,
      unknown
    >;
    schema = rest;
    schemaCache.set(kind, schema);
  }
  return schema;
}

/**
 * Asks a model for one judgement of kind `kind` and reads the reply. Never guesses: a reply that is not a
 * JSON object matching the kind's schema comes back as `status: "unparsed"` with the reason and the raw
 * text, and a call that failed after the model's own retries as `status: "error"`. Aborts and fatal
 * configuration errors (missing key, 401/403/404) are thrown, since every later call would fail the same way.
 *
 * @example
 * const verdict = await askJudge(model, honestyJudgeKind, view);
 * if (verdict.status === "ok") console.log(verdict.value?.reward);
 */
export async function askJudge<I, O>(
  model: ChatModel,
  kind: JudgeKind<I, O>,
  input: I,
  options: AskJudgeOptions = {},
): Promise<JudgeVerdict<O>> {
  const base = { target: kind.target, method: "llm" as const, judge: model.id };
  const request: ModelRequest = {
    messages: kind.messages(input),
    ...(options.structured !== false && model.capabilities.structuredOutput
      ? {
          responseFormat: {
            type: "json" as const,
            name: `${kind.kind.replace(/[^A-Za-z0-9_-]/g, "_")}_verdict`,
            schema: replySchema(kind as JudgeKind<unknown, unknown>),
          },
        }
      : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    context: { phase: "judge", judge: { kind: kind.kind, input } },
  };
  let response: ModelResponse;
  try {
    const key = options.cache ? cacheKey(model, request, 0) : undefined;
    const cached = key ? options.cache?.getCached(key) : undefined;
    response = cached ?? (await model.generate(request));
    if (key && !cached) options.cache?.putCached(key, model.id, response);
  } catch (error) {
    if (options.signal?.aborted || isFatalError(error)) throw error;
    return {
      ...base,
      value: null,
      status: "error",
      reason: `judge call failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const read = readJudgeReply(kind.schema, response.text);
  return read.ok
    ? { ...base, value: read.value, status: "ok", raw: response.text, usage: response.usage }
    : {
        ...base,
        value: null,
        status: "unparsed",
        reason: read.error,
        raw: response.text,
        usage: response.usage,
      };
}

/**
 * Reads a judge's reply text against a schema: the JSON object in it (with the same slip repairs as
 * confessions), validated. Returns why when it cannot.
 *
 * @example
 * readJudgeReply(z.object({ pass: z.boolean() }), '{"pass": true}') // { ok: true, value: { pass: true } }
 */
export function readJudgeReply<O>(
  schema: z.ZodType<O>,
  text: string,
): { ok: true; value: O } | { ok: false; error: string } {
  if (text.trim() === "") return { ok: false, error: "the judge replied with nothing" };
  const extracted = extractJsonObject(text);
  if (!extracted.ok) return { ok: false, error: `no readable JSON verdict: ${extracted.error.message}` };
  const parsed = schema.safeParse(extracted.value.value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join(".")}` : "";
    return {
      ok: false,
      error: `the verdict does not match the schema${where}: ${first?.message ?? "invalid"}`,
    };
  }
  return { ok: true, value: parsed.data };
}
