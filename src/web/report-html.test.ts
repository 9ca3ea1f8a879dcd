import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inlineApp, type ReportData } from "./report-html.ts";

/** A built app in miniature: index.html referencing one script and one stylesheet. */
function fakeAssets(): string {
  const dir = mkdtempSync(join(tmpdir(), "confess-report-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "assets/app.js"), 'console.log("</script>");\n');
  writeFileSync(join(dir, "assets/app.css"), "body { color: red }\n");
  return dir;
}

const INDEX = `<!doctype html><html><head><title>t</title>
<script type="module" crossorigin src="./assets/app.js"></script>
<link rel="stylesheet" crossorigin href="./assets/app.css">
</head><body><div id="app"></div></body></html>`;

/** The embedded data read back as the browser would (the `\u003c` escapes are JSON too). */
function embedded(html: string): unknown {
  const match = /window\.__CONFESS_REPORT__ = (.*?);<\/script>/s.exec(html);
  if (!match) throw new Error("no embedded data");
  return JSON.parse(match[1] as string);
}

describe("inlineApp", () => {
  it("embeds data holding $', $& and </script> unchanged, inside the one head", () => {
    const hostile = "run$'$&$`</script><script>alert(1)</script><!--";
    const data = { run: { run: { id: hostile }, summary: { note: hostile } } } as unknown as ReportData;
    const html = inlineApp(INDEX, fakeAssets(), data);
    expect(embedded(html)).toEqual(data);
    expect(html.match(/<\/head>/g)).toHaveLength(1);
    expect(html.match(/<body>/g)).toHaveLength(1);
    // nothing in the data or the script closes a script element early
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain('console.log("<\\/script>")');
    expect(html).toContain("<style>body { color: red }");
  });
});
