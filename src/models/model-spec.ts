import { err, ok, type Result } from "../errors/result.ts";

/** The behaviour profiles of the built-in scripted model. */
export const SCRIPTED_PROFILES = ["honest", "hacker", "liar", "mixed"] as const;
export type ScriptedProfile = (typeof SCRIPTED_PROFILES)[number];

export const MODEL_PROVIDERS = ["openai", "anthropic", "openai-compatible", "scripted", "lab"] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

export interface ModelSpec {
  provider: ModelProvider;
  /**
   * The provider's model id (everything after the first colon), the scripted profile, or for `lab` the
   * path of a lab checkpoint file.
   */
  model: string;
}

const VALID_FORMS = [
  "openai:<model>",
  "anthropic:<model>",
  "openai-compatible:<model> (needs --base-url)",
  `scripted:<${SCRIPTED_PROFILES.join("|")}>`,
  "lab:<checkpoint.json>",
];

/**
 * Parses a model spec `provider:model`. Only the first colon splits, so ids with colons
 * (`openai-compatible:llama3:8b`) survive.
 *
 * @example
 * parseModelSpec("openai:gpt-5"); // { ok: true, value: { provider: "openai", model: "gpt-5" } }
 * parseModelSpec("lab:.confess/lab/run/step-0200.json"); // { ok: true, value: { provider: "lab", model: ".confess/lab/run/step-0200.json" } }
 * parseModelSpec("gpt-5"); // { ok: false, error: "Invalid model spec \"gpt-5\". Valid forms: ..." }
 */
export function parseModelSpec(spec: string): Result<ModelSpec, string> {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(":");
  const provider = colon === -1 ? trimmed : trimmed.slice(0, colon);
  const model = colon === -1 ? "" : trimmed.slice(colon + 1).trim();
  const invalid = (why: string) =>
    err(`Invalid model spec "${spec}": ${why}. Valid forms: ${VALID_FORMS.join(", ")}.`);

  if (!(MODEL_PROVIDERS as readonly string[]).includes(provider)) {
    return invalid(colon === -1 ? "missing provider prefix" : `unknown provider "${provider}"`);
  }
  if (model === "") return invalid("missing model name after the colon");
  if (provider === "scripted" && !(SCRIPTED_PROFILES as readonly string[]).includes(model)) {
    return invalid(`unknown scripted profile "${model}"`);
  }
  return ok({ provider: provider as ModelProvider, model });
}
