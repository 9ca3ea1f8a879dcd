import type { Command } from "commander";
import type { CliIO } from "../io.ts";
import { textColumns } from "../text-columns.ts";

export function registerRunsCommand(program: Command, io: CliIO): void {
  const runs = program.command("runs").description("List and inspect stored runs.");
  runs
    .command("list")
    .description("List the runs in the store.")
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--json", "print JSON")
    .action(async (flags: { db?: string; json?: boolean }) => {
      const { withStore } = await import("./with-store.ts");
      withStore(flags.db, io, (store) => {
        const list = store.listRuns().map((r) => ({
          id: r.id,
          created_at: r.createdAt,
          suites: r.config.suites,
          models: r.config.models,
          variants: r.config.variants,
          conditions: r.config.conditions ?? ["baseline"],
          samples: r.samples,
          failed: r.errors,
          planned:
            r.config.suites.length *
            r.config.models.length *
            r.config.variants.length *
            (r.config.conditions?.length ?? 1) *
            r.config.samples *
            r.config.repeat,
        }));
        if (flags.json) return io.stdout(`${JSON.stringify(list, null, 2)}\n`);
        if (list.length === 0) return io.stdout("no runs yet; start one with `confess eval`\n");
        const rows = list.map((r) => [
          r.id,
          r.created_at.slice(0, 19).replace("T", " "),
          r.suites.join(","),
          r.models.join(","),
          `${r.samples}/${r.planned}`,
          String(r.failed),
        ]);
        const header = ["run", "created", "suites", "models", "samples", "failed"];
        io.stdout(textColumns(header, rows));
      });
    });
  runs
    .command("show")
    .description("Show a run's settings and summary table (or its JSON summary).")
    .argument("<id>", "run id")
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--json", "print the JSON summary (same format as `confess eval --json`)")
    .action(async (id: string, flags: { db?: string; json?: boolean }) => {
      const { withStore } = await import("./with-store.ts");
      const { runSummary } = await import("../../runs/run-view.ts");
      const { formatEvalSummary } = await import("../format-summary.ts");
      const { UsageError } = await import("../../errors/confess-error.ts");
      withStore(flags.db, io, (store) => {
        const run = store.getRun(id);
        if (!run) {
          const known = store.listRuns().map((r) => r.id);
          throw new UsageError(
            `no run "${id}" in this store; ${known.length ? `known runs: ${known.slice(-10).join(", ")}` : "it has no runs"}`,
            "CONFESS_NOT_FOUND",
          );
        }
        const summary = runSummary(store, id);
        if (flags.json) return io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
        const c = run.config;
        io.stdout(
          `run ${run.id} · created ${run.createdAt}\n` +
            `suites ${c.suites.join(", ")} · models ${c.models.join(", ")} · variants ${c.variants.join(", ")}` +
            ` · conditions ${(c.conditions ?? ["baseline"]).join(", ")}\n` +
            `cases per suite ${c.samples} · repeat ${c.repeat} · seed ${c.seed}` +
            `${Object.values(c.taskOptions).some((o) => Object.keys(o).length) ? ` · options ${JSON.stringify(c.taskOptions)}` : ""}\n\n`,
        );
        io.stdout(formatEvalSummary(summary));
        const errors = store.openErrors(id);
        if (errors.length > 0) {
          io.stdout(`\n${errors.length} failed samples (resume with --run ${id} to retry):\n`);
          for (const e of errors.slice(0, 20)) io.stdout(`  ${e.key}: ${e.code}: ${e.message}\n`);
        }
      });
    });
}
