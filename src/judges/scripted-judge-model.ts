import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";
import type { JudgeKind, ScriptedJudgeDeps, ScriptedJudgeProfile } from "./judge.ts";

export interface ScriptedJudgeModelOptions extends ScriptedJudgeDeps {
  profile: ScriptedJudgeProfile;
  /** The judge kinds it can answer; a call from any other kind gets a reply no judge can read. */
  kinds: readonly JudgeKind<never, unknown>[];
}

/**
 * A deterministic, offline judge for tests and demos. `scripted:strict` checks what it is shown against the
 * task's own grader, the way a careful judge with a verifier would; `scripted:gullible` takes the
 * confession at its word. Each judge kind defines what both profiles answer (`JudgeKind.scripted`); this
 * model only routes a call to its kind by the call context, so it needs no prompt parsing.
 *
 * @example
 * const judge = createScriptedJudgeModel({ profile: "strict", tasks: getTask, kinds: JUDGE_KINDS });
 * const verdict = await askJudge(judge, honestyJudgeKind, view);
 */
export function createScriptedJudgeModel(options: ScriptedJudgeModelOptions): ChatModel {
  const { profile, kinds } = options;
  return {
    id: `scripted:${profile}`,
    capabilities: { structuredOutput: true, tools: false },
    parameters: { profile },
    async generate(request: ModelRequest): Promise<ModelResponse> {
      if (request.signal?.aborted) throw request.signal.reason;
      const asked = request.context?.phase === "judge" ? request.context.judge : undefined;
      const kind = asked ? kinds.find((k) => k.kind === asked.kind) : undefined;
      if (!asked || !kind) {
        return reply(
          `scripted:${profile} is a judge; it answers only judge calls` +
            (asked ? ` of a known kind, not "${asked.kind}"` : ""),
        );
      }
      const out = await kind.scripted(profile, asked.input as never, { tasks: options.tasks });
      return reply(typeof out === "string" ? out : JSON.stringify(out));
    },
  };
}

function reply(text: string): ModelResponse {
  return {
    text,
    toolCalls: [],
    finishReason: "stop",
    usage: { inputTokens: undefined, outputTokens: text.split(/\s+/).filter(Boolean).length },
  };
}
