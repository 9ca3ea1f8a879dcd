import type { Command } from "commander";
import type { CliIO } from "../io.ts";
import { intFlag } from "../parse-flags.ts";

export function registerCompareCommand(program: Command, io: CliIO): void {
  program
    .command("compare")
    .description(
      "Compare two stored runs: the difference of each rate (B − A) with a paired bootstrap interval over " +
        "the cases both runs answered.",
    )
    .argument("<runA>", "baseline run id")
    .argument("<runB>", "run to compare against it")
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--resamples <n>", "bootstrap resamples", intFlag(100, 100_000), 2000)
    .option("--json", "print the comparison as JSON")
    .action(async (runA: string, runB: string, flags: { db?: string; json?: boolean; resamples: number }) => {
      const { withStore } = await import("./with-store.ts");
      const { loadScoredSamples } = await import("../../runs/scored-samples.ts");
      const { compareSamples } = await import("../../metrics/paired-bootstrap.ts");
      const { formatComparison } = await import("../../metrics/format-judges.ts");
      const { UsageError } = await import("../../errors/confess-error.ts");
      withStore(flags.db, io, (store) => {
        for (const id of [runA, runB]) {
          if (!store.getRun(id)) {
            throw new UsageError(
              `no run "${id}" in this database; see \`confess runs list\``,
              "CONFESS_NOT_FOUND",
            );
          }
        }
        const comparison = compareSamples(loadScoredSamples(store, runA), loadScoredSamples(store, runB), {
          resamples: flags.resamples,
        });
        if (flags.json) io.stdout(`${JSON.stringify({ a: runA, b: runB, ...comparison }, null, 2)}\n`);
        else io.stdout(formatComparison(comparison, { labels: { a: runA, b: runB } }));
      });
    });
}
