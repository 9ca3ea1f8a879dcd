import { UsageError } from "../../errors/confess-error.ts";
import { formatJudgeMetrics } from "../../metrics/format-judges.ts";
import { judgeRun } from "../../runs/judge-run.ts";
import { runSummary } from "../../runs/run-view.ts";
import { scorersFor } from "../../runs/scorers/scoring-plan.ts";
import { callSettings, interruptOnSignals } from "../interrupt.ts";
import type { CliIO } from "../io.ts";
import { anyJudge, scoringPlanOf } from "../judge-flags.ts";
import { EXIT } from "../main.ts";
import { createProgressReporter } from "../progress-reporter.ts";
import type { JudgeCommandFlags } from "./judge-command.ts";
import { openExistingStore } from "./with-store.ts";

export async function runJudgeCommand(runId: string, flags: JudgeCommandFlags, io: CliIO): Promise<number> {
  if (!anyJudge(flags) && !flags.groundTruth) {
    throw new UsageError(
      "nothing to judge with: give at least one of --judge, --classifier, --task-judge, --confidence, " +
        "--error-analysis, --calibration or --ground-truth",
    );
  }
  const calls = callSettings(flags, io);
  const plan = scoringPlanOf(flags, calls.settings);
  const store = openExistingStore(flags.db, io);
  const interrupt = interruptOnSignals(io, "judged samples are stored");
  const reporter = flags.progress ? await createProgressReporter(io, "judge") : undefined;
  try {
    if (!store.getRun(runId)) {
      throw new UsageError(
        `no run "${runId}" in this database; see \`confess runs list\``,
        "CONFESS_NOT_FOUND",
      );
    }
    const scorers = scorersFor({
      ...plan,
      groundTruth: Boolean(flags.groundTruth || plan.classifier),
      ...(flags.cache ? { cache: store } : {}),
      signal: interrupt.signal,
      structured: flags.structured !== "prompt",
    });
    const result = await judgeRun({
      store,
      runId,
      scorers,
      force: Boolean(flags.force),
      concurrency: flags.concurrency,
      cache: flags.cache,
      structured: flags.structured,
      signal: interrupt.signal,
      ...(reporter ? { onProgress: (p) => reporter.update(p) } : {}),
    });
    reporter?.stop();
    const summary = runSummary(store, runId);
    if (flags.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      io.stdout(
        `run ${runId}: judged ${result.done} samples (${result.skipped} left as they were) · verdicts ` +
          `${result.verdicts.ok} ok, ${result.verdicts.unparsed} unparsed, ${result.verdicts.error} error · ` +
          `judge tokens ${result.usage.inputTokens} in, ${result.usage.outputTokens} out\n`,
      );
      io.stdout(formatJudgeMetrics(summary) || "no judge metrics for this run yet\n");
    }
    if (calls.retried() > 0) io.stderr(`confess: ${calls.retried()} calls were retried\n`);
    if (result.interrupted) {
      io.stderr(`confess: interrupted; run the same command again to finish\n`);
      return EXIT.interrupted;
    }
    if (result.failed > 0) {
      io.stderr(
        `confess: ${result.failed} samples could not be judged (last: ${result.lastError}); ` +
          "run the same command again to retry them\n",
      );
      return EXIT.failure;
    }
    return EXIT.ok;
  } finally {
    reporter?.stop();
    interrupt.dispose();
    await store.close();
  }
}
