/**
 * A small HTTP proxy on 127.0.0.1 that answers 503 to a share of requests (deterministic: every
 * n-th) and forwards the rest to the real Worker, to exercise the sender's retries end to end.
 * Can also be switched fully down (connection refused is the server-down test's job; here: 503).
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FlakyProxy {
  url: string;
  /** Requests answered 503 / forwarded so far. */
  stats: { failed: number; forwarded: number };
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string, failEvery: number): Promise<FlakyProxy> {
  const t = new URL(target);
  const stats = { failed: 0, forwarded: 0 };
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (n++ % failEvery === 0) {
        stats.failed++;
        res.writeHead(503, { "content-type": "application/problem+json", "retry-after": "0" });
        res.end(JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503 }));
        return;
      }
      stats.forwarded++;
      const body = Buffer.concat(chunks);
      // The signature covers @target-uri: forward the Host the agent signed, path unchanged.
      const up = request(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, "content-length": String(body.length) } },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on("error", () => {
        res.writeHead(502).end();
      });
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
