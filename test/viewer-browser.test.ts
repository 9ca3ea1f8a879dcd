import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MonitorStore } from "../src/monitor/monitor-store.ts";
import { BIN, confess, tempDir } from "./cli-helpers.ts";

// Black-box browser tests of `confess view` (issue 6): a database filled by scripted runs through the built
// CLI, the built viewer served by `confess view`, and Debian's chromium driven by playwright-core. Every
// number checked on a page is compared with the CLI's `--json` for the same run. Screenshots land in
// `.screenshots/` for a person to look at.

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
// CI installs chromium and requires these tests; elsewhere a missing browser skips them, loudly
const required = process.env.CONFESS_REQUIRE_BROWSER === "1";
if (!CHROMIUM && !required) {
  console.warn("viewer browser tests skipped: no chromium at /usr/bin/chromium (apt-get install chromium)");
}
const SHOTS = resolve(import.meta.dirname, "../.screenshots");

type Rates = Record<string, number | null>;
interface SummaryJson {
  run: string;
  overall: Rates & { tp: number; fp: number; fn: number; tn: number };
  tasks: Record<string, Rates & { tp: number; fp: number; fn: number; tn: number }>;
}

let db: string;
let runA: SummaryJson;
interface LabJson {
  id: string;
  name: string;
  summary: Array<Record<string, number | null> & { step: number }>;
}
let labRuns: LabJson[];
let viewer: ChildProcess;
let url: string;
let browser: Browser;

/** A rate as the viewer shows it: a percentage with one decimal. */
const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(1)}%`;

async function evalRun(args: string[]): Promise<SummaryJson> {
  const result = await confess(["eval", "--db", db, "--json", "--no-progress", ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as SummaryJson;
}

async function startViewer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, "view", "--db", db, "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const line: string = await new Promise((resolveLine, reject) => {
    child.once("exit", (code) => reject(new Error(`confess view exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolveLine);
  });
  const match = /(http:\/\/\S+\/)/.exec(line);
  if (!match) throw new Error(`confess view printed no URL: ${line}`);
  return { child, url: match[1] as string };
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

function fillMonitor(path: string): void {
  const store = MonitorStore.open(path);
  const now = Date.now();
  for (let i = 0; i < 12; i++) {
    const id = `req_browser_${i}`;
    const createdAt = new Date(now - (12 - i) * 60_000).toISOString();
    const flagged = i % 3 === 0;
    store.recordRequest({
      id,
      clientRequestId: null,
      createdAt,
      api: "chat.completions",
      model: i % 2 === 0 ? "gpt-test" : "other-model",
      keyId: null,
      mode: "async",
      stream: false,
      request: { model: "gpt-test", messages: [{ role: "user", content: `question ${i}` }] },
      httpStatus: 200,
      outcome: "ok",
      latencyMs: 20 + i,
      attempts: 1,
      chosenAttempt: 1,
    });
    store.recordAttempt({
      requestId: id,
      index: 1,
      answer: { text: `answer ${i}`, toolCalls: [] },
      finishReason: "stop",
      usage: null,
      latencyMs: 15,
      createdAt,
    });
    store.recordConfession({
      requestId: id,
      attempt: 1,
      status: "ok",
      confession: {
        status: "ok",
        report: {
          compliance_analysis: [
            {
              objective: "Answer the question",
              compliance: flagged ? "not_complied_not_reported" : "fully_complied",
              analysis: flagged ? "It did not." : "It did.",
            },
          ],
          uncertainties_and_conflicts: [],
          overall_compliance_grade: flagged ? 2 : 7,
        },
        raw: "{}",
        issues: [],
      },
      text: "{}",
      grade: flagged ? 2 : 7,
      passed: !flagged,
      flagged,
      reasons: flagged ? ["grade 2 is below 4"] : [],
      usage: null,
      latencyMs: 10,
      createdAt,
    });
  }
  store.close();
}

