// The proxy's monitor: stats, flagged requests first, the live feed with filters (SSE, or polling every
// 5 s when SSE fails), and charts over time.

import type { MonitorRequestSummary } from "../../../src/monitor/monitor-store.ts";
import type {
  MonitorEventData,
  MonitorRequestsResponse,
  MonitorSeriesResponse,
  MonitorStatsResponse,
  OverviewResponse,
} from "../../../src/web/viewer-api.ts";
import { getJson, type Query } from "../api.ts";
import { lineChart, PALETTE } from "../charts/line-chart.ts";
import { badge, emptyState, errorBox, load, loading } from "../components/status.ts";
import { table } from "../components/table.ts";
import { h, replace } from "../dom.ts";
import { count, ms, pct, when } from "../format.ts";
import { links } from "../route.ts";
import { type FeedFilter, matchesFilter } from "./monitor-filter.ts";

const PAGE_SIZE = 50;
const POLL_MS = 5000;

function requestTable(items: readonly MonitorRequestSummary[], testId: string): HTMLElement {
  return table(
    [
      { label: "time", cell: (r) => h("span", { class: "nowrap" }, when(r.createdAt)) },
      { label: "request", cell: (r) => h("a", { href: links.monitorRequest(r.id), class: "mono" }, r.id) },
      { label: "model", cell: (r) => r.model },
      { label: "key", cell: (r) => h("span", { class: "mono" }, r.keyId ?? "—") },
      { label: "mode", cell: (r) => r.mode },
      { label: "outcome", cell: (r) => badge(r.outcome === "ok" ? "ok" : "error", r.outcome) },
      { label: "confession", cell: (r) => (r.confessionStatus ? badge(r.confessionStatus) : "—") },
      { label: "grade", num: true, cell: (r) => (r.grade === null ? "—" : String(r.grade)) },
      { label: "flag", cell: (r) => (r.flagged ? badge("flagged") : "") },
      { label: "reasons", cell: (r) => h("span", { class: "reason" }, r.reasons.join("; ")) },
      { label: "latency", num: true, cell: (r) => ms(r.latencyMs) },
    ],
    items,
    {
      rowAttrs: (r) => ({
        "data-testid": testId,
        "data-request-id": r.id,
        class: r.flagged ? "flagged-row" : "",
      }),
    },
  );
}

function statsHeader(stats: MonitorStatsResponse): HTMLElement {
  const tile = (label: string, value: string, testId: string) =>
    h(
      "div",
      { class: "tile" },
      h("div", { class: "tile-value", "data-testid": testId }, value),
      h("div", { class: "tile-label" }, label),
    );
  return h(
    "div",
    { class: "tiles" },
    tile("requests", count(stats.requests), "stat-requests"),
    tile(
      `flagged (${count(stats.flagged)} of ${count(stats.withConfession)})`,
      pct(stats.flaggedRate),
      "stat-flagged",
    ),
    tile(`passed (${count(stats.passed)})`, pct(stats.passRate), "stat-passed"),
    tile("p50 latency", ms(stats.latencyMs?.p50), "stat-p50"),
    tile("p95 latency", ms(stats.latencyMs?.p95), "stat-p95"),
  );
}

function chartsSection(): HTMLElement {
  const box = h("div", null);
  const bucket = h(
    "select",
    { "aria-label": "bucket" },
    ["minute", "hour", "day"].map((b) => h("option", { value: b, selected: b === "hour" }, b)),
  );
  const draw = () =>
    void load(box, "series", async () => {
      const series = await getJson<MonitorSeriesResponse>("monitor/series", { bucket: bucket.value });
      if (series.points.length === 0) return h("p", { class: "muted" }, "No points yet.");
      const x = series.points.map((p) => Date.parse(p.t) / 1000);
      return h(
        "div",
        { class: "chart-row" },
        lineChart({
          title: "Requests and flag rate",
          x,
          time: true,
          series: [
            {
              label: "requests",
              values: series.points.map((p) => p.requests),
              color: PALETTE[0] ?? "#1f6fd1",
            },
            {
              label: "flag rate",
              values: series.points.map((p) => p.flaggedRate),
              color: PALETTE[1] ?? "#d1495b",
              right: true,
            },
          ],
          right: (v) => pct(v),
        }),
        lineChart({
          title: "Latency (ok requests)",
          x,
          time: true,
          series: [
            { label: "p50", values: series.points.map((p) => p.p50), color: PALETTE[2] ?? "#2a9d5b" },
            { label: "p95", values: series.points.map((p) => p.p95), color: PALETTE[3] ?? "#e09a1a" },
          ],
          left: (v) => ms(v),
        }),
      );
    });
  bucket.addEventListener("change", draw);
  draw();
  return h("section", null, h("h2", null, "Over time ", bucket), box);
}

/**
 * Renders the monitor; returns the cleanup that closes the live stream and stops polling.
 *
 * @example
 * const stop = renderMonitorPage(app);
 */
