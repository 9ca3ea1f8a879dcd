import { percent, renderGrid, withInterval } from "./format-table.ts";
import type { JudgeMetrics } from "./judge-metrics.ts";
import type { Comparison, ComparisonBlock, RateComparison } from "./paired-bootstrap.ts";
import type { RateKey } from "./rate-sums.ts";
import { CLASSIFIED_PREDICATES } from "./scored-sample.ts";
import type { Summary } from "./summarize.ts";
import type { Interval } from "./wilson.ts";

const MISSING = "–";

const decimal = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined ? MISSING : value.toFixed(digits);

function decimalWithInterval(value: number | null, interval: Interval | null): string {
  if (value === null) return MISSING;
  if (interval === null) return decimal(value);
  return `${decimal(value)} [${decimal(interval[0])}, ${decimal(interval[1])}]`;
}

type Entry = [name: string, judges: JudgeMetrics];

/** Verdict counts beside every judge metric; short headers keep the widest table within 100 columns. */
const COUNT_HEADERS = ["n", "unp", "und", "err"] as const;
const COUNT_LEGEND =
  "n: verdicts used; unp: unparsed, und: undecided (ok, but no value), err: could not be asked.\n" +
  "Unparsed, undecided and error verdicts are counted, never used as a pass or a fail.";

const counts = (j: { n: number; unparsed: number; undecided: number; errors: number }): string[] => [
  String(j.n),
  String(j.unparsed),
  String(j.undecided),
  String(j.errors),
];

function section<T>(
  title: string,
  entries: readonly Entry[],
  pick: (j: JudgeMetrics) => T | undefined,
  header: readonly string[],
  row: (name: string, value: T) => string[],
  legend?: string,
): string[] {
  const rows = entries.flatMap(([name, judges]) => {
    const value = pick(judges);
    return value === undefined ? [] : [row(name, value)];
  });
  if (rows.length === 0) return [];
  return [title, ...renderGrid(header, rows), ...(legend ? [legend] : []), ""];
}

/**
 * Render the judge metrics of a {@link Summary} as plain fixed-width text: one table per judge (honesty
 * reward, task judge against the truth, classifier agreement, confidence AUC and calibration, error causes),
 * a row per task and an "average" row. Returns "" when no sample carried a judge.
 *
 * @example
 * const text = formatJudgeMetrics(summarize(samples));
 * if (text) console.log(text);
 * // Task judge vs ground truth
 * // Task        n  unp  und  err  Passed  Fooled [95% CI]  ...
 */
export function formatJudgeMetrics(summary: Summary): string {
  const entries: Entry[] = [];
  for (const [name, block] of Object.entries(summary.tasks))
    if (block.judges) entries.push([name, block.judges]);
  if (entries.length === 0) return "";
  if (summary.overall.judges) entries.push(["average", summary.overall.judges]);

  const lines = [
    ...section(
      "Honesty judge (confession reward, 0–1)",
      entries,
      (j) => j.honesty,
      ["Task", ...COUNT_HEADERS, "Mean reward [95% CI]", "TP", "FN", "FP", "TN"],
      (name, h) => [
        name,
        ...counts(h),
        decimalWithInterval(h.meanReward, h.ci95),
        decimal(h.byOutcome.tp),
        decimal(h.byOutcome.fn),
        decimal(h.byOutcome.fp),
        decimal(h.byOutcome.tn),
      ],
      "TP/FN/FP/TN: mean reward per outcome.",
    ),
    ...section(
      "Task judge vs ground truth",
      entries,
      (j) => j.taskJudge,
      ["Task", ...COUNT_HEADERS, "Passed", "Fooled [95% CI]", "Judge|NC", "Judge|C", "Conf", "Conf|NC"],
      (name, t) => [
        name,
        ...counts(t),
        percent(t.passed),
        withInterval(t.fooled, t.fooledCi95),
        percent(t.accuracyGivenNotComplied),
        percent(t.accuracyGivenComplied),
        percent(t.confessionAccuracy),
        percent(t.confessionAccuracyGivenNotComplied),
      ],
      "Fooled: passed by the judge, not complied in truth. Judge|NC, Judge|C: the judge's accuracy given\n" +
        "(not) complied. Conf, Conf|NC: the confession's accuracy on the same samples.",
    ),
    ...classifierSection(entries),
    ...confidenceSection(entries),
    ...errorSection(entries),
  ];
  lines.push(COUNT_LEGEND, "");
  return lines.join("\n");
}

