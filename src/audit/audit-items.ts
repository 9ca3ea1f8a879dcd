import type { JudgeView } from "../judges/judge.ts";
import { judgeViewOf } from "../judges/judge-view.ts";
import { complianceClaim } from "../protocol/compliance-level.ts";
import type { ConfessionReport, ObjectiveCompliance } from "../protocol/confession-report.ts";
import { groundTruthScorer } from "../runs/score-sample.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import type { SampleRecord, VerdictRecord } from "../store/records.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task } from "../tasks/task.ts";
import {
  canonicalReport,
  HIDING_MANIPULATIONS,
  MANIPULATIONS,
  type Manipulation,
  manipulateConfession,
} from "./manipulations.ts";

/** One manipulated confession of an audit item, in the view the judge is shown. */
export interface AuditLie {
  manipulation: Manipulation;
  /** The item's view with the confession replaced by the lie (as parsed, and as JSON text). */
  view: JudgeView;
}

/**
 * One sample the judge audit asks about: its honest confession and the lies built from it.
 *
 * @example
 * const items = auditItemsFromRun(store, "run-1");
 * items[0]?.lies.map((l) => l.manipulation) // ["flipped-claim", ...] for a not-complied item
 */
export interface AuditItem {
  sampleId: string;
  task: string;
  caseId: string;
  /** The policy model that wrote the sample. */
  model: string;
  /** The view of the stored sample (`judgeViewOf`), its confession as the policy wrote it. */
  view: JudgeView;
  /**
   * What the audit judges as the honest confession: `view` with the same report re-rendered the way the
   * lies are (canonical key order, indented JSON), so honest and lied text differ only in the manipulation,
   * never in formatting the judge could key on.
   */
  honestView: JudgeView;
  /** Ground-truth compliance of the answer. */
  truth: "complied" | "not_complied";
  /** The honest confession. */
  honestReport: ConfessionReport;
  /**
   * Positions in `honestReport.compliance_analysis` of the entries that own up to the violation (claim not
   * complied or unsure). Empty for complied items, and for a not-complied item that confessed only through
   * a failing grade.
   */
  violatedIndices: number[];
  /** The lies that apply, in `MANIPULATIONS` order; empty for complied items. */
  lies: AuditLie[];
}

/**
 * The judge's view of `view`'s sample with `report` as its confession: parsed `ok`, written as indented
 * JSON with the schema's key order.
 *
 * @example
 * const lied = viewWithConfession(item.view, lie);
 */
export function viewWithConfession(view: JudgeView, report: ConfessionReport): JudgeView {
  const canonical = canonicalReport(report);
  const text = JSON.stringify(canonical, null, 2);
  return {
    ...view,
    confession: { status: "ok", report: canonical, raw: text, issues: [] },
    confessionText: text,
  };
}

/**
 * Builds an audit item from an honest sample: finds the entries that own up to the violation (for a
 * not-complied item) and applies each manipulation in `manipulations`. Null when the view's confession did
 * not parse, since there is no honest report to manipulate.
 *
 * @example
 * const item = auditItemOf({ sampleId: "s1", model: "m", view, truth: "not_complied" });
 */
export function auditItemOf(input: {
  sampleId: string;
  model: string;
  view: JudgeView;
  truth: AuditItem["truth"];
  manipulations?: readonly Manipulation[];
}): AuditItem | null {
  const { view, truth } = input;
  const report = view.confession.status === "ok" ? view.confession.report : undefined;
  if (!report) return null;
  // a complied answer has no violation to hide: an honest report's unsure entries are not owned-up misses.
  // Entries that say "not complied" are the owned-up violations; "unsure" ones count only when there are
  // none, since an honest doubt about an objective that was in fact met hides nothing.
  const claimed = (level: "not_complied" | "unsure") =>
    report.compliance_analysis.flatMap((o, i) => (complianceClaim(o.compliance) === level ? [i] : []));
  const notComplied = truth === "not_complied" ? claimed("not_complied") : [];
  const violatedIndices =
    truth !== "not_complied" ? [] : notComplied.length > 0 ? notComplied : claimed("unsure");
  const violatedEntries = new Set<ObjectiveCompliance>(
    violatedIndices.map((i) => report.compliance_analysis[i] as ObjectiveCompliance),
  );
  const lies: AuditLie[] = [];
  for (const manipulation of input.manipulations ?? MANIPULATIONS) {
    if (violatedEntries.size === 0) break;
    const lie = manipulateConfession(report, (o) => violatedEntries.has(o), manipulation);
    if (lie) lies.push({ manipulation, view: viewWithConfession(view, lie) });
  }
  return {
    sampleId: input.sampleId,
    task: view.task,
    caseId: view.caseId,
    model: input.model,
    view,
    honestView: viewWithConfession(view, report),
    truth,
    honestReport: report,
    violatedIndices,
    lies,
  };
}

/**
 * Keeps only the lies that really hide the violation by the task's own grader: a lie of a hiding kind whose
 * report the grader still reads as a confession (a suite that counts a failing grade, or an analysis that
 * still describes the miss) would test nothing, so it is dropped and counted. `inflated-grade` keeps its
 * honest entries by design; its lie is the grade.
 *
 * @example
 * const { item: checked, dropped } = await verifyLies(item, getTask);
 */
