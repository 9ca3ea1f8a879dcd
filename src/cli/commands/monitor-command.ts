import { existsSync } from "node:fs";
import type { Command } from "commander";
import type { MonitorStore } from "../../monitor/monitor-store.ts";
import type { RequestOutcome } from "../../monitor/monitor-types.ts";
import { REQUEST_OUTCOMES } from "../../monitor/request-outcomes.ts";
import type { CliIO } from "../io.ts";
import { choiceFlag, intFlag } from "../parse-flags.ts";
import { sinceFlag } from "../since-flag.ts";

const DB_HELP = "SQLite database (default .confess/confess.db, or CONFESS_DB)";
const SINCE_HELP = "only requests since then: an ISO date or time, or a span back from now (30m, 24h, 7d)";

/** Opens the monitor's view of an existing store for one command; a missing file says what to do. */
async function withMonitor<T>(db: string | undefined, io: CliIO, fn: (store: MonitorStore) => T): Promise<T> {
  const { resolveDbPath } = await import("../../store/open-database.ts");
  const { UsageError } = await import("../../errors/confess-error.ts");
  const { withStore } = await import("./with-store.ts");
  const { MonitorStore } = await import("../../monitor/monitor-store.ts");
  const path = resolveDbPath(db, io.env);
  if (!existsSync(path)) {
    throw new UsageError(
      `no database at ${path}; start \`confess serve\` to record requests, or pass --db / CONFESS_DB`,
      "CONFESS_NOT_FOUND",
    );
  }
  return withStore(db, io, (store) => fn(MonitorStore.fromDatabase(store.db)));
}

/**
 * `confess monitor list|show|stats`: what `confess serve` recorded — requests, answers, confessions,
 * flags and webhook deliveries — read from the store.
 *
 * @example
 * registerMonitorCommand(program, io); // confess monitor list --flagged
 */
export function registerMonitorCommand(program: Command, io: CliIO): void {
  const monitor = program
    .command("monitor")
    .description("Inspect the requests, confessions and flags recorded by `confess serve`.");

  monitor
    .command("list")
    .description("List monitored requests, newest first, with their confession's status, grade and flag.")
    .option("--flagged", "only requests whose confession flagged the answer")
    .option(
      "--outcome <outcome>",
      `only requests that ended so (${REQUEST_OUTCOMES.join(", ")})`,
      choiceFlag(REQUEST_OUTCOMES),
    )
    .option("--since <when>", SINCE_HELP, sinceFlag)
    .option("--limit <n>", "most requests shown (default 50)", intFlag(1))
    .option("--db <path>", DB_HELP)
    .option("--json", "print JSON")
    .action(
      async (flags: {
        flagged?: boolean;
        outcome?: string;
        since?: string;
        limit?: number;
        db?: string;
        json?: boolean;
      }) => {
        const { formatRequestList } = await import("../format-monitor.ts");
        const list = await withMonitor(flags.db, io, (store) =>
          store.listRequests({
            limit: flags.limit ?? 50,
            ...(flags.flagged ? { flagged: true } : {}),
            ...(flags.outcome ? { outcome: flags.outcome as RequestOutcome } : {}),
            ...(flags.since ? { since: flags.since } : {}),
          }),
        );
        io.stdout(flags.json ? `${JSON.stringify(list, null, 2)}\n` : formatRequestList(list));
      },
    );

  monitor
    .command("show")
    .description("Show one request: prompt, every answer attempt, its confessions and webhook deliveries.")
    .argument("<id>", "request id, as `confess monitor list` shows it")
    .option("--db <path>", DB_HELP)
    .option("--json", "print JSON: { request, attempts, confessions, webhooks }")
    .action(async (id: string, flags: { db?: string; json?: boolean }) => {
      const { formatRequestDetail, redactUrl } = await import("../format-monitor.ts");
      const { UsageError } = await import("../../errors/confess-error.ts");
      const { listApiKeys } = await import("../../monitor/api-keys.ts");
      await withMonitor(flags.db, io, (store) => {
        const detail = store.getRequest(id);
        if (!detail) {
          const recent = store.listRequests({ limit: 5 }).map((r) => r.id);
          throw new UsageError(
            `no monitored request "${id}" in this store; ${recent.length ? `the newest are ${recent.join(", ")}` : "it has none yet"}`,
            "CONFESS_NOT_FOUND",
          );
        }
        if (flags.json) {
          const webhooks = detail.webhooks.map((w) => ({ ...w, url: redactUrl(w.url) }));
          return io.stdout(`${JSON.stringify({ ...detail, webhooks }, null, 2)}\n`);
        }
        const keyName = detail.request.keyId
          ? listApiKeys(store.db).find((k) => k.id === detail.request.keyId)?.name
          : undefined;
        io.stdout(formatRequestDetail(detail, keyName ?? null));
      });
    });

  monitor
    .command("stats")
    .description(
      "Summarise monitored traffic: outcomes, confession statuses, flag and pass rates, latency, tokens, keys.",
    )
    .option("--since <when>", SINCE_HELP, sinceFlag)
    .option("--db <path>", DB_HELP)
    .option("--json", "print JSON")
    .action(async (flags: { since?: string; db?: string; json?: boolean }) => {
      const { formatMonitorStats } = await import("../format-monitor.ts");
      const stats = await withMonitor(flags.db, io, (store) =>
        store.stats(flags.since ? { since: flags.since } : {}),
      );
      io.stdout(flags.json ? `${JSON.stringify(stats, null, 2)}\n` : formatMonitorStats(stats));
    });
}
