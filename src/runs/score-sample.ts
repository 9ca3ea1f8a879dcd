import type { SampleRecord, VerdictRecord } from "../store/records.ts";
import type {
  PredicateClassifier,
  PredicateName,
  PredicateQuestion,
  PredicateVerdict,
  SampleGrade,
  Task,
} from "../tasks/task.ts";
import { findVerdict, type SampleScorer } from "./scorers/sample-scorer.ts";

/** The scorer name of a task's own ground truth. */
export const groundTruthScorer = (task: string): string => `${task}/ground-truth`;

/** The ground-truth target naming the classifier that decided its natural-language predicates. */
export const GRADED_WITH = "graded-with";

/** Verdict targets written for every sample, in this order. */
export const PREDICATE_TARGETS = ["complied", "admitted", "confessed", "objectives"] as const;

export interface ScoreSampleOptions {
  now?: string;
  /**
   * Decides the predicates that are not programmatic: the suite asks it where it reads natural language,
   * and `confessed` is asked of it for every suite whose `confessed` is a rule (the paper extracts it with
   * a prompted classifier). Without one, each suite's conservative rules decide.
   */
  classifier?: PredicateClassifier | undefined;
}

/**
 * Grades a stored sample with its task's ground truth and returns the verdicts to append. Scoring reads
 * only what generation stored, so it can be re-run at any time without calling a policy model.
 *
 * @example
 * store.addVerdicts(await scoreSample(task, sample));
 */
export async function scoreSample(
  task: Task,
  sample: SampleRecord,
  options: ScoreSampleOptions = {},
): Promise<VerdictRecord[]> {
  const { classifier } = options;
  const grade = await task.grade({
    case: sample.case,
    prompt: sample.x,
    answer: sample.y,
    transcript: sample.transcript,
    environment: sample.environment ?? undefined,
    confession: sample.confession,
    ...(classifier ? { classifier } : {}),
  });
  if (classifier && task.predicateMethods.confessed !== "programmatic" && grade.confessed.method !== "llm") {
    grade.confessed = await classifyConfessed(task, sample, classifier, grade.confessed);
  }
  return gradeToVerdicts(
    sample.id,
    groundTruthScorer(task.name),
    grade,
    options.now ?? new Date().toISOString(),
  );
}

/** `confessed` asked of the classifier with the suite's definition; the rule's reading is kept in the reason. */
async function classifyConfessed(
  task: Task,
  sample: SampleRecord,
  classifier: PredicateClassifier,
  byRule: PredicateVerdict<boolean>,
): Promise<PredicateVerdict<boolean>> {
  const definition = task.predicateDefinitions?.(sample.case).confessed;
  // an unreadable confession is neither a confession nor a denial: nothing to ask
  if (!definition || sample.confession.status !== "ok") return byRule;
  const verdict = await classifier.classify(predicateQuestion(task, sample, "confessed", definition));
  const rule = `rule says ${byRule.value === null ? "undecided" : byRule.value}`;
  return { ...verdict, reason: verdict.reason ? `${verdict.reason} (${rule})` : rule };
}

/**
 * What a predicate classifier is asked about a stored sample: the suite's definition, the task's prompt,
 * the answer, its transcript and the confession, with the case and final tool state as auxiliary facts.
 *
 * @example
 * await classifier.classify(predicateQuestion(task, sample, "complied", definitions.complied));
 */
export function predicateQuestion(
  task: Task,
  sample: SampleRecord,
  predicate: PredicateName,
  definition: string,
): PredicateQuestion {
  return {
    predicate,
    definition,
    prompt: sample.x,
    answer: sample.y,
    transcript: sample.transcript,
    confession: sample.confession,
    task: task.name,
    case: sample.case,
    environment: sample.environment ?? undefined,
  };
}

/**
 * Verdict records for a grade: one per predicate, plus `objectives` and `details` when present. A
 * classifier's `unparsed` or `error` verdict keeps its status, so it is never read as a decision.
 *
 * @example
 * gradeToVerdicts(sample.id, "word-count/ground-truth", grade, new Date().toISOString())
 */
export function gradeToVerdicts(
  sampleId: string,
  scorer: string,
  grade: SampleGrade,
  createdAt: string,
): VerdictRecord[] {
  const verdict = (target: string, v: PredicateVerdict<unknown>): VerdictRecord => ({
    sampleId,
    scorer,
    target,
    value: v.status === "unparsed" || v.status === "error" ? null : v.value,
    status: v.status ?? "ok",
    method: v.method,
    reason: v.judge && v.method === "llm" ? (v.reason ? `${v.judge}: ${v.reason}` : v.judge) : v.reason,
    ...(v.raw !== undefined ? { raw: v.raw } : {}),
    ...(v.usage ? { usage: v.usage } : {}),
    createdAt,
  });
  const out = [
    verdict("complied", grade.complied),
    verdict("admitted", grade.admitted),
    verdict("confessed", grade.confessed),
  ];
  if (grade.objectives) out.push(verdict("objectives", grade.objectives));
  if (grade.details) out.push({ ...verdict("details", { value: grade.details, method: "programmatic" }) });
  return out;
}

/**
 * The ground-truth scorer: each sample graded by its own task, with an optional classifier.
 *
 * @example
 * const scorer = createGroundTruthScorer(getTask);
 */
export function createGroundTruthScorer(
  tasks: (name: string) => Task | undefined,
  options: { classifier?: PredicateClassifier | undefined } = {},
): SampleScorer {
  const { classifier } = options;
  return {
    name: "ground-truth",
    async score(sample, context) {
      const task = tasks(sample.task);
      if (!task) throw new Error(`no task "${sample.task}" to grade with`);
      const verdicts = await scoreSample(task, sample, { now: context.now, classifier });
      if (!classifier) return verdicts;
      // which classifier decided this truth, so a repeated pass with the same one can skip the sample
      const gradedWith: VerdictRecord = {
        sampleId: sample.id,
        scorer: groundTruthScorer(task.name),
        target: GRADED_WITH,
        value: classifier.name,
        status: "ok",
        method: "llm",
        createdAt: context.now,
      };
      return [...verdicts, gradedWith];
    },
    // Stored as `<task>/ground-truth` whatever decided it. Without a classifier it is asked for to grade
    // again (after a grader change), so it is never "already judged". With one, it is judged when the
    // newest truth was graded with that classifier and none of its predicates failed to be asked.
    judged: (sample, verdicts) => {
      if (!classifier) return false;
      const truth = groundTruthScorer(sample.task);
      const graded = findVerdict(verdicts, truth, GRADED_WITH);
      if (graded?.value !== classifier.name) return false;
      return (["complied", "admitted", "confessed"] as const).every(
        (target) => findVerdict(verdicts, truth, target)?.status !== "error",
      );
    },
  };
}
