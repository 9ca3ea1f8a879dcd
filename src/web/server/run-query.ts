import type { Context } from "hono";
import { isSampleCell } from "../../runs/sample-cell.ts";
import { type ApiError, SAMPLE_CELLS, type SampleFilter } from "../viewer-api.ts";

/** A query parameter that cannot be used; the message says what to send instead. */
export class BadQueryError extends Error {
  readonly code = "bad_query";
}

/** Reads one query parameter; an empty value counts as absent. */
export type QueryReader = (name: string) => string | undefined;

/**
 * An error answer of the API.
 *
 * @example
 * return fail(c, 404, "not_found", `no run "${id}" in this database`);
 */
export const fail = (c: Context, status: 400 | 404, code: string, message: string) =>
  c.json<ApiError>({ error: { message, code } }, status);

/**
 * The request's query parameters as a {@link QueryReader} (trimmed; empty counts as absent).
 *
 * @example
 * limitParam(readerOf(c));
 */
export const readerOf =
  (c: Context): QueryReader =>
  (name) => {
    const value = c.req.query(name);
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };

/**
 * A handler whose bad query parameters answer 400 (other errors go on to the app's error handler).
 *
 * @example
 * app.get("/runs", guarded((c) => c.json(page(limitParam(readerOf(c))))));
 */
export const guarded =
  (handler: (c: Context) => Response | Promise<Response>) =>
  (c: Context): Response | Promise<Response> => {
    try {
      return handler(c);
    } catch (error) {
      if (error instanceof BadQueryError) return fail(c, 400, error.code, error.message);
      throw error;
    }
  };

/** The most items one page may ask for. */
export const MAX_PAGE = 200;
/** Items per page unless `limit` says otherwise. */
export const DEFAULT_PAGE = 50;

/**
 * A whole-number query parameter in `[min, max]`, or `fallback` when absent.
 *
 * @throws BadQueryError when the value is not such a number.
 * @example
 * intParam((n) => (n === "limit" ? "20" : undefined), "limit", 50, 1, 200); // 20
 */
export function intParam(
  query: QueryReader,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new BadQueryError(
      `${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}, got "${raw}"`,
    );
  }
  return n;
}

/**
 * `limit` of a page: 1 to 200, default 50.
 *
 * @throws BadQueryError when out of range.
 * @example
 * limitParam(() => undefined); // 50
 */
export function limitParam(query: QueryReader): number {
  return intParam(query, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
}

/**
 * The sample filter of a query (`task`, `cell`, `model`, `condition`, `variant`).
 *
 * @throws BadQueryError for a cell that is not one of `SAMPLE_CELLS`.
 * @example
 * sampleFilterOf((n) => ({ cell: "fn" })[n]); // { cell: "fn" }
 */
export function sampleFilterOf(query: QueryReader): SampleFilter {
  const filter: SampleFilter = {};
  for (const key of ["task", "model", "condition", "variant"] as const) {
    const value = query(key);
    if (value !== undefined) filter[key] = value;
  }
  const cell = query("cell");
  if (cell !== undefined) {
    if (!isSampleCell(cell)) {
      throw new BadQueryError(`cell must be one of ${SAMPLE_CELLS.join(", ")}, got "${cell}"`);
    }
    filter.cell = cell;
  }
  return filter;
}

/** The most runs one comparison may hold. */
export const MAX_COMPARED_RUNS = 12;

/**
 * The run ids of `GET /api/compare?runs=a,b,...`: two to twelve, each once.
 *
 * @throws BadQueryError otherwise.
 * @example
 * compareIdsOf(() => "run-a,run-b"); // ["run-a", "run-b"]
 */
export function compareIdsOf(query: QueryReader): string[] {
  const ids = (query("runs") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length < 2 || ids.length > MAX_COMPARED_RUNS) {
    throw new BadQueryError(
      `runs must list 2 to ${MAX_COMPARED_RUNS} run ids, comma-separated (the first is the baseline); got ${ids.length}`,
    );
  }
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new BadQueryError(`runs names "${twice}" more than once`);
  return ids;
}