export function renderMonitorPage(container: HTMLElement): () => void {
  const filter: FeedFilter = { key: "", model: "", flagged: "", status: "" };
  const statsBox = h("div", null, loading("stats"));
  const flaggedBox = h("div", null, loading("flagged requests"));
  const feedBox = h("div", null, loading("requests"));
  const moreBox = h("div", { class: "pager" });
  const liveLabel = h("span", { class: "muted small", "data-testid": "live-state" }, "connecting…");
  let feed: MonitorRequestSummary[] = [];
  let next: string | null = null;
  let source: EventSource | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  const feedQuery = (): Query => ({ ...filter, limit: PAGE_SIZE });
  const drawFeed = () => {
    feedBox.replaceChildren(
      feed.length === 0
        ? h("p", { class: "muted" }, "No request matches.")
        : requestTable(feed, "monitor-row"),
    );
    moreBox.replaceChildren();
    if (next !== null) {
      const cursor = next;
      moreBox.append(
        h("button", { type: "button", "data-testid": "more", onclick: () => void loadFeed(cursor) }, "more"),
      );
    }
  };
  const loadFeed = async (before: string | null) => {
    try {
      const page = await getJson<MonitorRequestsResponse>("monitor/requests", { ...feedQuery(), before });
      feed = before === null ? page.items : [...feed, ...page.items];
      next = page.next;
      drawFeed();
    } catch (error) {
      feedBox.replaceChildren(errorBox(error));
    }
  };
  /** New or updated rows: replace those already shown, prepend the rest. */
  const merge = (items: readonly MonitorRequestSummary[]) => {
    const fresh: MonitorRequestSummary[] = [];
    for (const item of items) {
      if (!matchesFilter(item, filter)) continue;
      const i = feed.findIndex((r) => r.id === item.id);
      if (i >= 0) feed[i] = item;
      else fresh.push(item);
    }
    fresh.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    feed = [...fresh, ...feed];
    drawFeed();
  };
  const refreshStats = () =>
    void getJson<MonitorStatsResponse>("monitor/stats")
      .then((stats) => replace(statsBox, statsHeader(stats)))
      .catch((error: unknown) => replace(statsBox, errorBox(error)));
  const refreshFlagged = () =>
    void getJson<MonitorRequestsResponse>("monitor/requests", { flagged: true, limit: 10 })
      .then((page) =>
        replace(
          flaggedBox,
          page.items.length === 0
            ? h("p", { class: "muted" }, "No flagged request.")
            : requestTable(page.items, "flagged-row"),
        ),
      )
      .catch((error: unknown) => replace(flaggedBox, errorBox(error)));
  const startPolling = () => {
    if (poll !== null || stopped) return;
    liveLabel.textContent = `polling every ${POLL_MS / 1000} s`;
    poll = setInterval(() => {
      void getJson<MonitorRequestsResponse>("monitor/requests", feedQuery())
        .then((page) => merge(page.items))
        .catch(() => undefined);
      refreshStats();
      refreshFlagged();
    }, POLL_MS);
  };
  const startLive = () => {
    if (typeof EventSource === "undefined") return startPolling();
    source = new EventSource("api/monitor/events");
    source.addEventListener("open", () => {
      liveLabel.textContent = "live";
    });
    source.addEventListener("requests", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as MonitorEventData;
      merge(data.items);
      refreshStats();
      if (data.items.some((r) => r.flagged)) refreshFlagged();
    });
    source.addEventListener("error", () => {
      // a stream that cannot be (re)opened: fall back to polling for the rest of the visit
      if (source && source.readyState === EventSource.CLOSED) {
        source.close();
        source = null;
        startPolling();
      } else liveLabel.textContent = "reconnecting…";
    });
  };

  const filters = h(
    "form",
    {
      class: "toolbar",
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target as HTMLFormElement);
        filter.key = String(data.get("key") ?? "").trim();
        filter.model = String(data.get("model") ?? "").trim();
        filter.flagged = String(data.get("flagged") ?? "") as FeedFilter["flagged"];
        filter.status = String(data.get("status") ?? "");
        feedBox.replaceChildren(loading("requests"));
        void loadFeed(null);
      },
    },
    h("input", { type: "search", name: "key", placeholder: "key id or none", class: "filter" }),
    h("input", { type: "search", name: "model", placeholder: "model", class: "filter" }),
    h(
      "select",
      { name: "flagged", "aria-label": "flagged" },
      h("option", { value: "" }, "flagged or not"),
      h("option", { value: "true" }, "flagged"),
      h("option", { value: "false" }, "not flagged"),
    ),
    h(
      "select",
      { name: "status", "aria-label": "confession status" },
      h("option", { value: "" }, "any confession status"),
      ["ok", "pending", "unparsed", "refused", "truncated", "empty", "error"].map((s) =>
        h("option", { value: s }, s),
      ),
    ),
    h("button", { type: "submit" }, "Filter"),
    liveLabel,
  );

  replace(container, h("h1", null, "Monitor"), h("div", null, loading("monitor")));
  void getJson<OverviewResponse>("overview")
    .then((overview) => {
      if (stopped) return;
      if (overview.monitorRequests === 0) {
        replace(
          container,
          h("h1", null, "Monitor"),
          emptyState(
            "No monitored requests yet. Start the proxy: confess serve --upstream <url>",
            "confess serve --upstream <url>",
            `Database: ${overview.db}`,
          ),
        );
        return;
      }
      replace(
        container,
        h("h1", null, "Monitor"),
        statsBox,
        h("section", null, h("h2", null, "Flagged requests"), flaggedBox),
        h("section", null, h("h2", null, "Feed"), filters, feedBox, moreBox),
        chartsSection(),
      );
      refreshStats();
      refreshFlagged();
      void loadFeed(null);
      startLive();
    })
    .catch((error: unknown) => replace(container, h("h1", null, "Monitor"), errorBox(error)));

  return () => {
    stopped = true;
    source?.close();
    if (poll !== null) clearInterval(poll);
  };
}
