// Episode records as the rows each RL engine's dataset loader reads. One JSON object per line, always.
import { UsageError } from "../errors/confess-error.ts";
import type { EpisodeDesign, EpisodeMessage, EpisodeRecord } from "./episode-record.ts";
import type { EngineLabel } from "./reward-api.ts";

export const EXPORT_FORMATS = ["jsonl", "trl", "verl", "openrlhf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Refuses a format that cannot carry a design: OpenRLHF gives one scalar reward per sample and spreads it
 * over every action token (reward-to-go), so a dual-span rollout there would put the confession reward on
 * the answer. Returns the reason, or null when the pair is fine.
 *
 * @example
 * formatDesignProblem("openrlhf", "dual-span"); // "OpenRLHF gives one reward per sample ..."
 */
export function formatDesignProblem(format: ExportFormat, design: EpisodeDesign): string | null {
  if (format === "openrlhf" && design === "dual-span") {
    return (
      "OpenRLHF gives one reward per sample and spreads it over every generated token, so a dual-span " +
      "rollout would leak the confession reward onto the answer; use --design separate with --format openrlhf"
    );
  }
  return null;
}

/**
 * The reward service's label for an episode (`engineLabelSchema`): the task and case, the mode, and for
 * confession episodes the answer the confession is about. Dual-span episodes get the task label here;
 * `confessionLabel` gives their confession label.
 *
 * @example
 * JSON.stringify(engineLabel(episode)); // '{"task":"word-count","case":{...},"mode":"task"}'
 */
export function engineLabel(episode: EpisodeRecord): EngineLabel {
  const base = { task: episode.task, case: wireCase(episode) };
  return episode.mode === "confession"
    ? { ...base, mode: "confession", ...(episode.answer === undefined ? {} : { answer: episode.answer }) }
    : { ...base, mode: "task" };
}

/**
 * The confession label of a dual-span episode, without the answer: the engine adapter adds the answer
 * span of its own rollout before asking for the confession reward.
 *
 * @example
 * confessionLabel(dualEpisode); // { task, case, mode: "confession" }
 */
export function confessionLabel(episode: EpisodeRecord): EngineLabel {
  return { task: episode.task, case: wireCase(episode), mode: "confession" };
}

// the wire schema's messages are role + content only
const wireCase = (episode: EpisodeRecord): EngineLabel["case"] => ({
  id: episode.case.id,
  messages: episode.case.messages.map((m) => ({ role: m.role, content: m.content })),
  payload: episode.case.payload,
});

/** The completion as chat messages: y, y_c, or y then x_c (system) then y_c. */
function completionMessages(episode: EpisodeRecord): EpisodeMessage[] {
  const span = (name: "answer" | "confession") => {
    const s = episode.spans.find((x) => x.name === name);
    return s ? episode.completion.slice(s.start, s.end) : "";
  };
  if (episode.mode === "task") return [{ role: "assistant", content: span("answer") }];
  if (episode.mode === "confession") return [{ role: "assistant", content: span("confession") }];
  return [
    { role: "assistant", content: span("answer") },
    { role: "system", content: episode.confessionRequest ?? "" },
    { role: "assistant", content: span("confession") },
  ];
}

const episodeInfo = (episode: EpisodeRecord) => ({
  episode_id: episode.id,
  group: episode.group,
  design: episode.design,
  mode: episode.mode,
  task: episode.task,
  case_id: episode.caseId,
});

/**
 * One engine row for an episode.
 *
 * - `jsonl`: the episode record itself.
 * - `trl`: `prompt` and `completion` as messages (GRPOTrainer's conversational format) and the reward
 *   columns `task_reward` / `confession_reward`, null where they do not apply (a TRL reward function may
 *   return None; a sample whose every function returns None gets advantage 0), plus `mode` and `label`
 *   (the EngineLabel JSON string the TRL adapter's reward functions send to the reward service).
 * - `verl`: `data_source`, `prompt`, `ability`, `reward_model: { style: "rule", ground_truth }` with the
 *   EngineLabel as a JSON string (one column type for every suite's payload in parquet), `extra_info`
 *   with the mode, rewards, advantages and spans (and `confession_label` for dual-span rows).
 * - `openrlhf`: `input` (messages, for `--input_key input --apply_chat_template`), `label` (the EngineLabel
 *   JSON string the remote reward route reads), the rewards and the mode.
 *
 * @example
 * exportRow(episode, "trl"); // { prompt: [...], completion: [...], task_reward: 1, confession_reward: null, mode: "task", ... }
 */
export function exportRow(episode: EpisodeRecord, format: ExportFormat): Record<string, unknown> {
  const problem = formatDesignProblem(format, episode.design);
  if (problem) throw new UsageError(problem);
  switch (format) {
    case "jsonl":
      return episode as unknown as Record<string, unknown>;
    case "trl":
      return {
        prompt: episode.prompt,
        completion: completionMessages(episode),
        task_reward: episode.rewards.task,
        confession_reward: episode.rewards.confession,
        ...episodeInfo(episode),
        task_advantage: episode.advantages.task,
        confession_advantage: episode.advantages.confession,
        // what the reward functions send to the reward service (integrations/trl)
        label: JSON.stringify(engineLabel(episode)),
      };
    case "verl":
      return {
        data_source: `confessional/${episode.task}`,
        prompt: episode.prompt,
        ability: episode.mode === "task" ? "task" : "confession",
        reward_model: { style: "rule", ground_truth: JSON.stringify(engineLabel(episode)) },
        extra_info: {
          ...episodeInfo(episode),
          rewards: episode.rewards,
          advantages: episode.advantages,
          spans: episode.spans,
          ...(episode.mode === "dual" ? { confession_label: JSON.stringify(confessionLabel(episode)) } : {}),
        },
      };
    case "openrlhf":
      return {
        input: episode.prompt,
        label: JSON.stringify(engineLabel(episode)),
        task_reward: episode.rewards.task,
        confession_reward: episode.rewards.confession,
        ...episodeInfo(episode),
      };
  }
}

/**
 * Writes episodes as lines of a format, one at a time, awaiting the sink (so a file stream's
 * back-pressure holds the producer). Returns how many lines were written.
 *
 * @example
 * await writeEpisodes(buildEpisodes(store, "r1"), "verl", (line) => io.stdout(line));
 */
export async function writeEpisodes(
  episodes: Iterable<EpisodeRecord>,
  format: ExportFormat,
  write: (line: string) => void | Promise<void>,
): Promise<number> {
  let lines = 0;
  for (const episode of episodes) {
    await write(`${JSON.stringify(exportRow(episode, format))}\n`);
    lines++;
  }
  return lines;
}
