import type { JudgeView } from "../judges/judge.ts";
import { judgeViewOf } from "../judges/judge-view.ts";
import { complianceClaim } from "../protocol/compliance-level.ts";
import type { ConfessionReport, ObjectiveCompliance } from "../protocol/confession-report.ts";
import { groundTruthScorer } from "../runs/score-sample.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import type { SampleRecord, VerdictRecord } from "../store/records.ts";
import { canonicalReport, MANIPULATIONS, type Manipulation, manipulateConfession } from "./manipulations.ts";

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
  // a complied answer has no violation to hide: an honest report's unsure entries are not owned-up misses
  const violatedIndices =
    truth === "not_complied"
      ? report.compliance_analysis.flatMap((o, i) =>
          complianceClaim(o.compliance) === "complied" ? [] : [i],
        )
      : [];
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
export function auditItemsFromRun(
  store: ConfessStore,
  runId: string,
  manipulations?: readonly Manipulation[],
): AuditItem[] {
  return collectAuditItems(store, runId, manipulations).items;
}

/**
 * Like {@link auditItemsFromRun}, with counts of the samples left out and why.
 *
 * @example
 * const { items, skipped } = collectAuditItems(store, "run-1");
 */
export function collectAuditItems(
  store: ConfessStore,
  runId: string,
  manipulations?: readonly Manipulation[],
): { items: AuditItem[]; skipped: Record<AuditSkipReason, number> } {
  const verdicts = store.latestVerdicts(runId);
  const items: AuditItem[] = [];
  const skipped: Record<AuditSkipReason, number> = {
    "confession-not-ok": 0,
    "truth-undecided": 0,
    dishonest: 0,
  };
  for (const sample of store.samples(runId)) {
    const out = auditItemFromSample(sample, verdicts.get(sample.id), manipulations);
    if (out.item) items.push(out.item);
    else skipped[out.skipped]++;
  }
  return { items, skipped };
}
