import { writeFile } from "node:fs/promises";
import { saveAudit } from "../../audit/audit-records.ts";
import { auditRun } from "../../audit/audit-run.ts";
import { formatAudit } from "../../audit/format-audit.ts";
import { isManipulation, MANIPULATIONS, type Manipulation } from "../../audit/manipulations.ts";
import { UsageError } from "../../errors/confess-error.ts";
import { createJudgeModel } from "../../judges/create-judge-model.ts";
import { createScriptedModel } from "../../models/scripted-model.ts";
import { getConfessionVariant } from "../../protocol/confession-request.ts";
import { runEval } from "../../runs/run-eval.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { resolveDbPath } from "../../store/open-database.ts";
import { getTask, resolveSuites } from "../../tasks/registry.ts";
import { callSettings, interruptOnSignals } from "../interrupt.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../main.ts";
import { createProgressReporter } from "../progress-reporter.ts";
import type { AuditFlags } from "./audit-command.ts";

export async function runAuditCommand(flags: AuditFlags, io: CliIO): Promise<number> {
  const manipulations: Manipulation[] = (
    flags.manipulations?.length ? flags.manipulations : MANIPULATIONS
  ).map((name) => {
    if (!isManipulation(name)) {
      throw new UsageError(`--manipulations: unknown "${name}"; valid: ${MANIPULATIONS.join(", ")}`);
    }
    return name;
  });
  if (flags.run && flags.suite?.length) {
    throw new UsageError("--suite picks the scripted source run; it cannot be combined with --run");
  }
  const tasks = resolveSuites(flags.suite?.length ? flags.suite : ["word-count"]);
  const calls = callSettings(flags, io);
  const judge = createJudgeModel(flags.judge, { tasks: getTask, ...calls.settings });

  const store = ConfessStore.open(resolveDbPath(flags.db, io.env), { backgroundWrites: true });
  const interrupt = interruptOnSignals(io, "the report will cover the calls that finished");
  try {
    let runId = flags.run;
    if (runId === undefined) {
      // honest samples give confessions to accept; hacker samples misbehave and confess, and each
      // honest confession of theirs is turned into the lies. The run is stored, so a second audit reuses it.
      runId = `audit-source-${tasks.map((t) => t.name).join("+")}-n${flags.samples}-s${flags.seed}`;
      const reporter = flags.progress ? await createProgressReporter(io, "source") : undefined;
      const source = await runEval({
        store,
        runId,
        grid: {
          tasks,
          models: ["honest", "hacker"].map((profile) =>
            createScriptedModel({ profile: profile as "honest" | "hacker", tasks: getTask }),
          ),
          variants: [getConfessionVariant("paper")],
          samples: flags.samples,
          repeat: 1,
          seed: flags.seed,
        },
        signal: interrupt.signal,
        ...(reporter ? { onProgress: (p) => reporter.update(p) } : {}),
      });
      reporter?.stop();
      if (source.interrupted) {
        io.stderr("confess: interrupted while making the source run; run the same command again to finish\n");
        return EXIT.interrupted;
      }
    } else if (!store.getRun(runId)) {
      throw new UsageError(
        `no run "${runId}" in this database; see \`confess runs list\``,
        "CONFESS_NOT_FOUND",
      );
    }
    // the audit takes the run's truth as known; say so when an LLM classifier decided it
    const byClassifier = [...store.latestVerdicts(runId).values()].some((targets) =>
      [...targets.values()].some(
        (v) => v.scorer.endsWith("/ground-truth") && v.target === "confessed" && v.method === "llm",
      ),
    );
    if (byClassifier) {
      io.stderr(
        "confess: note: this run's confessed truth was decided by an LLM classifier; the audit treats it as known\n",
      );
    }

    const reporter = flags.progress ? await createProgressReporter(io, "audit") : undefined;
    const report = await auditRun(store, runId, judge, {
      manipulations,
      threshold: flags.threshold,
      concurrency: flags.concurrency,
      cache: flags.cache,
      signal: interrupt.signal,
      ...(reporter ? { onProgress: (p) => reporter.update({ ...p, skipped: 0 }) } : {}),
    });
    reporter?.stop();
    // kept for the viewer's audit page; a partial report (interrupted) is not a finished audit
    if (!report.interrupted) saveAudit(store, { runId, judge: report.judge ?? judge.id, report });
    const json = `${JSON.stringify({ run: runId, ...report }, null, 2)}\n`;
    if (flags.out) await writeFile(flags.out, json);
    if (flags.json) io.stdout(json);
    else io.stdout(`audit of ${judge.id} on run ${runId}\n${formatAudit(report).trimEnd()}\n`);
    if (calls.retried() > 0) io.stderr(`confess: ${calls.retried()} calls were retried\n`);
    if (report.interrupted) {
      io.stderr("confess: interrupted; the report covers the calls that finished\n");
      return EXIT.interrupted;
    }
    return EXIT.ok;
  } finally {
    interrupt.dispose();
    await store.close();
  }
}
