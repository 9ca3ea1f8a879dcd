import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { ConfessError, UsageError } from "../errors/confess-error.ts";
import { httpFetch } from "./http-fetch.ts";

export type AiSdkProvider = "openai" | "anthropic" | "openai-compatible";

export interface ProviderModelOptions {
  provider: AiSdkProvider;
  model: string;
  baseUrl?: string;
  apiKey?: string;
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

/** Where each provider's key comes from. openai-compatible servers often need none, so it is optional there. */
export const API_KEY_ENV: Record<AiSdkProvider, { name: string; required: boolean }> = {
  openai: { name: "OPENAI_API_KEY", required: true },
  anthropic: { name: "ANTHROPIC_API_KEY", required: true },
  "openai-compatible": { name: "OPENAI_COMPATIBLE_API_KEY", required: false },
};

/**
 * Builds the AI SDK language model for one provider, reading the key from `apiKey` or the environment.
 *
 * `openai` uses the Chat Completions API (`openai.chat(id)`, `/v1/chat/completions`), not the SDK's
 * default Responses API: it is what every OpenAI-compatible server and proxy speaks, and what the mock
 * server implements, so one wire format covers all three providers' tests and `--base-url` proxies.
 *
 * @throws ConfessError `CONFESS_MISSING_API_KEY` naming the variable; UsageError for openai-compatible
 *   without a base URL.
 * @example
 * const lm = createProviderModel({ provider: "openai", model: "gpt-5", env: process.env });
 */
export function createProviderModel(options: ProviderModelOptions): LanguageModel {
  const env = options.env ?? process.env;
  const keyInfo = API_KEY_ENV[options.provider];
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env[keyInfo.name]);
  if (keyInfo.required && apiKey === undefined) {
    throw new ConfessError(
      "CONFESS_MISSING_API_KEY",
      `${options.provider}:${options.model} needs an API key: set ${keyInfo.name} in the environment.`,
    );
  }
  const common = {
    ...(options.baseUrl !== undefined && { baseURL: options.baseUrl }),
    fetch: options.fetch ?? httpFetch,
  };

  switch (options.provider) {
    case "openai":
      return createOpenAI({ ...common, apiKey }).chat(options.model);
    case "anthropic":
      return createAnthropic({ ...common, apiKey })(options.model);
    case "openai-compatible": {
      if (options.baseUrl === undefined) {
        throw new UsageError(
          `openai-compatible:${options.model} needs the server's URL: pass --base-url (for example http://127.0.0.1:8000/v1).`,
        );
      }
      return createOpenAICompatible({
        ...common,
        baseURL: options.baseUrl,
        name: "openai-compatible",
        ...(apiKey !== undefined && { apiKey }),
        // Without it, streamed responses carry no token counts.
        includeUsage: true,
        // Sends response_format json_schema (not bare json_object) so servers can constrain decoding.
        supportsStructuredOutputs: true,
      }).chatModel(options.model);
    }
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
