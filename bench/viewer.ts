// bench/viewer: how fast the viewer's API opens a big run. Fills a database with a scripted run (1,000
// samples through the real runner), copies it to `total` samples (fresh ids and cases, verdicts and turns
// copied along), then times the API for the run page and a sample page: the first request after the run
// changed (served from the last view while a worker recomputes it), later ones, how long the recompute takes,
// and the first open of a run never shown, against the same requests on the 1,000-sample run in the same
// process as the baseline. Target: under 200 ms each.
// Run: npm run bench:viewer [-- total]
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfessStore } from "../dist/index.js";
import { createViewerApp } from "../dist/web/server/create-viewer-app.js";

const total = Number(process.argv[2] ?? 100_000);
const BASE_SAMPLES = 1000;
const copies = Math.ceil(total / BASE_SAMPLES);

const dir = mkdtempSync(join(tmpdir(), "confess-bench-viewer-"));
const db = join(dir, "viewer.db");
const bin = resolve(import.meta.dirname, "../dist/cli/bin.js");
const evalArgs = [
  "--suite",
  "word-count",
  "--model",
  "scripted:mixed",
  "--samples",
  String(BASE_SAMPLES / 2),
];
const grid = [...evalArgs, "--condition", "baseline,hard", "--db", db, "--no-progress", "--json"];
let started = performance.now();
execFileSync(process.execPath, [bin, "eval", ...grid, "--run", "small"], {
  stdio: ["ignore", "ignore", "inherit"],
});
execFileSync(process.execPath, [bin, "eval", ...grid, "--run", "big"], {
  stdio: ["ignore", "ignore", "inherit"],
});
console.log(`scripted runs: ${((performance.now() - started) / 1000).toFixed(1)} s`);

// copy the big run's rows until it holds `total` samples: new sample ids, keys and case ids per copy
started = performance.now();
const store = ConfessStore.open(db);
const columns = (table: string) =>
  (store.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
const rename: Record<string, Record<string, string>> = {
  samples: {
    id: "id || '~' || k.n",
    sample_key: "sample_key || '~' || k.n",
    case_id: "case_id || '~' || k.n",
  },
  verdicts: { id: "NULL", sample_id: "sample_id || '~' || k.n" },
  turns: { id: "NULL", sample_id: "sample_id || '~' || k.n" },
};
const copy = (table: string, where: string) => {
  const names = columns(table);
  const select = names.map((name) => rename[table]?.[name] ?? name).join(", ");
  store.db.exec(
    `WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${copies - 1})
     INSERT INTO ${table} (${names.join(", ")}) SELECT ${select} FROM ${table}, k WHERE ${where}`,
  );
};
store.db.exec("BEGIN");
copy("samples", "run_id = 'big'");
copy("verdicts", "sample_id IN (SELECT id FROM samples WHERE run_id = 'big' AND id NOT LIKE '%~%')");
copy("turns", "sample_id IN (SELECT id FROM samples WHERE run_id = 'big' AND id NOT LIKE '%~%')");
store.db.exec("COMMIT");
const count = (
  store.db.prepare("SELECT COUNT(*) AS n FROM samples WHERE run_id = 'big'").get() as { n: number }
).n;
console.log(`copied to ${count} samples: ${((performance.now() - started) / 1000).toFixed(1)} s`);

const app = createViewerApp({ store, dbPath: db, assetsDir: null });
const time = async <T>(path: string): Promise<{ ms: number; body: T }> => {
  const t = performance.now();
  const response = await app.request(path);
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - t, body };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const touch = (run: string) =>
  // a new verdict on one sample: the run changed, its cached view is out of date
  store.db.exec(
    `INSERT INTO verdicts (sample_id, scorer, target, value, status, method, created_at)
     SELECT id, 'bench/touch', 'touched', 'true', 'ok', 'rule', '2026-01-01T00:00:00.000Z'
     FROM samples WHERE run_id = '${run}' LIMIT 1`,
  );

async function measure(run: string) {
  // the view `confess eval` left is fresh for "small"; "big" was copied after it, so it is out of date
  touch(run);
  const changed = await time<{ stale: boolean }>(`/api/runs/${run}`);
  const started = performance.now();
  let stale = changed.body.stale;
  while (stale) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    stale = (await time<{ stale: boolean }>(`/api/runs/${run}`)).body.stale;
  }
  const refreshed = performance.now() - started;
  const warm: number[] = [];
  for (let i = 0; i < 9; i++) warm.push((await time(`/api/runs/${run}`)).ms);
  const listWarm: number[] = [];
  let ids: string[] = [];
  for (let i = 0; i < 9; i++) {
    const list = await time<{ items: Array<{ id: string }> }>(`/api/runs/${run}/samples?cell=fn&limit=50`);
    listWarm.push(list.ms);
    ids = list.body.items.map((item) => item.id);
  }
  const sample: number[] = [];
  for (const id of ids.slice(0, 10))
    sample.push((await time(`/api/samples/${encodeURIComponent(id)}?cell=fn`)).ms);
  // a run never shown before (no cached view at all) is computed before the first answer
  store.db.exec(`DELETE FROM run_views WHERE run_id = '${run}'`);
  const cold = await time(`/api/runs/${run}`);
  return {
    changed: changed.ms,
    refreshed,
    warm: median(warm),
    list: median(listWarm),
    sample: median(sample),
    cold: cold.ms,
  };
}

const small = await measure("small");
const big = await measure("big");
const row = (name: string, a: number, b: number) =>
  `  ${name.padEnd(46)} ${a.toFixed(1).padStart(8)} ms ${b.toFixed(1).padStart(9)} ms ${(b / a).toFixed(1).padStart(7)}×`;
console.log(
  `\nAPI time                                         ${BASE_SAMPLES} samples ${count} samples   ratio`,
);
console.log(row("run page, run just changed (last view, stale)", small.changed, big.changed));
console.log(row("run page, open (median)", small.warm, big.warm));
console.log(row("sample list page, false negatives (median)", small.list, big.list));
console.log(row("sample page (median of 10)", small.sample, big.sample));
console.log(row("  recompute after a change, on the worker", small.refreshed, big.refreshed));
console.log(row("  first open of a run never shown (computed)", small.cold, big.cold));
console.log("target: under 200 ms for the run page and a sample page");
await store.close();
