// The viewer's JSON API: the contract between the server (src/web/server) and the browser app (web/). Types
// only, so the browser bundle can import them without pulling in server code. Every list is paginated; no
// endpoint returns a whole run.

import type { StoredAudit } from "../audit/audit-records.ts";
import type { LabRunHead } from "../lab/train/lab-run-records.ts";
import type { LabEvalRecord, LabStepRecord } from "../lab/train/train-lab.ts";
import type { Comparison } from "../metrics/paired-bootstrap.ts";
import type { StatusCounts } from "../metrics/summarize.ts";
import type {
  MonitorRequestDetail,
  MonitorRequestSummary,
  MonitorSeriesPoint,
  MonitorStats,
} from "../monitor/monitor-store.ts";
import type { EvalSummary } from "../runs/eval-summary.ts";
import type { SampleCell } from "../runs/sample-cell.ts";
import type { RunConfig, SampleRecord, VerdictRecord } from "../store/records.ts";

export { SAMPLE_CELLS, type SampleCell } from "../runs/sample-cell.ts";

/** `GET /api/overview`: what the database holds, for the empty states and the navigation. */
export interface OverviewResponse {
  /** The database file the viewer reads. */
  db: string;
  runs: number;
  monitorRequests: number;
  version: string;
}

/** One row of the runs list. */
export interface RunListItem {
  id: string;
  createdAt: string;
  models: string[];
  suites: string[];
  conditions: string[];
  variants: string[];
  /** Training step of the checkpoint the run evaluated, when it carries one (`confess eval --step`). */
  step: number | null;
  /** The numbers are from before the run's latest change (being recomputed); see `RunResponse.stale`. */
  stale: boolean;
  /** Finished samples and samples that failed for good. */
  samples: number;
  errors: number;
  status: StatusCounts;
  /**
   * Overall rates of the run's summary (same numbers and keys as `confess runs show --json`'s `overall`);
   * null when the run has no finished sample.
   */
  headline: {
    false_negative_rate: number | null;
    confessed_given_not_complied: number | null;
    not_complied: number | null;
  } | null;
}

/**
 * `GET /api/runs?q=&model=&suite=&condition=&offset=0&limit=50`: newest first. `q` matches the run id,
 * models and suites (substring, case-insensitive).
 */
export interface RunsResponse {
  total: number;
  offset: number;
  items: RunListItem[];
}

/** `GET /api/runs/:id`: the run page. `summary` is exactly `confess runs show <id> --json`. */
export interface RunResponse {
  run: { id: string; createdAt: string; config: RunConfig; step: number | null };
  /** When the summary was computed (ISO). */
  computedAt: string;
  /**
   * True when the run changed after `computedAt` (an eval or judge still writing, or a large run whose
   * recompute is under way): the numbers are those of `computedAt`, and a later request gets fresh ones.
   */
  stale: boolean;
  summary: EvalSummary;
  /** Sample counts per task and cell, for the confusion-matrix links (cells with 0 included). */
  cells: Record<string, Record<SampleCell, number>>;
  /** Whether the run has confidence verdicts (`/confidence`) and stored judge audits (`/audits`). */
  has: { confidence: boolean; audits: boolean };
}

/** One row of a run's sample list. */
export interface SampleListItem {
  id: string;
  /** Position in the run (insertion order); the cursor of the list. */
  seq: number;
  task: string;
  caseId: string;
  model: string;
  condition: string;
  variant: string;
  repeatIndex: number;
  /** The confession's parse status, or `error`. */
  status: string;
  cell: SampleCell;
  grade: number | null;
}

/** Filters shared by the sample list and a sample page's neighbours. All optional. */
export interface SampleFilter {
  task?: string;
  cell?: SampleCell;
  model?: string;
  condition?: string;
  variant?: string;
}

/**
 * `GET /api/runs/:id/samples?task=&cell=&model=&condition=&variant=&after=<seq>&limit=50`: in run order,
 * `limit` at most 200; `next` is the `after` of the next page, null on the last.
 */
export interface SamplesResponse {
  total: number;
  items: SampleListItem[];
  next: number | null;
}

/**
 * `GET /api/samples/:id?<SampleFilter>`: one sample whole, with every verdict ever written on it (oldest
 * first) and its neighbours within the same filter, for keyboard navigation.
 */
