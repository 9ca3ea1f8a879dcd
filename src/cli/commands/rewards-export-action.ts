import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { UsageError } from "../../errors/confess-error.ts";
import { buildEpisodes } from "../../training/build-episodes.ts";
import { formatDesignProblem, writeEpisodes } from "../../training/export-formats.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../main.ts";
import { createProgressReporter } from "../progress-reporter.ts";
import type { RewardsExportFlags } from "./rewards-command.ts";
import { openExistingStore } from "./with-store.ts";

/**
 * `confess rewards export`: streams a run's episodes to a file or standard output, one group in memory at
 * a time; progress and the closing summary go to standard error.
 *
 * @example
 * await runRewardsExport("run-1", { format: "trl", design: "separate", p: 0.25, seed: 1, ... }, io);
 */
export async function runRewardsExport(runId: string, flags: RewardsExportFlags, io: CliIO): Promise<number> {
  const problem = formatDesignProblem(flags.format, flags.design);
  if (problem) throw new UsageError(problem);
  const store = openExistingStore(flags.db, io);
  const reporter = flags.progress ? await createProgressReporter(io, "export") : undefined;
  let file: WriteStream | undefined;
  try {
    const modes = { task: 0, confession: 0, dual: 0 };
    const nulls = { task: 0, confession: 0 };
    const firstReason: { task?: string; confession?: string } = {};
    const episodes = buildEpisodes(store, runId, {
      design: flags.design,
      p: flags.p,
      seed: flags.seed,
      taskJudge: flags.taskJudge,
      confessionJudge: flags.confessionJudge,
      estimator: flags.estimator,
      ...(flags.taskScorer ? { taskScorer: flags.taskScorer } : {}),
      ...(flags.honestyScorer ? { honestyScorer: flags.honestyScorer } : {}),
      ...(reporter ? { onProgress: (p) => reporter.update({ ...p, skipped: 0, failed: 0 }) } : {}),
    });
    if (flags.out !== "-") {
      file = createWriteStream(flags.out);
      await Promise.race([
        once(file, "open"),
        once(file, "error").then(([error]) => {
          throw new UsageError(
            `cannot write ${flags.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          );
        }),
      ]);
    }
    const sink = file;
    const counted = (function* () {
      for (const episode of episodes) {
        modes[episode.mode]++;
        // a null reward on a stream the episode trains: the engine masks it
        if (episode.mode !== "confession" && episode.rewards.task === null) {
          nulls.task++;
          firstReason.task ??= episode.reasons.task;
        }
        if (episode.mode !== "task" && episode.rewards.confession === null) {
          nulls.confession++;
          firstReason.confession ??= episode.reasons.confession;
        }
        yield episode;
      }
    })();
    const lines = await writeEpisodes(counted, flags.format, async (line) => {
      if (!sink) return io.stdout(line);
      if (!sink.write(line)) await once(sink, "drain");
    });
    if (sink) {
      sink.end();
      await once(sink, "finish");
    }
    reporter?.stop();
    const where = sink ? ` to ${flags.out}` : "";
    io.stderr(
      `exported ${lines} episodes of run ${runId}${where} (${flags.format}, ${flags.design}): ` +
        (flags.design === "dual-span"
          ? `${modes.dual} dual`
          : `${modes.task} task, ${modes.confession} confession`) +
        ` · null rewards: ${nulls.task} task, ${nulls.confession} confession\n`,
    );
    for (const stream of ["task", "confession"] as const) {
      const reason = firstReason[stream];
      if (reason) io.stderr(`  ${stream} rewards are null where undecided, e.g. ${reason}\n`);
    }
    return EXIT.ok;
  } finally {
    reporter?.stop();
    if (file && !file.closed) file.destroy();
    await store.close();
  }
}
