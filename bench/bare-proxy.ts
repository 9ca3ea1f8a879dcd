// The least a Node proxy can do, for bench/proxy-overhead's ceiling row: node:http in, node:http out with
// keep-alive, the body forwarded as it came, nothing parsed or recorded. `node bench/bare-proxy.ts <upstream>`.
import http from "node:http";

const upstream = new URL(process.argv[2] as string);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const base = upstream.pathname.replace(/\/+$/, "");

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const out = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: `${base}${(req.url ?? "").replace(/^\/v1/, "")}`,
        method: req.method,
        agent,
        headers: { "content-type": "application/json", "content-length": body.byteLength },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { "content-type": answer.headers["content-type"] ?? "" });
        answer.pipe(res);
      },
    );
    out.on("error", () => {
      res.statusCode = 502;
      res.end();
    });
    out.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address() as { port: number };
  process.stdout.write(`http://127.0.0.1:${address.port}/v1\n`);
});
