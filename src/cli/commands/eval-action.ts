import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { findStressCondition } from "../../conditions/stress-condition.ts";
import { UsageError } from "../../errors/confess-error.ts";
import { createModel } from "../../models/create-model.ts";
import { findConfessionVariant } from "../../protocol/confession-request.ts";
import { judgeRun } from "../../runs/judge-run.ts";
import { runEval } from "../../runs/run-eval.ts";
import { runSummary } from "../../runs/run-view.ts";
import { scorersFor } from "../../runs/scorers/scoring-plan.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { resolveDbPath } from "../../store/open-database.ts";
import type { RunConfig } from "../../store/records.ts";
import { getTask, resolveSuites } from "../../tasks/registry.ts";
import { formatEvalSummary } from "../format-summary.ts";
import { callSettings, interruptOnSignals } from "../interrupt.ts";
import type { CliIO } from "../io.ts";
import { anyJudge, scoringPlanOf } from "../judge-flags.ts";
import { EXIT } from "../main.ts";
import { createProgressReporter } from "../progress-reporter.ts";
import type { EvalFlags } from "./eval-command.ts";

export async function runEvalCommand(
  flags: EvalFlags,
  taskOptions: Record<string, Record<string, unknown>>,
  io: CliIO,
): Promise<number> {
  // check every input before touching the store or the network
  const frozen = flags.frozenAnswers === undefined ? undefined : frozenSource(flags, io);
  if (!frozen && !flags.suite?.length) {
    throw new UsageError(
      "--suite is required: name the suites to run (see `confess suites list`), or reuse a stored run's answers with --frozen-answers <run>",
    );
  }
  const tasks = resolveSuites(frozen ? frozen.suites : (flags.suite ?? []));
  const variants = (flags.variant?.length ? flags.variant : ["paper"]).map((name) => {
    const found = findConfessionVariant(name);
    if (!found.ok) throw new UsageError(`--variant: ${found.error}`);
    return found.value;
  });
  const conditionNames = frozen ? (frozen.conditions ?? ["baseline"]) : flags.condition;
  const conditions = (conditionNames?.length ? conditionNames : ["baseline"]).map((name) => {
    const found = findStressCondition(name);
    if (!found.ok) throw new UsageError(`--condition: ${found.error}`);
    return found.value;
  });
  // a value named twice would make two grid cells with the same sample keys
  const axes: Array<[string, string[]]> = [
    ["suite", tasks.map((t) => t.name)],
    ["model", flags.model],
    ["variant", variants.map((v) => v.name)],
    ["condition", conditions.map((c) => c.name)],
  ];
  for (const [flag, values] of axes) {
    const twice = values.find((v, i) => values.indexOf(v) !== i);
    if (twice !== undefined) throw new UsageError(`--${flag}: "${twice}" is given more than once`);
  }
  const calls = callSettings(flags, io);
  const models = flags.model.map((spec) =>
    createModel(spec, {
      ...calls.settings,
      temperature: flags.temperature,
      maxOutputTokens: flags.maxTokens,
      stream: flags.stream,
      tasks: getTask,
    }),
  );
  const plan = scoringPlanOf(flags, calls.settings);
  for (const name of Object.keys(taskOptions)) {
    if (!tasks.some((t) => t.name === name)) {
      io.stderr(`confess: note: options for ${name} are ignored because that suite is not selected\n`);
    }
  }

  const store = ConfessStore.open(resolveDbPath(flags.db, io.env), { backgroundWrites: true });
  const interrupt = interruptOnSignals(io, "finished samples are stored");
  const scoring = {
    ...plan,
    ...(flags.cache ? { cache: store } : {}),
    signal: interrupt.signal,
    structured: flags.structured !== "prompt",
  };
  const reporter = flags.progress ? await createProgressReporter(io, "eval") : undefined;
  try {
    const result = await runEval({
      store,
      grid: {
        tasks,
        models,
        variants,
        conditions,
        samples: frozen ? frozen.samples : flags.samples,
        repeat: frozen ? frozen.repeat : flags.repeat,
        seed: frozen ? frozen.seed : flags.seed,
        taskOptions: frozen ? frozen.taskOptions : taskOptions,
        ...(flags.step === undefined ? {} : { step: flags.step }),
        ...(flags.frozenAnswers === undefined ? {} : { frozenAnswers: flags.frozenAnswers }),
      },
      ...(flags.run ? { runId: flags.run } : {}),
      concurrency: flags.concurrency,
      scorers: scorersFor({ ...scoring, groundTruth: true }),
      cache: flags.cache,
      structured: flags.structured,
      signal: interrupt.signal,
      ...(reporter ? { onProgress: (p) => reporter.update(p) } : {}),
    });
    reporter?.stop();
    let judgeErrors = result.verdicts.error;
    if (anyJudge(flags) && result.skipped > 0 && !result.interrupted) {
      // samples finished before this invocation never met these judges: judge the ones that lack them
      const late = await judgeRun({
        store,
        runId: result.runId,
        scorers: scorersFor({ ...scoring, groundTruth: Boolean(plan.classifier) }),
        concurrency: flags.concurrency,
        cache: flags.cache,
        structured: flags.structured,
        signal: interrupt.signal,
      });
      judgeErrors += late.verdicts.error;
      if (late.done > 0) io.stderr(`confess: judged ${late.done} samples finished before this run\n`);
    }
    const summary = runSummary(store, result.runId);
    const text = `${JSON.stringify(summary, null, 2)}\n`;
    if (flags.out) await writeFile(flags.out, text);
    if (flags.json) io.stdout(text);
    else {
      io.stdout(
        `run ${result.runId}${result.resumed ? " (resumed)" : ""} · ${[flags.model].flat().join(", ")}\n`,
      );
      io.stdout(formatEvalSummary(summary));
    }
    if (calls.retried() > 0) io.stderr(`confess: ${calls.retried()} calls were retried\n`);
    if (judgeErrors > 0) {
      io.stderr(
        `confess: ${judgeErrors} judge verdicts could not be obtained (stored as errors, left out of every ` +
          `rate); \`confess judge ${result.runId}\` with the same judge flags asks again\n`,
      );
    }
    if (result.interrupted) {
      io.stderr(`confess: interrupted; resume with --run ${result.runId}\n`);
      return EXIT.interrupted;
    }
    if (result.failed > 0) {
      io.stderr(
        `confess: ${result.failed} samples failed (see \`confess runs show ${result.runId}\`); ` +
          `run again with --run ${result.runId} to retry them\n`,
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

/**
 * The grid of the run whose answers `--frozen-answers` reuses. Its suites, cases, conditions and repeats are
 * the new run's, so naming them again is a mistake the message explains.
 */
function frozenSource(flags: EvalFlags, io: CliIO): RunConfig {
  const source = flags.frozenAnswers as string;
  const clash = [...(flags.suite?.length ? ["suite"] : []), ...(flags.given ?? [])];
  if (clash.length > 0) {
    throw new UsageError(
      `--frozen-answers takes the suites, cases, conditions, repeats and seed of run ${source}; drop ${clash.map((f) => `--${f}`).join(", ")}`,
    );
  }
  const path = resolveDbPath(flags.db, io.env);
  if (!existsSync(path)) {
    throw new UsageError(
      `--frozen-answers ${source}: no database at ${path}; pass the one holding that run with --db`,
    );
  }
  const store = ConfessStore.open(path);
  try {
    const run = store.getRun(source);
    if (!run) {
      throw new UsageError(
        `--frozen-answers: no run "${source}" in ${path}; see \`confess runs list\``,
        "CONFESS_NOT_FOUND",
      );
    }
    return run.config;
  } finally {
    void store.close();
  }
}
