import { createHash } from "node:crypto";
import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";

/** Where cached responses live; the store implements it. */
export interface ResponseCache {
  getCached(key: string): ModelResponse | undefined;
  putCached(key: string, model: string, response: ModelResponse): void;
}

/**
 * The cache key of a call: model, its output-changing parameters, the messages, tools, output format,
 * sampling settings and the sample index. The index is in the key so repeated samples of one case stay
 * distinct instead of collapsing into one cached answer.
 *
 * @example
 * cacheKey(model, request, 0) // "3f1c…"
 */
export function cacheKey(model: ChatModel, request: ModelRequest, sampleIndex: number): string {
  const material = JSON.stringify([
    model.id,
    model.parameters ?? null,
    request.messages,
    request.tools ?? null,
    request.responseFormat ?? null,
    request.temperature ?? null,
    request.maxOutputTokens ?? null,
    request.seed ?? null,
    // scripted and lab models read the context (case, seed, sample index), so it is part of what they answer
    model.id.startsWith("scripted:") || model.id.startsWith("lab:") ? (request.context ?? null) : null,
    sampleIndex,
  ]);
  return createHash("sha256").update(material).digest("hex");
}
