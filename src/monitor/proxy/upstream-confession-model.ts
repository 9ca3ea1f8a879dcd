import { createOpenAI } from "@ai-sdk/openai";
import { createAiSdkModel } from "../../models/ai-sdk-model.ts";
import { httpFetch } from "../../models/http-fetch.ts";
import type { ChatModel } from "../../models/model.ts";
import { withRetry } from "../../models/with-retry.ts";
import { languageModelAsChatModel } from "../middleware-language-model.ts";
import type { MonitorApi } from "../monitor-types.ts";

/** Confession calls retry a couple of times; the answer is already with the client (or waiting). */
const CONFESSION_RETRIES = 2;

/**
 * The proxy's default confessing model: the client's own model on the upstream, asked over the API the
 * client used. A chat-completions request confesses over chat completions (`openai-compatible`, which
 * every OpenAI-compatible server speaks); a Responses request confesses over `/v1/responses`, so a model
 * that an upstream serves only there (OpenAI's newer models) still confesses. The upstream key is sent
 * only to the upstream; without one no `Authorization` header is sent at all.
 *
 * @example
 * const confessor = upstreamConfessionModel({ upstream: "http://127.0.0.1:8000/v1", timeoutMs: 60_000 });
 * const model = confessor("gpt-5-mini", "responses");
 */
export function upstreamConfessionModel(options: {
  upstream: string;
  upstreamKey?: string | undefined;
  timeoutMs: number;
}): (model: string, api: MonitorApi) => ChatModel {
  const retry = { maxRetries: CONFESSION_RETRIES, timeoutMs: options.timeoutMs };
  const key = options.upstreamKey ?? "";
  const responses = createOpenAI({
    baseURL: options.upstream,
    // the provider insists on a key; with none, the header it builds is taken off again below
    apiKey: key === "" ? "unused" : key,
    fetch: key === "" ? withoutAuthorization : httpFetch,
  });
  return (model, api) =>
    withRetry(
      api === "responses"
        ? languageModelAsChatModel(responses.responses(model))
        : createAiSdkModel({
            spec: `openai-compatible:${model}`,
            baseUrl: options.upstream,
            env: { OPENAI_COMPATIBLE_API_KEY: options.upstreamKey },
          }),
      retry,
    );
}

/** Sends a provider call without its `Authorization` header (an upstream that takes no key). */
const withoutAuthorization: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.delete("authorization");
  return httpFetch(input, { ...init, headers: Object.fromEntries(headers) });
};
