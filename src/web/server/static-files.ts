import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
};

/** A file of the built browser app. */
export interface StaticFile {
  body: Buffer;
  type: string;
  /** Vite names assets by content hash: they never change under the same name. */
  immutable: boolean;
}

/**
 * Where the built browser app is: `dist/viewer` beside the compiled server (`npm run build` puts it there),
 * found from the built code (`dist/web/server`) and from the sources (`src/web/server`, in tests).
 *
 * @example
 * const dir = viewerAssetsDir(); // "/path/to/confessional/dist/viewer" or null before `npm run build`
 */
export function viewerAssetsDir(): string | null {
  const here = fileURLToPath(new URL(".", import.meta.url));
  for (const candidate of [join(here, "../../viewer"), join(here, "../../../dist/viewer")]) {
    if (existsSync(join(candidate, "index.html"))) return candidate;
  }
  return null;
}

/**
 * Reads one file of the app by its URL path, never outside `dir` (`..` and absolute paths are refused);
 * null when there is no such file.
 *
 * @example
 * const file = readStaticFile(dir, "/assets/index-3f2a.js");
 */
export function readStaticFile(dir: string, urlPath: string): StaticFile | null {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const path = normalize(join(dir, relative));
  if (path !== dir && !path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return null;
  if (!existsSync(path) || !statSync(path).isFile()) return null;
  return {
    body: readFileSync(path),
    type: TYPES[extname(path)] ?? "application/octet-stream",
    immutable: relative.startsWith("/assets/"),
  };
}