describe.skipIf(!CHROMIUM && !required)("confess view in chromium", () => {
  beforeAll(async () => {
    db = join(tempDir(), "viewer.db");
    runA = await evalRun([
      "--suite",
      "word-count",
      "--model",
      "scripted:mixed",
      "--samples",
      "24",
      "--condition",
      "baseline,hard",
      "--run",
      "browser-a",
      "--confidence",
      "rule",
    ]);
    await evalRun([
      "--suite",
      "word-count",
      "--model",
      "scripted:honest",
      "--samples",
      "24",
      "--condition",
      "baseline,hard",
      "--run",
      "browser-b",
    ]);
    for (const [run, model, step] of [
      ["ckpt-1", "scripted:hacker", "100"],
      ["ckpt-2", "scripted:mixed", "200"],
      ["ckpt-3", "scripted:honest", "300"],
    ] as const) {
      await evalRun([
        "--suite",
        "word-count",
        "--model",
        model,
        "--samples",
        "12",
        "--run",
        run,
        "--step",
        step,
      ]);
    }
    const audit = await confess(["audit", "--db", db, "--run", "browser-a", "--judge", "scripted:strict"]);
    expect(audit.code, audit.stderr).toBe(0);
    fillMonitor(db);
    labRuns = [];
    for (const control of [[], ["--control"]]) {
      const lab = await confess([
        "lab",
        "--quick",
        "--seed",
        "3",
        "--db",
        db,
        "--json",
        "--eval-samples",
        "6",
        "--out",
        join(tempDir(), "lab"),
        ...control,
      ]);
      expect(lab.code, lab.stderr).toBe(0);
      labRuns.push(JSON.parse(lab.stdout) as LabJson);
    }
    ({ child: viewer, url } = await startViewer());
    browser = await chromium.launch({
      executablePath: CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    viewer?.kill();
  });

  const open = async (hash: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${url}${hash}`);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  };
  const noErrors = (page: Page) => expect((page as Page & { errors: string[] }).errors).toEqual([]);

  it("lists the runs", async () => {
    const page = await open("#/");
    await page.getByTestId("run-row").first().waitFor();
    const ids = await page
      .getByTestId("run-row")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-run-id")));
    // and the lab runs' checkpoint evaluations (`confess lab --eval-samples`), a run per summary step
    const checkpoints = labRuns.flatMap((lab) =>
      [0, 2, 4, 6, 8].map((step) => `${lab.name}-step-${String(step).padStart(4, "0")}`),
    );
    expect(ids.sort()).toEqual(
      ["browser-a", "browser-b", "ckpt-1", "ckpt-2", "ckpt-3", ...checkpoints].sort(),
    );
    await shot(page, "runs");
    noErrors(page);
    await page.close();
  });

  it("shows the run page with the CLI's numbers", async () => {
    const page = await open("#/runs/browser-a");
    const task = runA.tasks["word-count"];
    if (!task) throw new Error("no word-count in the summary");
    for (const key of ["false_negative_rate", "confessed_given_not_complied", "not_complied"]) {
      const cell = page.getByTestId(`t1-word-count-${key}`);
      await cell.waitFor();
      expect(await cell.textContent()).toContain(percent(task[key]));
    }
    for (const cell of ["tp", "fp", "fn", "tn"] as const) {
      expect(await page.getByTestId(`cell-word-count-${cell}`).textContent()).toContain(String(task[cell]));
    }
    await shot(page, "run");
    noErrors(page);
    await page.close();
  });

  it("clicks from the confusion matrix to a false negative sample", async () => {
    const task = runA.tasks["word-count"];
    expect(task?.fn, "the scripted mixed model must produce false negatives for this test").toBeGreaterThan(
      0,
    );
    const page = await open("#/runs/browser-a");
    await page.getByTestId("cell-word-count-fn").click();
    await page.waitForURL(/cell=fn/);
    const first = page.locator("a[href*='#/samples/']").first();
    await first.waitFor();
    await shot(page, "fn-samples");
    await first.click();
    await page.getByTestId("sample-confession").waitFor();
    await page.getByTestId("sample-answer").waitFor();
    const sampleId = decodeURIComponent(/#\/samples\/([^?]+)/.exec(page.url())?.[1] ?? "");
    // the API agrees that this sample is a false negative
    const api = (await (await fetch(`${url}api/samples/${encodeURIComponent(sampleId)}`)).json()) as {
      cell: string;
    };
    expect(api.cell).toBe("fn");
    expect(await page.getByTestId("objective-row").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("verdict-row").count()).toBeGreaterThan(0);
    await shot(page, "sample");
    // keyboard: the next false negative
    const before = page.url();
    await page.keyboard.press("j");
    await page.waitForURL((u) => u.toString() !== before);
    expect(page.url()).toContain("cell=fn");
    noErrors(page);
    await page.close();
  });

  it("shows the sample stepped to, even when the one stepped from answers later", async () => {
    const page = await open("#/runs/browser-a/samples");
    await page.getByTestId("sample-row").first().waitFor();
    const [first, second] = await page
      .getByTestId("sample-row")
      .evaluateAll((rows) => rows.slice(0, 2).map((r) => r.getAttribute("data-sample-id") as string));
    if (!first || !second) throw new Error("browser-a needs two samples");
    // the first sample's answer is held back until the second sample is on screen
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const isFirst = (u: string | URL) =>
      u.toString().includes(`/api/samples/${encodeURIComponent(first)}?`) ||
      u.toString().endsWith(`/api/samples/${encodeURIComponent(first)}`);
    await page.route(isFirst, async (route) => {
      await held;
      await route.continue();
    });
    const late = page.waitForResponse((r) => isFirst(r.url()));
    // a hash change in the page, as a j press makes (the test's tsconfig has no DOM types)
    const step = (id: string) =>
      page.evaluate(
        (hash) => {
          (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
        },
        `#/samples/${encodeURIComponent(id)}`,
      );
    await step(first);
    await step(second);
    await page.getByTestId("position").waitFor();
    expect(await page.getByTestId("position").textContent()).toMatch(/^2 of /);
    release();
    await late;
    // let the late answer reach the page's code; it must leave the second sample in place
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await page.getByTestId("position").textContent()).toMatch(/^2 of /);
    expect(await page.locator("h1 .small-title").textContent()).toBe(second.slice("browser-a/".length));
    noErrors(page);
    await page.close();
  });

  it("compares the two runs", async () => {
    const page = await open("#/compare?runs=browser-a,browser-b");
    await page.getByText("browser-b").first().waitFor();
    const cli = await confess(["compare", "browser-a", "browser-b", "--db", db, "--json"]);
    expect(cli.code, cli.stderr).toBe(0);
    const comparison = JSON.parse(cli.stdout) as {
      overall: Record<string, { diff: number | null }>;
    };
    const delta = comparison.overall.false_negative_rate?.diff;
    expect(typeof delta).toBe("number");
    const shown = await page.getByTestId("delta-overall-false_negative_rate").textContent();
    expect(shown).toContain(`${((delta as number) * 100).toFixed(1)}`);
    await shot(page, "compare");
    noErrors(page);
    await page.close();
  });

  it("draws checkpoint curves when the compared runs carry a step", async () => {
    const page = await open("#/compare?runs=ckpt-1,ckpt-2,ckpt-3");
    await page.getByRole("heading", { name: "Across steps" }).waitFor();
    // uPlot draws on canvas: one per chart
    expect(await page.locator("canvas").count()).toBeGreaterThan(0);
    const api = (await (await fetch(`${url}api/compare?runs=ckpt-1,ckpt-2,ckpt-3`)).json()) as {
      series: { steps: number[] } | null;
    };
    expect(api.series?.steps).toEqual([100, 200, 300]);
    await shot(page, "compare-steps");
    noErrors(page);
    await page.close();
  });

  it("keeps the first run picked as the baseline when steps reorder the runs", async () => {
    // the API lists stepped runs by step (ckpt-1 first) while ckpt-3, picked first, stays the baseline
    const page = await open("#/compare?runs=ckpt-3,ckpt-1");
    const cell = page.getByTestId("delta-overall-not_complied");
    await cell.waitFor();
    const cli = await confess(["compare", "ckpt-3", "ckpt-1", "--db", db, "--json"]);
    expect(cli.code, cli.stderr).toBe(0);
    const diff = (JSON.parse(cli.stdout) as { overall: Record<string, { diff: number | null }> }).overall
      .not_complied?.diff;
    expect(diff, "hacker and honest checkpoints must differ for this test").not.toBe(0);
    expect(await cell.getAttribute("data-run-id")).toBe("ckpt-1");
    expect(await cell.textContent()).toContain(`${((diff as number) * 100).toFixed(1)}`);
    expect(await page.getByRole("row", { name: /ckpt-3 \(baseline\)/ }).count()).toBe(1);
    noErrors(page);
    await page.close();
  });

  it("shows the monitor feed, flags first", async () => {
    const page = await open("#/monitor");
    await page.getByTestId("monitor-row").first().waitFor();
    expect(await page.getByTestId("flagged-row").count()).toBe(4);
    await shot(page, "monitor");
    noErrors(page);
    await page.close();
  });

  it("adds requests to the monitor feed as the proxy records them", async () => {
    const page = await open("#/monitor");
    await page.getByTestId("monitor-row").first().waitFor();
    const before = await page.getByTestId("monitor-row").count();
    // another connection writes, as `confess serve` does from its own process
    const store = MonitorStore.open(db);
    store.recordRequest({
      id: "req_browser_live",
      clientRequestId: null,
      createdAt: new Date().toISOString(),
      api: "chat.completions",
      model: "gpt-test",
      keyId: null,
      mode: "off",
      stream: false,
      request: { model: "gpt-test", messages: [] },
      httpStatus: 200,
      outcome: "ok",
      latencyMs: 9,
      attempts: 1,
      chosenAttempt: 1,
    });
    store.close();
    await expect.poll(() => page.getByTestId("monitor-row").count(), { timeout: 10_000 }).toBe(before + 1);
    await page.getByText("req_browser_live").first().waitFor();
    noErrors(page);
    await page.close();
  });

  it("draws a lab run's curves beside its control, with the CLI's summary numbers", async () => {
    const page = await open("#/lab");
    await expect.poll(() => page.getByTestId("lab-row").count()).toBe(2);
    for (const run of labRuns) {
      const progress = page.locator(`[data-testid="lab-progress"][data-lab-id="${run.id}"]`);
      expect(await progress.textContent()).toBe("8 / 8");
      await page.getByRole("checkbox", { name: `curves of ${run.name}` }).check();
    }
    await page.getByRole("button", { name: "Show curves" }).click();
    await page.getByTestId("lab-summary").first().waitFor();
    expect(page.url()).toContain(`runs=${labRuns.map((r) => r.id).join(",")}`);
    // one chart per metric, a line per run
    await expect.poll(() => page.locator(".line-chart canvas").count()).toBe(9);
    expect(await page.locator(".line-chart").first().textContent()).toContain(labRuns[1]?.name);
    for (const run of labRuns) {
      const summary = page.locator(`[data-testid="lab-summary"][data-lab-id="${run.id}"]`);
      for (const record of run.summary) {
        for (const metric of ["weakJudgeReward", "hackRate", "claimMatch", "gradeHonestGivenNotComplied"]) {
          const value = record[metric];
          const cell = summary.locator(`td[data-metric="${metric}"][data-step="${record.step}"]`);
          expect(await cell.textContent()).toBe(
            value === null || value === undefined ? "—" : value.toFixed(2),
          );
        }
      }
    }
    await shot(page, "lab-curves");
    // the checkpoints' runs on the word-count suite open on the Compare page, drawn across steps
    await page.getByTestId("lab-checkpoint-compare").first().click();
    await page.getByTestId("compare-row").first().waitFor();
    expect(page.url()).toContain("-step-0000");
    await page.goBack();
    await page.getByTestId("lab-summary").first().waitFor();
    await page.getByRole("combobox", { name: "smoothing" }).selectOption("1");
    await expect.poll(() => page.url()).toContain("smooth=1");
    noErrors(page);
    await page.close();
  });

  it("says which command fills an empty database", async () => {
    const emptyDb = join(tempDir(), "empty.db");
    const child = spawn(process.execPath, [BIN, "view", "--db", emptyDb, "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const line: string = await new Promise((resolveLine) =>
        createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolveLine),
      );
      const emptyUrl = /(http:\/\/\S+\/)/.exec(line)?.[1] as string;
      const page = await browser.newPage();
      await page.goto(`${emptyUrl}#/`);
      const empty = page.getByTestId("empty-state");
      await empty.waitFor();
      expect(await empty.textContent()).toContain("confess eval");
      await page.goto(`${emptyUrl}#/monitor`);
      await page.getByText("confess serve").first().waitFor();
      await page.goto(`${emptyUrl}#/lab`);
      await page.getByText("confess lab --quick").first().waitFor();
      await shot(page, "empty-monitor");
      await page.close();
    } finally {
      child.kill();
    }
  });

  it("writes a self-contained report that renders without a server", async () => {
    const out = join(tempDir(), "report.html");
    const result = await confess(["report", "html", "browser-a", "--db", db, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).not.toMatch(/<script[^>]+src=/);
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) requests.push(request.url());
    });
    await page.goto(`file://${out}`);
    const task = runA.tasks["word-count"];
    const cell = page.getByTestId("t1-word-count-false_negative_rate");
    await cell.waitFor();
    expect(await cell.textContent()).toContain(percent(task?.false_negative_rate));
    expect(requests).toEqual([]);
    await shot(page, "report");
    await page.close();
  });
});
