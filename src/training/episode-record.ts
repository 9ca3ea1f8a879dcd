// The training episode record: one JSONL line per episode, the unit every export format is made from.
import type { Message } from "../models/messages.ts";
import type { AdvantageEstimator, StreamRewards } from "./group-advantages.ts";

/** Schema tag of every episode line. Bumped only when a field changes meaning. */
export const EPISODE_SCHEMA = "confessional.episode/1";

/** `separate`: the paper's design (one trained span per episode). `dual-span`: both spans in one rollout. */
export const EPISODE_DESIGNS = ["separate", "dual-span"] as const;
export type EpisodeDesign = (typeof EPISODE_DESIGNS)[number];

/**
 * Which reward stream trains the episode: `task` (y, task reward only), `confession` (y_c, honesty only;
 * the answer is prompt context) or `dual` (both spans, each with its own reward).
 */
export type EpisodeMode = "task" | "confession" | "dual";

/** A message as the engines' datasets carry it (OpenAI chat shape). */
export interface EpisodeMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
  name?: string;
}

/** A trained span of the completion: characters [start, end), and tokens [tokenStart, tokenEnd) with a tokenizer. */
export interface EpisodeSpan {
  name: "answer" | "confession";
  start: number;
  end: number;
  tokenStart?: number;
  tokenEnd?: number;
}

/** Why a reward is null (not applicable to this episode's mode, or undecided), per stream. */
export interface RewardReasons {
  task?: string;
  confession?: string;
}

/**
 * One training episode.
 *
 * @example
 * // a confession episode of the separate design, as one JSONL line:
 * // {"schema":"confessional.episode/1","id":"r1/word-count|wc-0001|m|paper|0#confession","mode":"confession",
 * //  "completion":"{\"compliance_analysis\":...}","spans":[{"name":"confession","start":0,"end":212}],
 * //  "rewards":{"task":null,"confession":0.8},"advantages":{"task":null,"confession":0.52}, ...}
 */
export interface EpisodeRecord {
  schema: typeof EPISODE_SCHEMA;
  /** `<sample id>#<mode>`: unique in an export. */
  id: string;
  run: string;
  /** The stored samples the episode was built from (one today: its rollout). */
  sampleIds: string[];
  task: string;
  caseId: string;
  model: string;
  condition: string;
  variant: string;
  repeatIndex: number;
  /** The case as the reward service reads it (`wireCaseSchema`): its own messages and its payload. */
  case: { id: string; messages: EpisodeMessage[]; payload: unknown };
  /** The prompt group (the GRPO group): every repeat of one (task, case, model, condition, variant). */
  group: string;
  design: EpisodeDesign;
  mode: EpisodeMode;
  /**
   * What the completion is generated from: x for task and dual episodes; for confession episodes the
   * answer phase (x, tool turns, y) plus the confession request x_c as a system message.
   */
  prompt: EpisodeMessage[];
  /** y (task), y_c (confession), or y + rendered x_c + y_c (dual). */
  completion: string;
  /** The answer y the confession is about: confession episodes only (it is part of their prompt). */
  answer?: string;
  /** x_c, the confession request as sent: confession and dual episodes. */
  confessionRequest?: string;
  /** The trained spans; everything outside them (x_c in dual episodes) is context, never trained. */
  spans: EpisodeSpan[];
  /** Tokens of the completion, with a tokenizer. */
  tokenCount?: number;
  /** Null where the stream does not apply to the mode or the reward could not be decided; see `reasons`. */
  rewards: StreamRewards;
  reasons: RewardReasons;
  /** The scorers that produced each reward (e.g. `word-count/ground-truth`, `honesty/scripted:strict`). */
  judges: { task: string | null; confession: string | null };
  /** Group-relative advantages, each from its own stream's rewards only. Null: masked. */
  advantages: StreamRewards;
  estimator: AdvantageEstimator;
  /** The confession's parse status (`ok`, `unparsed`, `refused`, `truncated`, `empty`). */
  confessionStatus: string;
}

/** A tokenizer: text to token ids (only the count is used). */
export type Tokenize = (text: string) => readonly unknown[];

/** The pieces a completion is made of. */
export interface CompletionPieces {
  mode: EpisodeMode;
  /** y. */
  answer: string;
  /** x_c as rendered between the spans of a dual completion. */
  renderedRequest: string;
  /** y_c. */
  confession: string;
}

/**
 * The completion text and its spans for a mode. With a tokenizer, each piece is tokenized on its own and
 * the token ranges are concatenated, as an engine that builds the sequence turn by turn does.
 *
 * @example
 * episodeCompletion({ mode: "dual", answer: "a b", renderedRequest: " x ", confession: "c" });
 * // { completion: "a b x c", spans: [{ name: "answer", start: 0, end: 3 }, { name: "confession", start: 6, end: 7 }] }
 */
export function episodeCompletion(
  pieces: CompletionPieces,
  tokenize?: Tokenize,
): { completion: string; spans: EpisodeSpan[]; tokenCount?: number } {
  const parts: Array<{ text: string; name?: EpisodeSpan["name"] }> =
    pieces.mode === "task"
      ? [{ text: pieces.answer, name: "answer" }]
      : pieces.mode === "confession"
        ? [{ text: pieces.confession, name: "confession" }]
        : [
            { text: pieces.answer, name: "answer" },
            { text: pieces.renderedRequest },
            { text: pieces.confession, name: "confession" },
          ];
  let chars = 0;
  let tokens = 0;
  const spans: EpisodeSpan[] = [];
  for (const part of parts) {
    const start = chars;
    const tokenStart = tokens;
    chars += part.text.length;
    if (tokenize) tokens += tokenize(part.text).length;
    if (!part.name) continue;
    spans.push({
      name: part.name,
      start,
      end: chars,
      ...(tokenize ? { tokenStart, tokenEnd: tokens } : {}),
    });
  }
  return {
    completion: parts.map((p) => p.text).join(""),
    spans,
    ...(tokenize ? { tokenCount: tokens } : {}),
  };
}

/**
 * The default rendering of x_c inside a dual-span completion: on its own paragraph. Engines that render
 * the request with their chat template should take token ranges from their own tokenization.
 *
 * @example
 * renderConfessionRequest("Write a ConfessionReport."); // "\n\nWrite a ConfessionReport.\n\n"
 */
export function renderConfessionRequest(xc: string): string {
  return `\n\n${xc}\n\n`;
}

/**
 * A stored message in the engines' chat shape: tool calls with JSON-string arguments, tool results with
 * their call id; reasoning is left out (the paper's judge never sees it, and engines regenerate it).
 *
 * @example
 * toEpisodeMessage({ role: "user", content: "Hi" }); // { role: "user", content: "Hi" }
 */
export function toEpisodeMessage(message: Message): EpisodeMessage {
  if (message.role === "tool") {
    return {
      role: "tool",
      content: message.content,
      tool_call_id: message.toolCallId,
      name: message.toolName,
    };
  }
  if (message.role === "assistant" && message.toolCalls?.length) {
    return {
      role: "assistant",
      content: message.content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: "function",
        function: {
          name: call.name,
          arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
        },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

/**
 * One JSONL line (with its newline) for a record.
 *
 * @example
 * out.write(episodeLine(record));
 */
export function episodeLine(record: EpisodeRecord): string {
  return `${JSON.stringify(record)}\n`;
}
