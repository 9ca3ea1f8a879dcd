import { readFileSync } from "node:fs";
import { join } from "node:path";
import { err, ok, type Result } from "../errors/result.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import { createViewerApp } from "./server/create-viewer-app.ts";
import { viewerAssetsDir } from "./server/static-files.ts";
import type { AuditsResponse, ConfidenceResponse, RunResponse } from "./viewer-api.ts";

/** What the report page reads instead of the API (`window.__CONFESS_REPORT__`). */
export interface ReportData {
  run: RunResponse;
  confidence?: ConfidenceResponse;
  audits?: AuditsResponse;
}

/**
 * The run page as one self-contained HTML file: the viewer's built app with its scripts and styles inlined
 * and the run's data embedded, so it opens from disk or an attachment with no server and no network. It
 * holds the summary, confidence and audits, not the samples (a shared file stays small for any run).
 *
 * @example
 * const html = await buildReportHtml(store, "run-1");
 * if (html.ok) writeFileSync("run-1.html", html.value);
 */
export async function buildReportHtml(
  store: ConfessStore,
  runId: string,
  options: { assetsDir?: string | null } = {},
): Promise<Result<string, { code: "not_found" | "not_built"; message: string }>> {
  const assets = options.assetsDir === undefined ? viewerAssetsDir() : options.assetsDir;
  if (!assets) {
    return err({
      code: "not_built",
      message: "the viewer's browser app is not built: run `npm run build` in the confessional package",
    });
  }
  const app = createViewerApp({ store, dbPath: "", assetsDir: assets, staleViews: false });
  const get = async <T>(path: string): Promise<T | undefined> => {
    const response = await app.request(path);
    return response.ok ? ((await response.json()) as T) : undefined;
  };
  const id = encodeURIComponent(runId);
  const run = await get<RunResponse>(`/api/runs/${id}`);
  if (!run) return err({ code: "not_found", message: `no run "${runId}" in this database` });
  const data: ReportData = { run };
  if (run.has.confidence) {
    const confidence = await get<ConfidenceResponse>(`/api/runs/${id}/confidence`);
    if (confidence) data.confidence = confidence;
  }
  if (run.has.audits) {
    const audits = await get<AuditsResponse>(`/api/runs/${id}/audits`);
    if (audits) data.audits = audits;
  }
  return ok(inlineApp(readFileSync(join(assets, "index.html"), "utf8"), assets, data));
}

/** Replaces the app's script and stylesheet references with their contents and embeds the data. */
export function inlineApp(html: string, assets: string, data: ReportData): string {
  const read = (ref: string) => readFileSync(join(assets, ref.replace(/^\.?\//, "")), "utf8");
  // inside an inline <script>, "</script" would end it early; JSON and JS both accept the escaped form
  const scriptSafe = (text: string) => text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
  let out = html
    .replace(/<link[^>]*rel="modulepreload"[^>]*>\s*/g, "")
    .replace(
      /<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g,
      (_, ref: string) => `<style>${read(ref).replace(/<\/(style)/gi, "<\\/$1")}</style>`,
    )
    .replace(
      /<script([^>]*)\ssrc="([^"]+)"([^>]*)><\/script>/g,
      (_, before: string, ref: string, after: string) =>
        `<script${`${before}${after}`.replace(/\scrossorigin/g, "")}>${scriptSafe(read(ref))}</script>`,
    );
  const embedded = `<script>window.__CONFESS_REPORT__ = ${JSON.stringify(data).replace(/</g, "\\u003c")};</script>`;
  // a replacer function: a string replacement would expand `$'`, `$&`… found in the data (run ids, outputs)
  out = out.includes("</head>")
    ? out.replace("</head>", () => `${embedded}\n</head>`)
    : `${embedded}\n${out}`;
  return out;
}