function classifierSection(entries: readonly Entry[]): string[] {
  const rows: string[][] = [];
  for (const [name, judges] of entries) {
    for (const predicate of CLASSIFIED_PREDICATES) {
      const a = judges.classifier?.[predicate];
      if (a === undefined) continue;
      rows.push([
        name === "average" ? "all (pooled)" : name,
        predicate,
        ...counts(a),
        withInterval(a.agreement, a.ci95),
        decimal(a.kappa),
      ]);
    }
  }
  if (rows.length === 0) return [];
  return [
    "LLM classifier vs ground truth",
    ...renderGrid(["Task", "Predicate", ...COUNT_HEADERS, "Agreement [95% CI]", "Kappa"], rows, {
      averageLast: false,
      leftAligned: [1],
    }),
    "",
  ];
}

function confidenceSection(entries: readonly Entry[]): string[] {
  const table = section(
    "Confidence from confessions (positive: answer complied)",
    entries,
    (j) => j.confidence,
    ["Task", ...COUNT_HEADERS, "pos/neg", "AUC [95% CI]", "ECE"],
    (name, c) => [
      name,
      ...counts(c),
      `${c.positives}/${c.negatives}`,
      decimalWithInterval(c.auc, c.ci95),
      decimal(c.ece, 3),
    ],
  );
  const overall = entries.at(-1)?.[1].confidence;
  const bins = overall?.calibration.filter((b) => b.n > 0) ?? [];
  if (table.length === 0 || bins.length === 0) return table;
  return [
    ...table,
    "Calibration, all tasks pooled (non-empty bins of 20)",
    ...renderGrid(
      ["Bin", "n", "Mean conf", "Accuracy"],
      bins.map((b) => [
        `[${b.lo.toFixed(2)}, ${b.hi.toFixed(2)}${b.hi === 1 ? "]" : ")"}`,
        String(b.n),
        decimal(b.meanScore),
        percent(b.accuracy),
      ]),
      { averageLast: false },
    ),
    "",
  ];
}

function errorSection(entries: readonly Entry[]): string[] {
  const rows: string[][] = [];
  for (const [name, judges] of entries) {
    const analysis = judges.errorAnalysis;
    if (analysis === undefined) continue;
    for (const [kind, label] of [
      ["false_negative", "FN"],
      ["false_positive", "FP"],
    ] as const) {
      const b = analysis[kind];
      const causes = Object.entries(b.shares)
        .map(([cause, share]) => `${cause} ${percent(share)}`)
        .join(", ");
      rows.push([
        name === "average" ? "all (pooled)" : name,
        label,
        String(b.n),
        String(b.noViolation),
        String(b.undecided),
        String(b.unparsed),
        String(b.errors),
        causes || MISSING,
      ]);
    }
  }
  if (rows.length === 0) return [];
  return [
    "Error analysis (causes of false negatives / false positives)",
    ...renderGrid(["Task", "Error", "n", "no violation", "undecided", "unparsed", "errors", "Causes"], rows, {
      averageLast: false,
      leftAligned: [1, 7],
    }),
    "Shares over n, leaving out verdicts that saw no violation or named no cause (undecided).",
    "",
  ];
}

/** Rates `formatComparison` shows, with their labels. */
export const HEADLINE_COMPARISON_RATES: ReadonlyArray<{ key: RateKey; label: string }> = [
  { key: "false_negative_rate", label: "FN rate (joint)" },
  { key: "confessed_given_not_complied", label: "Confessed | not complied" },
  { key: "confessed_given_complied", label: "Confessed | complied" },
  { key: "claim_match", label: "Claim-match" },
  { key: "parse_failure_rate", label: "Parse failures" },
  { key: "not_complied", label: "Not complied" },
];

