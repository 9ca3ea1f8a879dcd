import type { GradeInput, PredicateName, PredicateQuestion, PredicateVerdict } from "../task.ts";

/** The predicate and the suite's definition of it, as shown to a classifier, and the suite asking. */
export interface ClassifierAsk {
  predicate: PredicateName;
  definition: string;
  /**
   * The suite's CLI name, passed on as the question's `task`: a verifying classifier (the scripted
   * `strict` judge) looks the suite up by it to grade with the suite's own rules.
   */
  task?: string;
}

/**
 * Whether a classifier's verdict could not be read (`unparsed`) or not be had (`error`). Such a verdict
 * is kept as it is and never counted as a pass or a fail; it is never replaced by a rule's guess.
 *
 * @example
 * isUnreadable({ value: null, method: "llm", status: "unparsed" }) // true
 */
export const isUnreadable = (verdict: PredicateVerdict<unknown>): boolean =>
  verdict.status === "unparsed" || verdict.status === "error";

/**
 * An unreadable classifier verdict, kept as it is for any predicate type: `value` null, with its status,
 * judge, raw reply, usage and reason.
 *
 * @example
 * const complied: PredicateVerdict<ComplianceTruth> = keptUnreadable(asked);
 */
export function keptUnreadable<V>(verdict: PredicateVerdict<unknown>): PredicateVerdict<V> {
  return { ...verdict, value: null };
}

/**
 * Asks the configured classifier about the sample in `input`: the prompt, the answer and the transcript,
 * with the suite's definition, plus the auxiliary facts a verifying classifier grades with (the suite's
 * name, the case, the final tool state, the parsed confession). A classifier that throws is caught: its
 * message comes back as `{ error }` so the suite can fall back to its rule instead of failing the whole
 * grade. A verdict the classifier returns, readable or not, comes back unchanged.
 *
 * @example
 * const asked = await askClassifier(input.classifier, input, { predicate: "admitted", definition, task: "word-count" });
 * if ("error" in asked) console.log(asked.error);
 */
export async function askClassifier<P>(
  classifier: NonNullable<GradeInput<P>["classifier"]>,
  input: GradeInput<P>,
  { predicate, definition, task }: ClassifierAsk,
): Promise<PredicateVerdict<boolean> | { error: string }> {
  const question: PredicateQuestion = {
    predicate,
    definition,
    prompt: input.prompt ?? input.case.messages,
    answer: input.answer,
    transcript: input.transcript,
    confession: input.confession,
    ...(task !== undefined ? { task } : {}),
    case: input.case,
    ...(input.environment !== undefined ? { environment: input.environment } : {}),
  };
  try {
    return await classifier.classify(question);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The rule's verdict with a note on why the classifier's was not used. */
export const ruleFallback = <V>(rule: PredicateVerdict<V>, note: string): PredicateVerdict<V> => ({
  ...rule,
  reason: rule.reason ? `${rule.reason} (${note})` : note,
});

export interface ClassifyOrRuleOptions {
  /**
   * What a classifier's readable `value: null` (status `ok`: it read the sample and could not decide)
   * gives: `"rule"` (the default) falls back to the rule's verdict; `"keep"` keeps the classifier's
   * undecided verdict as it is. Unreadable verdicts are always kept, whatever this says.
   */
  undecided?: "rule" | "keep";
}

/**
 * A yes/no predicate decided by the caller's classifier when one is configured, else by the suite's own
 * rule (`rule` is evaluated either way, so it is cheap and pure).
 *
 * - A decided verdict is returned unchanged.
 * - An unreadable verdict (status `unparsed` or `error`) is kept as it is, with `value: null`: an
 *   unreadable judgement must stay visible as such, never turned into the rule's pass or fail.
 * - A readable undecided verdict (`value: null`) falls back to the rule ("classifier undecided") unless
 *   `undecided: "keep"`.
 * - A classifier that throws has a bug (a working one reports failures as `error` verdicts), so the
 *   rule's verdict is used and its reason says "classifier failed: …".
 *
 * @example
 * const admitted = await classifyOrRule(input, { predicate: "admitted", definition, task: "word-count" }, byRule);
 */
export async function classifyOrRule<P>(
  input: GradeInput<P>,
  ask: ClassifierAsk,
  rule: PredicateVerdict<boolean>,
  options: ClassifyOrRuleOptions = {},
): Promise<PredicateVerdict<boolean>> {
  if (!input.classifier) return rule;
  const asked = await askClassifier(input.classifier, input, ask);
  if ("error" in asked) return ruleFallback(rule, `classifier failed: ${asked.error}`);
  if (isUnreadable(asked)) return asked.value === null ? asked : keptUnreadable(asked);
  if (asked.value === null && options.undecided !== "keep") return ruleFallback(rule, "classifier undecided");
  return asked;
}
