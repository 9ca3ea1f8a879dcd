// The static report (`confess report html`): the page carries its data in `window.__CONFESS_REPORT__` and
// the app renders the run page from it, with no fetches and no links to a server.

import type { RunPageData } from "./pages/run-page.ts";

declare global {
  interface Window {
    __CONFESS_REPORT__?: RunPageData;
  }
}

/**
 * The embedded report data, when this page is a static report.
 *
 * @example
 * const report = embeddedReport(); if (report) renderReport(app, report);
 */
export function embeddedReport(): RunPageData | null {
  const data = typeof window === "undefined" ? undefined : window.__CONFESS_REPORT__;
  return data && typeof data === "object" && "run" in data ? data : null;
}
