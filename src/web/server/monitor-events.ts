import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { MonitorStore, MonitorWatermark } from "../../monitor/monitor-store.ts";
import type { MonitorEventData } from "../viewer-api.ts";

export interface MonitorEventsOptions {
  /** How often the store is checked for new or changed requests (ms). */
  pollMs: number;
  /** A comment line is sent after this long without an event (ms), so proxies keep the stream open. */
  heartbeatMs: number;
}

/**
 * A watermark as an SSE event id (`<request rowid>.<confession id>`): the browser's `EventSource` sends it
 * back as `Last-Event-ID` when it reconnects, and the feed resumes where it stopped.
 *
 * @example
 * encodeWatermark({ requests: 120, confessions: 97 }); // "120.97"
 */
export function encodeWatermark(mark: MonitorWatermark): string {
  return `${mark.requests}.${mark.confessions}`;
}

/**
 * Reads an id of `encodeWatermark`; null when `text` is not one.
 *
 * @example
 * parseWatermark("120.97"); // { requests: 120, confessions: 97 }
 */
export function parseWatermark(text: string): MonitorWatermark | null {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  return match ? { requests: Number(match[1]), confessions: Number(match[2]) } : null;
}

/**
 * `GET /monitor/events`: server-sent events. Every `pollMs` the store is asked what changed since the last
 * look (two primary-key range reads when nothing did); new or changed requests go out as `event: requests`
 * with `data: {"items": [...]}` (newest first) and the watermark as the event id. Quiet streams get a
 * comment line every `heartbeatMs`. The loop ends when the client goes away.
 *
 * @example
 * app.get("/monitor/events", (c) => monitorEvents(c, monitor, { pollMs: 1000, heartbeatMs: 15_000 }));
 */
export function monitorEvents(c: Context, monitor: MonitorStore, options: MonitorEventsOptions): Response {
  const resume = parseWatermark(c.req.header("last-event-id") ?? "");
  return streamSSE(c, async (stream) => {
    let open = true;
    let wake: (() => void) | null = null;
    const stop = () => {
      open = false;
      wake?.();
    };
    stream.onAbort(stop);
    c.req.raw.signal?.addEventListener("abort", stop, { once: true });

    let mark = resume ?? monitor.watermark();
    await stream.write(": connected\n\n");
    let lastWrite = Date.now();
    while (open) {
      let changes: ReturnType<MonitorStore["changesSince"]>;
      try {
        changes = monitor.changesSince(mark);
      } catch (error) {
        // the database went away (the viewer is shutting down): say so and end the stream
        await stream.writeSSE({ event: "error", data: JSON.stringify({ message: String(error) }) });
        break;
      }
      mark = changes.mark;
      if (changes.items.length > 0) {
        const data: MonitorEventData = { items: changes.items };
        await stream.writeSSE({ event: "requests", id: encodeWatermark(mark), data: JSON.stringify(data) });
        lastWrite = Date.now();
      } else if (Date.now() - lastWrite >= options.heartbeatMs) {
        await stream.write(": heartbeat\n\n");
        lastWrite = Date.now();
      }
      if (!open) break;
      // a sleep that the client's disconnect cuts short, so no timer outlives the stream
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  });
}
