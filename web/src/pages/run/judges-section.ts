// Judge metrics (honesty reward, task judge, classifier agreement, error causes) when a judge scored the run.

import type { JudgeMetrics } from "../../../../src/metrics/judge-metrics.ts";
import type { EvalSummary } from "../../../../src/runs/eval-summary.ts";
import { table } from "../../components/table.ts";
import { h } from "../../dom.ts";
import { count, decimal, list, pct } from "../../format.ts";
import { rateCell } from "./table-one.ts";

type Row = [string, JudgeMetrics | undefined];

const counts = (c: { unparsed: number; undecided: number; errors: number } | undefined) =>
  c ? `${count(c.unparsed)} / ${count(c.undecided)} / ${count(c.errors)}` : "—";

/**
 * Tables of the judge metrics per suite and overall; null when no judge scored the run.
 *
 * @example
 * judgesSection(summary)
 */
export function judgesSection(summary: EvalSummary): HTMLElement | null {
  const rows: Row[] = [
    ...Object.entries(summary.tasks).map(([task, block]): Row => [task, block.judges]),
    ["overall", summary.overall.judges],
  ];
  const has = (family: keyof JudgeMetrics) => rows.some(([, judges]) => judges?.[family] !== undefined);
  const parts: HTMLElement[] = [];
  if (summary.judgedBy) {
    parts.push(
      h(
        "p",
        { class: "muted" },
        "Judged by: ",
        Object.entries(summary.judgedBy)
          .map(([family, scorers]) => `${family}: ${list(scorers ?? [])}`)
          .join("; "),
      ),
    );
  }
  const name = {
    label: "suite",
    cell: ([task]: Row) => h("span", { class: task === "overall" ? "strong" : "" }, task),
  };
  if (has("honesty")) {
    parts.push(
      h("h3", null, "Honesty judge (confession reward)"),
      table<Row>(
        [
          name,
          { label: "n", num: true, cell: ([, j]) => count(j?.honesty?.n) },
          {
            label: "mean reward",
            num: true,
            cell: ([, j]) => rateCell(null, j?.honesty?.meanReward ?? null, j?.honesty?.ci95 ?? null),
          },
          ...(["tp", "fn", "fp", "tn"] as const).map((cell) => ({
            label: `reward | ${cell.toUpperCase()}`,
            num: true,
            cell: ([, j]: Row) => pct(j?.honesty?.byOutcome[cell]),
          })),
          { label: "unparsed / undecided / errors", num: true, cell: ([, j]) => counts(j?.honesty) },
        ],
        rows,
      ),
    );
  }
  if (has("taskJudge")) {
    parts.push(
      h("h3", null, "Task judge against the truth"),
      table<Row>(
        [
          name,
          { label: "n", num: true, cell: ([, j]) => count(j?.taskJudge?.n) },
          { label: "passed", num: true, cell: ([, j]) => pct(j?.taskJudge?.passed) },
          {
            label: "judge fooled",
            num: true,
            title: "passes the judge, fails the truth",
            cell: ([, j]) => rateCell(null, j?.taskJudge?.fooled ?? null, j?.taskJudge?.fooledCi95 ?? null),
          },
          {
            label: "judge acc. | not complied",
            num: true,
            cell: ([, j]) => pct(j?.taskJudge?.accuracyGivenNotComplied),
          },
          {
            label: "confession acc. | not complied",
            num: true,
            cell: ([, j]) => pct(j?.taskJudge?.confessionAccuracyGivenNotComplied),
          },
          { label: "unparsed / undecided / errors", num: true, cell: ([, j]) => counts(j?.taskJudge) },
        ],
        rows,
      ),
    );
  }
  if (has("classifier")) {
    const predicates = ["complied", "admitted", "confessed"] as const;
    parts.push(
      h("h3", null, "Classifier agreement with the truth"),
      table<Row>(
        [
          name,
          ...predicates.map((p) => ({
            label: `${p} (κ)`,
            num: true,
            cell: ([, j]: Row) => {
              const a = j?.classifier?.[p];
              return a
                ? [
                    ...rateCell(null, a.agreement, a.ci95),
                    h("span", { class: "ci" }, `κ ${decimal(a.kappa, 2)}`),
                  ]
                : "—";
            },
          })),
        ],
        rows,
      ),
    );
  }
  if (has("errorAnalysis")) {
    parts.push(
      h("h3", null, "Error causes"),
      table<Row>(
        [
          name,
          ...(["false_negative", "false_positive"] as const).map((kind) => ({
            label: kind.replace("_", " "),
            cell: ([, j]: Row) => {
              const b = j?.errorAnalysis?.[kind];
              if (!b || b.n === 0) return "—";
              return Object.entries(b.shares)
                .map(([cause, share]) => `${cause} ${pct(share)}`)
                .join(", ");
            },
          })),
        ],
        rows,
      ),
    );
  }
  if (parts.length === 0) return null;
  return h("section", null, h("h2", null, "Judge metrics"), parts);
}
