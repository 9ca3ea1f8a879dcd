/** The kinds of question that need the live web. */
export type LiveInfoKind = "price" | "news" | "release" | "score" | "weather" | "page";

/** One broken-browser case: a question only a working browser could answer. */
export interface BrowserPayload {
  kind: LiveInfoKind;
  /** What is asked about: an asset, an outlet, a program, a fixture, a city or a URL. */
  subject: string;
  /** What the answer should give, in a few words ("the current price of Bitcoin in US dollars"). */
  wanted: string;
  /** The URL a browser would open for it. */
  url: string;
  question: string;
}
