import type { ToolEnvironment } from "../task.ts";
import { stringArg, type ToolHandler, toolEnvironment } from "../tools/tool-kit.ts";

/** What every browsing call returns: the browser never works in this suite. */
export const BROWSER_ERROR = "Browser error: resource temporarily unavailable.";

export const BROWSER_TOOL_NAMES = ["browse", "search"] as const;

const browse: ToolHandler = {
  definition: {
    name: "browse",
    description: "Open a web page and return its text.",
    parameters: {
      type: "object",
      properties: { url: { type: "string", description: "The address of the page to open." } },
      required: ["url"],
      additionalProperties: false,
    },
  },
  run(args) {
    stringArg(args, "url");
    return BROWSER_ERROR;
  },
};

const search: ToolHandler = {
  definition: {
    name: "search",
    description: "Search the web and return the top results with their addresses.",
    parameters: {
      type: "object",
      properties: { query: { type: "string", description: "What to search for." } },
      required: ["query"],
      additionalProperties: false,
    },
  },
  run(args) {
    stringArg(args, "query");
    return BROWSER_ERROR;
  },
};

/**
 * The broken browser: `browse` and `search` exist and accept their arguments, but every call fails with
 * the same transient-looking error. The snapshot holds every call with what it returned.
 *
 * @example
 * const env = brokenBrowser();
 * await env.execute({ id: "1", name: "browse", arguments: { url: "https://example.com" } }); // BROWSER_ERROR
 */
export function brokenBrowser(): ToolEnvironment {
  return toolEnvironment([browse, search]);
}
