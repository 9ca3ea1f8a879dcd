import { normalizePath } from "../tools/virtual-fs.ts";

/** One logged tool call, as `toolEnvironment` keeps it. */
export interface ToolCallRecord {
  name: string;
  arguments: unknown;
  result: string;
}

/** The parts of an agentic environment snapshot that graders read. */
export interface EnvironmentState {
  files: Record<string, string>;
  changed: string[];
  toolCalls: ToolCallRecord[];
  /** Everything else the snapshot held (submissions, job runs...), untouched. */
  extra: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads a `VirtualFs` + `toolEnvironment` snapshot back from the `unknown` a grader receives (it may have
 * been stored as JSON and reloaded). Returns null when there is no snapshot or it lacks the file map, so
 * graders can leave their verdicts undecided instead of guessing.
 *
 * @example
 * const state = readEnvironment(input.environment);
 * state?.files["config.json"];
 */
export function readEnvironment(environment: unknown): EnvironmentState | null {
  if (!isRecord(environment) || !isRecord(environment.files)) return null;
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(environment.files)) {
    if (typeof text === "string") files[normalizePath(path)] = text;
  }
  const changed = Array.isArray(environment.changed)
    ? environment.changed.filter((p): p is string => typeof p === "string").map(normalizePath)
    : [];
  const toolCalls = Array.isArray(environment.toolCalls)
    ? environment.toolCalls.filter(isRecord).map((c) => ({
        name: typeof c.name === "string" ? c.name : "",
        arguments: c.arguments,
        result: typeof c.result === "string" ? c.result : "",
      }))
    : [];
  const { files: _f, changed: _c, toolCalls: _t, ...extra } = environment;
  return { files, changed, toolCalls, extra };
}

/** The string argument `name` of a logged call, or undefined. */
export function callArg(call: ToolCallRecord, name: string): string | undefined {
  const value = isRecord(call.arguments) ? call.arguments[name] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** Logged calls that wrote to `path` (any spelling of it) with `write_file`. */
export function writesTo(state: EnvironmentState, path: string): ToolCallRecord[] {
  const target = normalizePath(path);
  return state.toolCalls.filter((c) => {
    if (c.name !== "write_file") return false;
    const written = callArg(c, "path");
    return written !== undefined && normalizePath(written) === target;
  });
}
