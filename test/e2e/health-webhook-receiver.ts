// A real HTTP webhook receiver on 127.0.0.1 for the health-alert notification tests: the worker
// project's globalSetup (tests run in workerd and POST here for real, no fetch mocking) and the
// wrangler-dev end-to-end test. Each test uses its own path; a path can be scripted to answer
// given statuses first (to exercise retries), and its log read back.
import { createServer } from "node:http";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    healthWebhookBase: string;
  }
}

export interface ReceivedPost {
  status: number;
  body: string;
  contentType: string | undefined;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT */
  base: string;
  /** POSTs to base/hook/NAME are answered and logged here (also readable at GET base/log/NAME). */
  log(name: string): ReceivedPost[];
  /** The next POSTs to base/hook/NAME get these statuses, then 200 (also: POST base/script/NAME). */
  script(name: string, statuses: number[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const scripts = new Map<string, number[]>();
  const logs = new Map<string, ReceivedPost[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const [, kind, name] = (req.url ?? "").split("/");
      const reply = (status: number, payload = "") => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(payload);
      };
      if (kind === "script" && req.method === "POST") {
        scripts.set(name, JSON.parse(body) as number[]);
        return reply(204);
      }
      if (kind === "log" && req.method === "GET") return reply(200, JSON.stringify(logs.get(name) ?? []));
      if (kind === "hook" && req.method === "POST") {
        const status = scripts.get(name)?.shift() ?? 200;
        const log = logs.get(name) ?? [];
        log.push({ status, body, contentType: req.headers["content-type"] });
        logs.set(name, log);
        return reply(status, "{}");
      }
      reply(404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("webhook receiver has no port");
  return {
    base: `http://127.0.0.1:${address.port}`,
    log: (name) => logs.get(name) ?? [],
    script: (name, statuses) => void scripts.set(name, [...statuses]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** vitest globalSetup for the worker project. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const receiver = await startWebhookReceiver();
  project.provide("healthWebhookBase", receiver.base);
  return () => receiver.close();
}
