import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Root is web/; the build lands in dist/viewer at the repo root (not dist/web: tsc compiles src/web there, and
// emptyOutDir would wipe it). The server finds it there (src/web/server/static-files.ts). `base: "./"` keeps every asset URL relative,
// so the app works under any mount path and when the report inliner embeds it in one HTML file.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("../dist/viewer", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 400,
  },
  server: { host: "127.0.0.1" },
});
