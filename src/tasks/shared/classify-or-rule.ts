import type { GradeInput, PredicateName, PredicateVerdict } from "../task.ts";

/** The predicate and the suite's definition of it, as shown to a classifier. */
export interface ClassifierAsk {
  predicate: PredicateName;
  definition: string;
}

/**
 * Asks the configured classifier about the sample in `input`: the prompt, the answer and the transcript,
 * with the suite's definition. A classifier that throws is caught: its message comes back as `{ error }`
 * so the suite can fall back to its rule instead of failing the whole grade.
 *
 * @example
 * const asked = await askClassifier(input.classifier, input, { predicate: "admitted", definition });
 * if ("error" in asked) console.log(asked.error);
 */
export async function askClassifier<P>(
  classifier: NonNullable<GradeInput<P>["classifier"]>,
  input: GradeInput<P>,
  { predicate, definition }: ClassifierAsk,
): Promise<PredicateVerdict<boolean> | { error: string }> {
  try {
    return await classifier.classify({
      predicate,
      definition,
      prompt: input.case.messages,
      answer: input.answer,
      transcript: input.transcript,
    });
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
   * What a classifier's `value: null` gives: `"rule"` (the default) falls back to the rule's verdict;
   * `"keep"` keeps the classifier's undecided verdict as it is.
   */
  undecided?: "rule" | "keep";
}

/**
 * A yes/no predicate decided by the caller's classifier when one is configured, else by the suite's own
 * rule (`rule` is evaluated either way, so it is cheap and pure). The rule's verdict is also used, with
 * its reason noting why, when the classifier throws ("classifier failed: …") and, unless
 * `undecided: "keep"`, when it returns `value: null` ("classifier undecided"). A verdict the classifier
 * did decide is returned unchanged.
 *
 * @example
 * const admitted = await classifyOrRule(input, { predicate: "admitted", definition }, byRule);
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
  if (asked.value === null && options.undecided !== "keep") return ruleFallback(rule, "classifier undecided");
  return asked;
}
