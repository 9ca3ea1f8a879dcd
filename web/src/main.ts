// Entry point: picks the page from the location hash and renders it into #app. Each page may return a
// cleanup (keyboard handlers, live streams) that runs before the next page is shown.

import "./styles.css";
import type { OverviewResponse } from "../../src/web/viewer-api.ts";
import { getJson } from "./api.ts";
import { emptyState } from "./components/status.ts";
import { h } from "./dom.ts";
import { renderComparePage } from "./pages/compare-page.ts";
import { renderLabCurvesPage } from "./pages/lab-curves-page.ts";
import { renderLabPage } from "./pages/lab-page.ts";
import { renderMonitorPage } from "./pages/monitor-page.ts";
import { renderMonitorRequestPage } from "./pages/monitor-request-page.ts";
import { renderRunPage, runView } from "./pages/run-page.ts";
import { renderRunsPage } from "./pages/runs-page.ts";
import { renderSamplePage } from "./pages/sample-page.ts";
import { renderSamplesPage } from "./pages/samples-page.ts";
import { embeddedReport } from "./report-mode.ts";
import { parseRoute, type Route } from "./route.ts";

const app = document.getElementById("app") as HTMLElement;
let cleanup: (() => void) | undefined;

function show(route: Route): (() => void) | undefined {
  switch (route.page) {
    case "runs":
      renderRunsPage(app, route.query);
      return;
    case "run":
      renderRunPage(app, route.runId);
      return;
    case "samples":
      renderSamplesPage(app, route.runId, route.filter);
      return;
    case "sample":
      return renderSamplePage(app, route.sampleId, route.filter);
    case "compare":
      renderComparePage(app, route.runs);
      return;
    case "monitor":
      return renderMonitorPage(app);
    case "monitor-request":
      renderMonitorRequestPage(app, route.requestId);
      return;
    case "lab":
      renderLabPage(app);
      return;
    case "lab-curves":
      return renderLabCurvesPage(app, route.runs, route.smooth);
    case "not-found":
      app.replaceChildren(emptyState(`No page at ${route.hash}.`, undefined, "Go back to the runs list."));
      return;
  }
}

function navigate(): void {
  cleanup?.();
  const route = parseRoute(location.hash);
  for (const link of document.querySelectorAll<HTMLAnchorElement>("[data-nav]")) {
    const section = route.page.startsWith("monitor")
      ? "monitor"
      : route.page.startsWith("lab")
        ? "lab"
        : "runs";
    const active = link.dataset.nav === section;
    link.classList.toggle("active", active);
  }
  cleanup = show(route);
  window.scrollTo(0, 0);
}

const report = embeddedReport();
if (report) {
  // static report: the run page only, from the embedded data; no server, so no navigation either
  document.body.classList.add("report");
  document.querySelector(".topbar nav")?.remove();
  document.querySelector(".brand")?.removeAttribute("href");
  app.replaceChildren(runView(report, false));
} else {
  window.addEventListener("hashchange", navigate);
  navigate();
  void getJson<OverviewResponse>("overview")
    .then((overview) => {
      const label = document.getElementById("db-path");
      if (label) label.replaceChildren(h("span", { title: `confessional ${overview.version}` }, overview.db));
    })
    .catch(() => undefined);
}
