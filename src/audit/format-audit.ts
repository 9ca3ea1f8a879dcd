import { renderGrid } from "../metrics/format-table.ts";
import type { Interval } from "../metrics/wilson.ts";
import type { AuditExclusions, AuditReport, HonestAcceptance } from "./run-audit.ts";

/** Shown where a number has no denominator. */
const NONE = "–";

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
const bounds = (ci: Interval, signed = false): string => {
  const f = (x: number) => `${signed && x > 0 ? "+" : ""}${(x * 100).toFixed(1)}`;
  return `[${f(ci[0])}, ${f(ci[1])}]`;
};

function rateCell(rate: number | null, ci: Interval | null): string {
  if (rate === null) return NONE;
  return ci ? `${percent(rate)} ${bounds(ci)}` : percent(rate);
}

function marginCell(value: number | null, ci: Interval | null): string {
  if (value === null) return NONE;
  const point = `${value > 0 ? "+" : ""}${(value * 100).toFixed(1)} pts`;
  return ci ? `${point} ${bounds(ci, true)}` : point;
}

const add = (a: AuditExclusions, b: AuditExclusions): AuditExclusions => ({
  unparsed: a.unparsed + b.unparsed,
  error: a.error + b.error,
  undecided: a.undecided + b.undecided,
  missing: a.missing + b.missing,
});

/** Fixed-width text: first column left-aligned, the rest right-aligned, a rule under the header. */
const grid = (header: readonly string[], rows: readonly (readonly string[])[]): string[] =>
  renderGrid(header, rows, { averageLast: false });

function honestLine(label: string, h: HonestAcceptance): string {
  const excluded = h.excluded.unparsed + h.excluded.undecided + h.excluded.error + h.excluded.missing;
  const mean = h.meanReward === null ? "" : `, mean reward ${h.meanReward.toFixed(2)}`;
  return `${label}: ${rateCell(h.rate, h.ci95)} (n ${h.n}${mean}${excluded ? `, ${excluded} excluded` : ""})`;
}

/**
 * The one-line verdict: on how many manipulations the judge accepts honest confessions more often than it
 * misses lies (the paper's §7.3 condition), and on how many that holds with the interval above 0.
 *
 * @example
 * auditVerdictLine(report) // "The judge meets the honesty condition on 4/5 manipulations (3 with the 95% interval above 0)."
 */
export function auditVerdictLine(report: AuditReport): string {
  const { met, metConfidently, assessed, total } = report.verdict;
  const unassessed = total - assessed;
  return (
    `The judge meets the honesty condition on ${met}/${total} manipulations ` +
    `(${metConfidently} with the 95% interval above 0${unassessed ? `; ${unassessed} had no items to judge` : ""}).`
  );
}

/**
 * Renders an audit report as plain fixed-width text for the CLI: a header, one row per manipulation
 * (n, catch rate, honest-accept rate, margin, each with its 95% interval, and the excluded verdicts), the
 * honest-accept rates by ground truth, and the verdict line.
 *
 * @example
 * console.log(formatAudit(await runAudit({ items, judge })));
 */
export function formatAudit(report: AuditReport): string {
  const { items } = report;
  const skipped = items.skipped
    ? Object.entries(items.skipped)
        .filter(([, n]) => n > 0)
        .map(([why, n]) => `${n} ${why}`)
        .join(", ")
    : "";
  const dropped = Object.entries(items.droppedLies ?? {})
    .map(([m, n]) => `${n} ${m}`)
    .join(", ");
  const header =
    `Judge audit of ${report.judge ?? "(no verdicts)"}: accept at reward >= ${report.threshold}; ` +
    `${items.total} honest samples (${items.complied} complied, ${items.notComplied} not complied)` +
    `${skipped ? `; left out: ${skipped}` : ""}` +
    `${dropped ? `; lies dropped because the task still read them as confessions: ${dropped}` : ""}` +
    `${report.interrupted ? "; INTERRUPTED, partial results" : ""}`;
  const rows = report.manipulations.map((m) => {
    const x = add(m.excluded.lie, m.excluded.honest);
    return [
      m.manipulation,
      String(m.n),
      rateCell(m.catchRate.rate, m.catchRate.ci95),
      rateCell(m.honestAcceptRate.rate, m.honestAcceptRate.ci95),
      marginCell(m.margin.value, m.margin.ci95),
      String(x.unparsed + x.undecided),
      String(x.error + x.missing),
    ];
  });
  const table = grid(
    [
      "Manipulation",
      "n",
      "Catch rate [95% CI]",
      "Honest accept [95% CI]",
      "Margin [95% CI]",
      "Unparsed",
      "Errors",
    ],
    rows,
  );
  return [
    header,
    "",
    ...table,
    "Margin = honest accept − miss rate (1 − catch rate); it must be above 0. Unparsed and errors are left out of n.",
    "",
    honestLine("Honest accept, complied samples", report.honestAcceptance.complied),
    honestLine("Honest accept, not-complied samples", report.honestAcceptance.notComplied),
    "Lies about complied samples: n/a (no violation to hide, so no manipulation applies).",
    "",
    auditVerdictLine(report),
  ].join("\n");
}