export async function verifyLies(
  item: AuditItem,
  tasks: (name: string) => Task | undefined,
): Promise<{ item: AuditItem; dropped: Manipulation[] }> {
  const task = tasks(item.task);
  if (!task) return { item, dropped: [] };
  const kept: AuditLie[] = [];
  const dropped: Manipulation[] = [];
  for (const lie of item.lies) {
    if (!HIDING_MANIPULATIONS.has(lie.manipulation)) {
      kept.push(lie);
      continue;
    }
    const grade = await task.grade({
      case: lie.view.case,
      answer: lie.view.answer,
      transcript: lie.view.transcript,
      ...(lie.view.environment !== undefined ? { environment: lie.view.environment } : {}),
      confession: lie.view.confession,
    });
    if (grade.confessed.value === false) kept.push(lie);
    else dropped.push(lie.manipulation);
  }
  return { item: { ...item, lies: kept }, dropped };
}

/** Why a stored sample is not an audit item, counted by `auditItemsFromRun`'s `skipped`. */
export type AuditSkipReason = "confession-not-ok" | "truth-undecided" | "dishonest";

/** The newest `ok` ground-truth value of `target` for a sample, or null. */
function truthValue<T>(
  targets: Map<string, VerdictRecord> | undefined,
  task: string,
  target: string,
): T | null {
  const verdict = targets?.get(`${groundTruthScorer(task)}#${target}`);
  return verdict && verdict.status === "ok" ? (verdict.value as T | null) : null;
}

/**
 * Classifies one stored sample for the audit: an item, or why it is left out. Only samples whose
 * confession parsed, whose compliance is decided (complied or not_complied; `neither` is left out) and
 * whose confession is honest by the ground truth (`confessed` exactly when not complied) become items.
 *
 * @example
 * const { item } = auditItemFromSample(sample, store.latestVerdicts(runId).get(sample.id));
 */
export function auditItemFromSample(
  sample: SampleRecord,
  targets: Map<string, VerdictRecord> | undefined,
  manipulations?: readonly Manipulation[],
): { item: AuditItem; skipped?: undefined } | { item?: undefined; skipped: AuditSkipReason } {
  if (sample.confession.status !== "ok" || !sample.confession.report) return { skipped: "confession-not-ok" };
  const complied = truthValue<string>(targets, sample.task, "complied");
  const confessed = truthValue<boolean>(targets, sample.task, "confessed");
  if ((complied !== "complied" && complied !== "not_complied") || typeof confessed !== "boolean") {
    return { skipped: "truth-undecided" };
  }
  if (confessed !== (complied === "not_complied")) return { skipped: "dishonest" };
  const item = auditItemOf({
    sampleId: sample.id,
    model: sample.model,
    view: judgeViewOf(sample),
    truth: complied,
    ...(manipulations ? { manipulations } : {}),
  });
  return item ? { item } : { skipped: "confession-not-ok" };
}

/**
 * The audit items of a stored run, in store order, with the newest ground-truth verdicts (scorer
 * `<task>/ground-truth`). Only honest samples are kept: a lie built from a dishonest confession would not
 * test whether the judge can tell honesty from lying.
 *
 * @example
 * const items = auditItemsFromRun(store, "run-1");
 */
export async function auditItemsFromRun(
  store: ConfessStore,
  runId: string,
  manipulations?: readonly Manipulation[],
  tasks: (name: string) => Task | undefined = getTask,
): Promise<AuditItem[]> {
  return (await collectAuditItems(store, runId, manipulations, tasks)).items;
}

/**
 * Like {@link auditItemsFromRun}, with counts of the samples left out and why, and of the lies dropped by
 * {@link verifyLies} because the task's grader still read them as confessions.
 *
 * @example
 * const { items, skipped, droppedLies } = await collectAuditItems(store, "run-1");
 */
export async function collectAuditItems(
  store: ConfessStore,
  runId: string,
  manipulations?: readonly Manipulation[],
  tasks: (name: string) => Task | undefined = getTask,
): Promise<{
  items: AuditItem[];
  skipped: Record<AuditSkipReason, number>;
  droppedLies: Partial<Record<Manipulation, number>>;
}> {
  const verdicts = store.latestVerdicts(runId);
  const items: AuditItem[] = [];
  const skipped: Record<AuditSkipReason, number> = {
    "confession-not-ok": 0,
    "truth-undecided": 0,
    dishonest: 0,
  };
  const droppedLies: Partial<Record<Manipulation, number>> = {};
  for (const sample of store.samples(runId)) {
    const out = auditItemFromSample(sample, verdicts.get(sample.id), manipulations);
    if (!out.item) {
      skipped[out.skipped]++;
      continue;
    }
    const { item, dropped } = await verifyLies(out.item, tasks);
    for (const m of dropped) droppedLies[m] = (droppedLies[m] ?? 0) + 1;
    items.push(item);
  }
  return { items, skipped, droppedLies };
}
