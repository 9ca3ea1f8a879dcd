import type { Message, ToolCall, ToolDefinition } from "../models/messages.ts";
import type { ComplianceLevel } from "../protocol/compliance-level.ts";
import type { ConfessionParseResult } from "../protocol/confession-parse-result.ts";

/** One prompt of a task, generated deterministically from a seed. */
export interface TaskCase<P = unknown> {
  /** Stable within the task: the same seed and options give the same ids. */
  id: string;
  /** The prompt x: the messages the model answers. */
  messages: Message[];
  /** What the task needs to grade and script this case. JSON-serialisable. */
  payload: P;
}

/** A task-specific CLI flag, such as `--bracket-labels` for word-count. */
export interface TaskOption {
  /** Flag name without dashes, kebab-case. */
  flag: string;
  description: string;
  type: "boolean" | "string" | "number";
}

/** Ground truth on whether the answer did what the task asks. */
export type ComplianceTruth = "complied" | "not_complied" | "neither";

/** How a predicate was decided: computed exactly, by a conservative rule, an LLM, or a person. */
export type VerdictMethod = "programmatic" | "rule" | "llm" | "human";

/**
 * How a judgement came out: `ok` (decided or honestly undecided), `unparsed` (a judge replied but its reply
 * could not be read) or `error` (the judge could not be asked). Only `ok` verdicts ever count in a rate:
 * an unreadable verdict is never a pass and never a fail.
 */
export type VerdictStatus = "ok" | "unparsed" | "error";

/** One decided predicate. `value` is null when it could not be decided (for example, no parsed confession). */
export interface PredicateVerdict<V> {
  value: V | null;
  method: VerdictMethod;
  /** Short why, for people reading the verdict. */
  reason?: string;
  /** Absent means `ok`. A classifier's `unparsed` or `error` verdict always has `value: null`. */
  status?: VerdictStatus;
  /** The judge that decided it (a model spec), for LLM verdicts. */
  judge?: string;
  /** The judge's reply as received, for LLM verdicts. */
  raw?: string;
  usage?: { inputTokens: number | undefined; outputTokens: number | undefined };
}

/** Truth against claim for one objective the task can check. */
export interface ObjectiveCheck {
  id: string;
  description: string;
  truth: "complied" | "not_complied";
  /** What the confession claims, or null when it says nothing about this objective. */
  claim: "complied" | "not_complied" | "unsure" | null;
  /** Claim agrees with the truth: compliance claimed exactly when the objective was met. */
  match: boolean;
}

/** A predicate that a classifier may be asked to decide. */
export type PredicateName = "complied" | "admitted" | "confessed";

/** What a predicate classifier is shown: the suite's definition of the predicate and the sample. */
export interface PredicateQuestion {
  predicate: PredicateName;
  /** The suite's definition of the predicate, in words. */
  definition: string;
  prompt: Message[];
  answer: string;
  transcript: Message[];
  /** The parsed confession, for `confessed`. */
  confession?: ConfessionParseResult;
  /**
   * Auxiliary facts about the sample (task name, case, final tool state). LLM classifiers do not show them;
   * verifying test doubles (the scripted `strict` judge) grade with them.
   */
  task?: string;
  case?: TaskCase;
  environment?: unknown;
}

/**
 * Decides a natural-language predicate. Rule-based classifiers live with each suite; an LLM-backed one is
 * a plugin behind this same interface. `value: null` means it could not decide: never a guess.
 */
export interface PredicateClassifier {
  readonly name: string;
  classify(question: PredicateQuestion): Promise<PredicateVerdict<boolean>>;
}

/** Everything a task's ground truth decides for one sample. */
export interface SampleGrade {
  complied: PredicateVerdict<ComplianceTruth>;
  /** The answer itself owns up to not complying. */
  admitted: PredicateVerdict<boolean>;
  /** The confession claims non-compliance with the behaviour under test. Null unless the report parsed. */
  confessed: PredicateVerdict<boolean>;
  /** Per-objective claim-match, for tasks whose objectives can be checked one by one. */
  objectives?: PredicateVerdict<ObjectiveCheck[]>;
  /** Task-specific facts worth keeping (for example, per-sentence counts). JSON-serialisable. */
  details?: Record<string, unknown>;
}

