/**
 * The sender's connection to the server: node:http / node:https with a keep-alive agent. Not
 * undici: loading undici costs a long-lived plugin ~20 MB of RSS (65 MB vs 45 MB for a bare
 * Node with node:http) and ~150 ms of start-up CPU, for a client that only ever POSTs small
 * batches over a handful of keep-alive connections. node:https (and TLS) loads only for an
 * https server.
 */
import type { Agent as HttpAgent, IncomingHttpHeaders, IncomingMessage, RequestOptions } from "node:http";
import type { Readable } from "node:stream";

export interface HttpAnswer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

export interface HttpClientOptions {
  /** Sockets kept open at most (parallel requests). */
  connections: number;
  /** An idle keep-alive socket is closed after this long; a request that stalls this long fails. */
  timeoutMs: number;
  /** PEM CA bundle for a private server certificate. */
  ca?: string;
}

export class HttpClient {
  readonly #origin: URL;
  readonly #agent: HttpAgent;
  readonly #request: (o: RequestOptions, cb: (res: IncomingMessage) => void) => ReturnType<typeof import("node:http").request>;
  readonly #timeoutMs: number;

  constructor(origin: URL, o: HttpClientOptions) {
    this.#origin = origin;
    this.#timeoutMs = o.timeoutMs;
    const tls = origin.protocol === "https:";
    // getBuiltinModule: synchronous and lazy, so a plain-http agent never loads TLS.
    const mod = process.getBuiltinModule(tls ? "node:https" : "node:http") as typeof import("node:https");
    this.#agent = new mod.Agent({ keepAlive: true, maxSockets: o.connections, maxFreeSockets: o.connections, timeout: o.timeoutMs, ...(tls && o.ca ? { ca: o.ca } : {}) });
    this.#request = mod.request as never;
  }

  /** One request; resolves once the answer's headers are in (its body is the caller's to read). */
  request(r: { method: string; path: string; headers: Record<string, string>; body: Buffer; signal?: AbortSignal }): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = this.#request(
        {
          protocol: this.#origin.protocol,
          hostname: this.#origin.hostname.replace(/^\[|\]$/g, ""),
          port: this.#origin.port || undefined,
          method: r.method,
          path: r.path,
          headers: { ...r.headers, "content-length": String(r.body.length) },
          agent: this.#agent,
          signal: r.signal,
        },
        (res) => {
          // The body stalling counts like the headers stalling: a network fault.
          res.on("error", () => {});
          resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)));
      req.on("error", reject);
      req.end(r.body);
    });
  }

  /** Close every socket (idle ones at once; in-flight requests fail). */
  close(): void {
    this.#agent.destroy();
  }
}