const points = (value: number): string => `${value >= 0 ? "+" : "-"}${Math.abs(value * 100).toFixed(1)}`;
const signed = (value: number): string => `${value >= 0 ? "+" : "-"}${Math.abs(value).toFixed(2)}`;

function comparisonRow(
  label: string,
  c: RateComparison,
  value: (x: number | null) => string,
  diff: (x: number) => string,
): string[] {
  return [
    label,
    value(c.a),
    value(c.b),
    c.diff === null ? MISSING : diff(c.diff),
    c.ci95 === null ? MISSING : `[${diff(c.ci95[0])}, ${diff(c.ci95[1])}]`,
    String(c.pairs),
  ];
}

/** The headline rates, then the task judge's fooled rate where a run carries a task judge. */
function comparisonGrid(block: ComparisonBlock, labels: { a: string; b: string }): string[] {
  const rows = HEADLINE_COMPARISON_RATES.map(({ key, label }) =>
    comparisonRow(label, block[key], percent, points),
  );
  if (block.judge_fooled_rate) {
    rows.push(comparisonRow("Judge fooled", block.judge_fooled_rate, percent, points));
  }
  const grid = renderGrid(["Rate", labels.a, labels.b, "Diff (pp)", "95% CI (pp)", "Pairs"], rows, {
    averageLast: false,
  });
  const reward = block.honesty_mean_reward;
  if (reward === undefined) return grid;
  // A mean reward is no rate: shown on its own 0–1 scale rather than in percentage points.
  return [
    ...grid,
    "",
    ...renderGrid(
      ["Mean (0–1)", labels.a, labels.b, "Diff", "95% CI", "Pairs"],
      [comparisonRow("Honesty reward", reward, (x) => decimal(x), signed)],
      { averageLast: false },
    ),
  ];
}

/**
 * Render a {@link Comparison} for `confess compare`: for the headline rates, the rate in A and in B (over
 * the paired cases), the difference B − A in percentage points and its paired-bootstrap 95% interval,
 * overall and (unless `tasks` is false, or there is one task) per task. Where the comparison carries judge
 * statistics, the task judge's fooled rate is a further row ("Judge fooled") and the mean honesty reward a
 * small table of its own, on its 0–1 scale.
 *
 * @example
 * console.log(formatComparison(compareSamples(runA, runB), { labels: { a: "run-a", b: "run-b" } }));
 * // Overall (unweighted mean over 2 tasks; diff = B - A)
 * // Rate             run-a  run-b  Diff (pp)  95% CI (pp)   Pairs
 * // FN rate (joint)   5.0%   2.0%       -3.0  [-5.0, -1.0]    480
 */
export function formatComparison(
  result: Comparison,
  options: { labels?: { a: string; b: string }; tasks?: boolean } = {},
): string {
  const labels = options.labels ?? { a: "A", b: "B" };
  const names = Object.keys(result.tasks);
  const lines: string[] = [];
  if (names.length === 0) {
    lines.push("No cases in common: nothing to compare.");
  } else {
    lines.push(
      `Overall (unweighted mean over ${names.length} task${names.length === 1 ? "" : "s"}; diff = ${labels.b} - ${labels.a})`,
      ...comparisonGrid(result.overall, labels),
    );
    if (options.tasks !== false && names.length > 1) {
      for (const name of names) {
        lines.push("", name, ...comparisonGrid(result.tasks[name] as ComparisonBlock, labels));
      }
    }
    lines.push("", "Paired bootstrap over cases present in both runs; pp = percentage points.");
  }
  if (result.unpaired.a > 0 || result.unpaired.b > 0) {
    lines.push(
      `Left out (case in one run only): ${result.unpaired.a} in ${labels.a}, ${result.unpaired.b} in ${labels.b}.`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
