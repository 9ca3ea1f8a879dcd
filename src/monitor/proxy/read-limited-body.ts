import type { IncomingMessage } from "node:http";

/** A request body read up to a limit: the bytes, or why it was not read whole. */
export type LimitedBody =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: "too_large"; bytesRead: number }
  | { ok: false; reason: "aborted"; bytesRead: number };

/**
 * Reads a request body, counting bytes as they arrive and stopping at `limit` (a `Content-Length` can be
 * missing or false, as with chunked uploads). Reads Node's `IncomingMessage` directly when the server is
 * Node (cheaper than a web stream); otherwise the `Request`'s web stream. Past the limit it stops listening
 * without destroying the connection, so the 413 can still be sent; the HTTP server discards the rest.
 *
 * @example
 * const body = await readLimitedBody(c.env?.incoming ?? c.req.raw, 1 << 20);
 * if (!body.ok && body.reason === "too_large") return tooLarge();
 */
export function readLimitedBody(source: IncomingMessage | Request, limit: number): Promise<LimitedBody> {
  return source instanceof Request ? readWebBody(source, limit) : readIncoming(source, limit);
}

function readIncoming(incoming: IncomingMessage, limit: number): Promise<LimitedBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytesRead = 0;
    const finish = (result: LimitedBody) => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onAbort);
      incoming.off("aborted", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      bytesRead += chunk.length;
      if (bytesRead > limit) {
        incoming.pause();
        finish({ ok: false, reason: "too_large", bytesRead });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, bytesRead) });
    const onAbort = () => finish({ ok: false, reason: "aborted", bytesRead });
    if (incoming.readableEnded) return onEnd();
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onAbort);
    incoming.on("aborted", onAbort);
  });
}

async function readWebBody(request: Request, limit: number): Promise<LimitedBody> {
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytesRead = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ok: true, bytes: Buffer.concat(chunks, bytesRead) };
      bytesRead += value.byteLength;
      if (bytesRead > limit) {
        reader.cancel().catch(() => {});
        return { ok: false, reason: "too_large", bytesRead };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "aborted", bytesRead };
  }
}
