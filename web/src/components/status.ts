// Loading, error and empty states, and status badges: one look for each everywhere.

import { ApiRequestError } from "../api.ts";
import { h } from "../dom.ts";

/**
 * A loading placeholder.
 *
 * @example
 * loading("run")
 */
export function loading(what = ""): HTMLElement {
  return h("div", { class: "loading", role: "status" }, `Loading${what ? ` ${what}` : ""}…`);
}

/**
 * An error box with the error's message (and the API's code when there is one).
 *
 * @example
 * errorBox(new Error("no run abc"))
 */
export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  const code =
    error instanceof ApiRequestError ? ` (${error.code}${error.status ? `, ${error.status}` : ""})` : "";
  return h("div", { class: "error-box", role: "alert" }, h("strong", null, "Error: "), message, code);
}

/**
 * An empty state: what is missing and the command that fills it.
 *
 * @example
 * emptyState("No runs yet.", "confess eval --suite word-count --model scripted:mixed")
 */
export function emptyState(text: string, command?: string, extra?: string): HTMLElement {
  return h(
    "div",
    { class: "empty-state", "data-testid": "empty-state" },
    h("p", null, text),
    command ? h("pre", { class: "command" }, command) : null,
    extra ? h("p", { class: "muted" }, extra) : null,
  );
}

const BADGE_KIND: Record<string, string> = {
  ok: "good",
  tp: "good",
  tn: "good",
  delivered: "good",
  fn: "bad",
  fp: "warn",
  error: "bad",
  failed: "bad",
  unparsed: "warn",
  refused: "warn",
  truncated: "warn",
  empty: "warn",
  undecided: "neutral",
  pending: "neutral",
  flagged: "bad",
};

/**
 * A small coloured label for a status or cell (`ok`, `unparsed`, `fn`…).
 *
 * @example
 * badge("unparsed")
 */
export function badge(status: string, label = status): HTMLElement {
  return h("span", { class: `badge badge-${BADGE_KIND[status] ?? "neutral"}`, title: status }, label);
}

/**
 * Runs an async loader into a container: loading state first, then the content or the error.
 *
 * @example
 * await load(container, "run", async () => renderRun(await getJson("runs/x")));
 */
export async function load(container: Element, what: string, build: () => Promise<Node>): Promise<void> {
  const placeholder = loading(what);
  container.replaceChildren(placeholder);
  // a page shown meanwhile (j pressed twice, a link followed) owns the container: a slower answer for
  // the page left behind must not replace it
  const current = () => placeholder.parentNode === container;
  try {
    const content = await build();
    if (current()) container.replaceChildren(content);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") return;
    if (current()) container.replaceChildren(errorBox(error));
  }
}
