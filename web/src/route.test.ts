import { describe, expect, it } from "vitest";
import { filterQuery, links, parseRoute } from "./route.ts";

describe("parseRoute", () => {
  it("reads every page", () => {
    expect(parseRoute("").page).toBe("runs");
    expect(parseRoute("#/").page).toBe("runs");
    expect(parseRoute("#/?q=mixed&offset=50")).toMatchObject({ page: "runs" });
    expect(parseRoute("#/runs/abc")).toEqual({ page: "run", runId: "abc" });
    expect(parseRoute("#/runs/abc/samples?task=word-count&cell=fn")).toEqual({
      page: "samples",
      runId: "abc",
      filter: { task: "word-count", cell: "fn" },
    });
    expect(parseRoute("#/compare?runs=a,b,c")).toEqual({ page: "compare", runs: ["a", "b", "c"] });
    expect(parseRoute("#/monitor")).toEqual({ page: "monitor" });
    expect(parseRoute("#/monitor/req_1")).toEqual({ page: "monitor-request", requestId: "req_1" });
    expect(parseRoute("#/nowhere/at/all").page).toBe("not-found");
    expect(parseRoute("#/lab")).toEqual({ page: "lab" });
    expect(parseRoute("#/lab/curves?runs=lab-a,lab-b&smooth=1")).toEqual({
      page: "lab-curves",
      runs: ["lab-a", "lab-b"],
      smooth: 1,
    });
  });

  it("reads a lab curves link back, with the default smoothing for a missing or bad one", () => {
    expect(parseRoute(links.labCurves(["lab-a"]))).toEqual({
      page: "lab-curves",
      runs: ["lab-a"],
      smooth: 10,
    });
    expect(parseRoute(links.labCurves(["lab-a"], 25))).toMatchObject({ smooth: 25 });
    expect(parseRoute("#/lab/curves?runs=x&smooth=0")).toMatchObject({ smooth: 10 });
    expect(parseRoute("#/lab/curves?runs=x&smooth=2.5")).toMatchObject({ smooth: 10 });
  });

  it("reads a malformed escape as no page instead of throwing", () => {
    expect(parseRoute("#/runs/%E0%A4%A")).toEqual({ page: "not-found", hash: "#/runs/%E0%A4%A" });
  });

  it("drops unknown cells and empty filters", () => {
    expect(parseRoute("#/runs/r/samples?cell=bogus&model=")).toEqual({
      page: "samples",
      runId: "r",
      filter: {},
    });
  });

  it("round-trips sample ids with slashes and pipes through links", () => {
    const id = "run-1/word-count|wc-0001|scripted:mixed|paper|0";
    const hash = links.sample(id, { cell: "fn", task: "word-count" });
    expect(hash).toBe(`#/samples/${encodeURIComponent(id)}?task=word-count&cell=fn`);
    expect(parseRoute(hash)).toEqual({
      page: "sample",
      sampleId: id,
      filter: { task: "word-count", cell: "fn" },
    });
  });

  it("writes filters in a fixed order", () => {
    expect(filterQuery({ variant: "paper", cell: "tp" })).toBe("?cell=tp&variant=paper");
    expect(filterQuery({})).toBe("");
  });
});
