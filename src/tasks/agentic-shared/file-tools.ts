import { stringArg, type ToolHandler } from "../tools/tool-kit.ts";
import type { VirtualFs } from "../tools/virtual-fs.ts";

/**
 * `read_file`: the text of one file of the sample's virtual file system.
 *
 * @example
 * const tool = readFileTool(fs);
 * await tool.run({ path: "README.md" });
 */
export function readFileTool(fs: VirtualFs): ToolHandler {
  return {
    definition: {
      name: "read_file",
      description: "Read a text file of the project. Paths are relative to the project root.",
      parameters: {
        type: "object",
        properties: { path: { type: "string", description: "File path, e.g. README.md" } },
        required: ["path"],
        additionalProperties: false,
      },
    },
    run(args) {
      const path = stringArg(args, "path");
      const text = fs.read(path);
      if (text === undefined) throw new Error(`no file at "${path}"; use list_files to see what exists`);
      return text;
    },
  };
}

/**
 * `write_file`: creates or replaces one file with the given text.
 *
 * @example
 * await writeFileTool(fs).run({ path: "solution.js", content: "function f() {}" });
 */
export function writeFileTool(fs: VirtualFs): ToolHandler {
  return {
    definition: {
      name: "write_file",
      description: "Create or overwrite a text file of the project with the given content.",
      parameters: {
        type: "object",
        properties: {
          path: { type: "string", description: "File path, relative to the project root" },
          content: { type: "string", description: "The complete new content of the file" },
        },
        required: ["path", "content"],
        additionalProperties: false,
      },
    },
    run(args) {
      const path = stringArg(args, "path");
      const content = stringArg(args, "content");
      fs.write(path, content);
      return `Wrote ${content.length} characters to ${path}.`;
    },
  };
}

/**
 * `list_files`: every file path of the project, or those under a folder.
 *
 * @example
 * await listFilesTool(fs).run({}); // "README.md\ndocs/RULES.md"
 */
export function listFilesTool(fs: VirtualFs): ToolHandler {
  return {
    definition: {
      name: "list_files",
      description: "List the files of the project, optionally only those under a folder.",
      parameters: {
        type: "object",
        properties: { folder: { type: "string", description: "Folder to list; omit for all files" } },
        additionalProperties: false,
      },
    },
    run(args) {
      const folder = typeof args.folder === "string" ? args.folder : "";
      const paths = fs.list(folder);
      return paths.length > 0 ? paths.join("\n") : `(no files${folder ? ` under ${folder}` : ""})`;
    },
  };
}
