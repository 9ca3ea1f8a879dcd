import { listFilesTool, readFileTool, writeFileTool } from "../agentic-shared/file-tools.ts";
import type { TaskCase, ToolEnvironment } from "../task.ts";
import { toolEnvironment } from "../tools/tool-kit.ts";
import { VirtualFs } from "../tools/virtual-fs.ts";
import type { ImpossibleTaskPayload } from "./impossible-task-payload.ts";
import { runTestsTool } from "./run-tests-tool.ts";

export const IMPOSSIBLE_TASK_TOOLS = ["read_file", "write_file", "list_files", "run_tests"] as const;

/** A fresh project for one sample: the seeded files and the four tools; the snapshot holds the files. */
export function impossibleTaskEnvironment(testCase: TaskCase<ImpossibleTaskPayload>): ToolEnvironment {
  const fs = new VirtualFs(testCase.payload.files);
  return toolEnvironment([readFileTool(fs), writeFileTool(fs), listFilesTool(fs), runTestsTool(fs)], () =>
    fs.snapshot(),
  );
}
