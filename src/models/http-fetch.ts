import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 256 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NODE_USE_ENV_PROXY"];

/**
 * A `fetch` for provider calls built on `node:http` with keep-alive agents. Node's built-in `fetch` costs
 * several times more CPU per request, which shows when hundreds of calls are in flight. Non-streaming
 * bodies are buffered; event streams are passed through as they arrive. Anything it does not handle (a
 * `Request` object, an unusual body, a proxy configured in the environment) goes to the built-in `fetch`.
 *
 * @example
 * const res = await httpFetch("http://127.0.0.1:8000/v1/models");
 */
export const httpFetch: typeof fetch = (input, init) => {
  const body = init?.body;
  const simpleBody =
    body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : undefined;
  if (url === undefined || !simpleBody || PROXY_VARIABLES.some((name) => process.env[name])) {
    return fetch(input, init);
  }
  const target = new URL(url);
  const agent = agents[target.protocol as keyof typeof agents];
  if (!agent) return fetch(input, init);
  const signal = init?.signal ?? undefined;

  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: init?.method ?? "GET",
        headers: headerRecord(init?.headers),
        agent,
        ...(signal ? { signal } : {}),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const headers = new Headers();
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          headers.append(response.rawHeaders[i] as string, response.rawHeaders[i + 1] as string);
        }
        const options = { status, statusText: response.statusMessage ?? "", headers };
        if (status === 204 || status === 304 || init?.method?.toUpperCase() === "HEAD") {
          response.resume();
          return resolve(new Response(null, options));
        }
        if ((headers.get("content-type") ?? "").includes("text/event-stream")) {
          return resolve(new Response(Readable.toWeb(response) as ReadableStream, options));
        }
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(new Response(Buffer.concat(chunks), options)));
        response.on("error", reject);
      },
    );
    request.on("error", (error) => reject(signal?.aborted ? signal.reason : error));
    request.end(body ?? undefined);
  });
};

function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...(headers as Record<string, string>) };
}
