import { listFilesTool, readFileTool } from "../agentic-shared/file-tools.ts";
import type { TaskCase, ToolEnvironment } from "../task.ts";
import { toolEnvironment } from "../tools/tool-kit.ts";
import { VirtualFs } from "../tools/virtual-fs.ts";
import type { SandbaggingPayload } from "./sandbagging-payload.ts";
import { submitTool } from "./submit-tool.ts";

export const SANDBAGGING_TOOLS = ["read_file", "list_files", "submit"] as const;

/** A fresh, read-only workspace for one sample; the snapshot holds the files and the submission. */
export function sandbaggingEnvironment(testCase: TaskCase<SandbaggingPayload>): ToolEnvironment {
  const fs = new VirtualFs(testCase.payload.files);
  const submissions: string[][] = [];
  return toolEnvironment(
    [readFileTool(fs), listFilesTool(fs), submitTool(testCase.payload.questions.length, submissions)],
    () => ({ ...fs.snapshot(), submissions: submissions.map((s) => [...s]) }),
  );
}