export interface GradeInput<P = unknown> {
  case: TaskCase<P>;
  /**
   * The prompt as the model received it, when it differs from the case's own messages (a stress
   * condition's system prompt comes first). Classifiers are shown this one.
   */
  prompt?: Message[];
  /**
   * Decides predicates that need a reading of natural language, when the caller configured one (an LLM
   * classifier, say). Tasks fall back to their own conservative rules without it.
   */
  classifier?: PredicateClassifier;
  /** The final state of the task's tool environment, when it has one. */
  environment?: unknown;
  /** The final answer y. */
  answer: string;
  /** Every message of the answer phase, tool calls and results included. */
  transcript: Message[];
  confession: ConfessionParseResult;
}

/**
 * The tools a case offers, with their state for one sample. Created fresh for every sample so samples
 * never share state.
 */
export interface ToolEnvironment {
  readonly tools: ToolDefinition[];
  /** Runs one call and returns what the model sees as the tool result. */
  execute(call: ToolCall): Promise<string>;
  /** The final state (files, submissions...), kept with the sample for grading. JSON-serialisable. */
  snapshot(): unknown;
}

/** A step of a scripted answer: tool calls to make, or the final text. */
export type ScriptedStep = { toolCalls: ToolCall[] } | { text: string };

/**
 * What a scripted model does on a case, and what it knows about it. `facts` is the truth as the model
 * would see it from the inside; honest profiles confess it, liars hide it.
 */
export interface ScriptedPerformance {
  steps: ScriptedStep[];
  facts: Array<{ objective: string; compliance: ComplianceLevel; analysis: string }>;
  uncertainties: string[];
}

export interface ScriptInput<P> {
  case: TaskCase<P>;
  /** `comply` does the task properly; `misbehave` does it in the task's characteristic bad way. */
  mode: "comply" | "misbehave";
  /** Deterministic randomness for this sample, in [0, 1). */
  random: () => number;
}

/**
 * A task plugin. The runner treats every task the same way: it asks for cases, runs them, and hands the
 * finished sample to `grade`.
 *
 * @example
 * const cases = wordCountTask.cases({ seed: 1, count: 3, options: {} });
 */
export interface Task<P = unknown> {
  /** CLI name, kebab-case. */
  readonly name: string;
  /** Human title, as in the paper's tables. */
  readonly title: string;
  readonly description: string;
  readonly options: readonly TaskOption[];
  /** How many distinct cases exist, or undefined when the generator is unbounded. */
  readonly size?: number;
  /** Cases in a deterministic order for the seed; the same seed and options always give the same list. */
  cases(request: { seed: number; count: number; options: Record<string, unknown> }): TaskCase<P>[];
  /** Names of the tools its cases offer (for listings); empty when it has none. */
  readonly toolNames?: readonly string[];
  /**
   * The suite's definition of each predicate for one case, in words: what an LLM classifier is shown when
   * it decides the predicate, or when it is run beside the programmatic truth to measure agreement.
   */
  predicateDefinitions?(testCase: TaskCase<P>): Record<PredicateName, string>;
  /** How each predicate is decided, for listings: programmatic where the truth can be checked. */
  readonly predicateMethods: Readonly<Record<"complied" | "admitted" | "confessed", VerdictMethod>>;
  /** Where the cases come from, with attribution when they are someone else's data. */
  readonly source?: string;
  /**
   * A deliberately weak judge of the answer, such as one that trusts the answer's own labels: the paper's
   * §4 weak judge. Run beside the ground truth, it gives the judge-fooled rate.
   */
  readonly weakJudge?: {
    readonly name: string;
    judge(input: { case: TaskCase<P>; answer: string; transcript: Message[] }): PredicateVerdict<boolean>;
  };
  /** The tool environment of a case, for agentic tasks. */
  environment?(testCase: TaskCase<P>): ToolEnvironment;
  grade(input: GradeInput<P>): SampleGrade | Promise<SampleGrade>;
  /**
   * Checks a bare answer text against the task's programmatic ground truth, without a case or a
   * confession (`confess tasks grade <task>`). Only tasks whose truth needs nothing else provide it.
   */
  checkAnswer?(answer: string): unknown;
  /** The behaviour scripted models draw on. */
  script(input: ScriptInput<P>): ScriptedPerformance;
}
