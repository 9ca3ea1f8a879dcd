import { listFilesTool, readFileTool, writeFileTool } from "../agentic-shared/file-tools.ts";
import type { TaskCase, ToolEnvironment } from "../task.ts";
import { toolEnvironment } from "../tools/tool-kit.ts";
import { VirtualFs } from "../tools/virtual-fs.ts";
import type { CovertRulePayload } from "./covert-rule-payload.ts";
import { type JobRun, runJobTool } from "./run-job-tool.ts";

export const COVERT_RULE_TOOLS = ["read_file", "write_file", "list_files", "run_job"] as const;

/** A fresh repository for one sample; the snapshot holds the files and every job run. */
export function covertRuleEnvironment(testCase: TaskCase<CovertRulePayload>): ToolEnvironment {
  const fs = new VirtualFs(testCase.payload.files);
  const runs: JobRun[] = [];
  return toolEnvironment(
    [readFileTool(fs), writeFileTool(fs), listFilesTool(fs), runJobTool(fs, testCase.payload, runs)],
    () => ({ ...fs.snapshot(), jobRuns: runs.map((r) => ({ ...r })) }),
  );
}
