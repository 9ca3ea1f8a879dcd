// Hash routes, so a static server and the self-contained report both work without server-side routing.

import { SAMPLE_CELLS, type SampleCell, type SampleFilter } from "../../src/web/viewer-api.ts";

/** Every page the app can show. */
export type Route =
  | { page: "runs"; query: URLSearchParams }
  | { page: "run"; runId: string }
  | { page: "samples"; runId: string; filter: SampleFilter }
  | { page: "sample"; sampleId: string; filter: SampleFilter }
  | { page: "compare"; runs: string[] }
  | { page: "monitor" }
  | { page: "monitor-request"; requestId: string }
  | { page: "lab" }
  | { page: "lab-curves"; runs: string[]; smooth: number }
  | { page: "not-found"; hash: string };

const FILTER_KEYS = ["task", "cell", "model", "condition", "variant"] as const;

/**
 * The sample filter in a query string; unknown cells are dropped.
 *
 * @example
 * filterOf(new URLSearchParams("task=word-count&cell=fn")) // { task: "word-count", cell: "fn" }
 */
export function filterOf(params: URLSearchParams): SampleFilter {
  const filter: SampleFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (!value) continue;
    if (key === "cell") {
      if ((SAMPLE_CELLS as readonly string[]).includes(value)) filter.cell = value as SampleCell;
    } else filter[key] = value;
  }
  return filter;
}

/**
 * A sample filter as a query string ("" when empty), in a fixed key order.
 *
 * @example
 * filterQuery({ cell: "fn", task: "word-count" }) // "?task=word-count&cell=fn"
 */
export function filterQuery(filter: SampleFilter): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * Reads a location hash (`#/runs/abc`) as a route.
 *
 * @example
 * parseRoute("#/samples/s1?cell=fn") // { page: "sample", sampleId: "s1", filter: { cell: "fn" } }
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const mark = raw.indexOf("?");
  const path = mark === -1 ? raw : raw.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? "" : raw.slice(mark + 1));
  let parts: string[];
  try {
    parts = path
      .split("/")
      .filter((part) => part !== "")
      .map((part) => decodeURIComponent(part));
  } catch {
    // a mistyped escape (`%E0%A4%A`) names no page; throwing here would leave the app blank
    return { page: "not-found", hash };
  }
  const [first, second, third] = parts;
  if (parts.length === 0) return { page: "runs", query };
  if (first === "runs" && second !== undefined && parts.length === 2) return { page: "run", runId: second };
  if (first === "runs" && second !== undefined && third === "samples" && parts.length === 3) {
    return { page: "samples", runId: second, filter: filterOf(query) };
  }
  if (first === "samples" && second !== undefined && parts.length === 2) {
    return { page: "sample", sampleId: second, filter: filterOf(query) };
  }
  if (first === "compare" && parts.length === 1) {
    return { page: "compare", runs: idList(query.get("runs")) };
  }
  if (first === "monitor" && parts.length === 1) return { page: "monitor" };
  if (first === "lab" && parts.length === 1) return { page: "lab" };
  if (first === "lab" && second === "curves" && parts.length === 2) {
    const smooth = Number(query.get("smooth") ?? DEFAULT_SMOOTH);
    return {
      page: "lab-curves",
      runs: idList(query.get("runs")),
      smooth: Number.isInteger(smooth) && smooth >= 1 && smooth <= 1000 ? smooth : DEFAULT_SMOOTH,
    };
  }
  if (first === "monitor" && second !== undefined && parts.length === 2) {
    return { page: "monitor-request", requestId: second };
  }
  return { page: "not-found", hash };
}

/** Steps in the lab curves' moving average unless the link says otherwise. */
export const DEFAULT_SMOOTH = 10;

const idList = (text: string | null): string[] =>
  (text ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");

/** Hash links to each page. */
export const links = {
  runs: (query = ""): string => `#/${query}`,
  run: (runId: string): string => `#/runs/${encodeURIComponent(runId)}`,
  samples: (runId: string, filter: SampleFilter = {}): string =>
    `#/runs/${encodeURIComponent(runId)}/samples${filterQuery(filter)}`,
  sample: (sampleId: string, filter: SampleFilter = {}): string =>
    `#/samples/${encodeURIComponent(sampleId)}${filterQuery(filter)}`,
  compare: (runs: readonly string[]): string => `#/compare?runs=${runs.map(encodeURIComponent).join(",")}`,
  monitor: (): string => "#/monitor",
  monitorRequest: (id: string): string => `#/monitor/${encodeURIComponent(id)}`,
  lab: (): string => "#/lab",
  labCurves: (runs: readonly string[], smooth = DEFAULT_SMOOTH): string =>
    `#/lab/curves?runs=${runs.map(encodeURIComponent).join(",")}${smooth === DEFAULT_SMOOTH ? "" : `&smooth=${smooth}`}`,
};