export interface SampleResponse {
  sample: SampleRecord;
  verdicts: VerdictRecord[];
  cell: SampleCell;
  /** The newest ground-truth verdicts, decoded: what the confession's claims are checked against. */
  truth: {
    complied: "complied" | "not_complied" | null;
    admitted: boolean | null;
    confessed: boolean | null;
    /** Per objective the grader checked: whether the confession's claim matches the truth. */
    objectives: Array<{ objective?: string; match: boolean; [key: string]: unknown }> | null;
  };
  neighbours: { prev: string | null; next: string | null; index: number; total: number };
}

/**
 * `GET /api/compare?runs=a,b[,c...]`: the first run is the baseline; each later run is compared with it over
 * the cases both answered (paired case bootstrap, as `confess compare`). Runs with a `step` are ordered by it
 * and `series` holds their overall rates for the line charts.
 */
export interface CompareResponse {
  runs: RunListItem[];
  comparisons: Array<{ a: string; b: string; comparison: Comparison }>;
  /** Overall rate per run, in `runs` order; present when at least two runs carry a step. */
  series: { steps: number[]; rates: Record<string, Array<number | null>> } | null;
}

/** `GET /api/runs/:id/confidence`: 404 when the run has no confidence verdicts. */
export interface ConfidenceResponse {
  judge: string;
  /** Samples with a confidence and a decided truth. */
  n: number;
  auc: number | null;
  aucCi95: [number, number] | null;
  ece: number | null;
  /** Reliability diagram: 20 equal-width bins of stated confidence. */
  bins: Array<{ lo: number; hi: number; n: number; meanConfidence: number | null; observed: number | null }>;
  /** ROC curve points from (0,0) to (1,1), by descending threshold. */
  roc: Array<{ fpr: number; tpr: number }>;
}

/** `GET /api/runs/:id/audits`: the judge audits made on this run (`confess audit --run <id>`), newest first. */
export interface AuditsResponse {
  items: StoredAudit[];
}

/**
 * `GET /api/monitor/requests?flagged=true|false&key=&model=&status=&outcome=&before=<cursor>&limit=50`:
 * newest first; `next` is the `before` of the next page.
 */
export interface MonitorRequestsResponse {
  items: MonitorRequestSummary[];
  next: string | null;
}

/** `GET /api/monitor/requests/:id`. */
export type MonitorRequestResponse = MonitorRequestDetail;

/** `GET /api/monitor/stats?since=<ISO>`. */
export type MonitorStatsResponse = MonitorStats;

/**
 * `GET /api/monitor/series?since=<ISO>&bucket=minute|hour|day`: one point per bucket that has requests, oldest
 * first; latency over requests answered `ok`.
 */
export interface MonitorSeriesResponse {
  bucket: "minute" | "hour" | "day";
  points: MonitorSeriesPoint[];
}

/**
 * `GET /api/monitor/events`: server-sent events. `event: requests` with `data: {"items": MonitorRequestSummary[]}`
 * whenever requests arrive or their confessions are written (checked about once a second).
 */
export interface MonitorEventData {
  items: MonitorRequestSummary[];
}

/** Every error response: `{ error: { message, code } }` with a 4xx/5xx status. */
export interface ApiError {
  error: { message: string; code: string };
}

/** `GET /api/lab`: the lab runs (`confess lab`) the database mirrors, most recently updated first. */
export interface LabRunsResponse {
  items: LabRunHead[];
}

/**
 * `GET /api/lab/:id?points=N`: one lab run's curves. `steps` holds at most `points` (default 1000) per-step
 * records: beyond that, consecutive steps are averaged in buckets of `bucket` steps (each point carries the
 * bucket's last step), so a long run stays a small response. `evals` are the summary evaluations, whole.
 * 404 (`not_found`) for an unknown id.
 */
export interface LabRunResponse {
  run: LabRunHead;
  bucket: number;
  steps: LabStepRecord[];
  evals: LabEvalRecord[];
  /** Runs of its checkpoints on the word-count suite (`confess lab --eval-samples`) stored, by step. */
  checkpointRuns: Array<{ step: number; runId: string }>;
}
