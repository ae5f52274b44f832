// A real HTTP webhook receiver on 127.0.0.1 for the health-alert notification tests: the worker
// project's globalSetup (tests run in workerd and POST here for real, no fetch mocking) and the
// wrangler-dev end-to-end test. It verifies every POST's signature as a deployed receiver would
// (worker/src/health/README.md "Webhook") and answers 401 when it does not verify. Each test uses
// its own path; a path can be scripted to answer given statuses first (to exercise retries and
// redirects), and its log read back.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    healthWebhookBase: string;
    healthWebhookSecret: string;
  }
}

export interface ReceivedPost {
  status: number;
  body: string;
  contentType: string | undefined;
  /** "ok", or why the signature did not verify. */
  verified: string;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT */
  base: string;
  /** The shared secret (the Worker's ALERT_WEBHOOK_SECRET). */
  secret: string;
  /** POSTs to base/hook/NAME are answered and logged here (also readable at GET base/log/NAME). */
  log(name: string): ReceivedPost[];
  /** The next POSTs to base/hook/NAME get these statuses, then 200 (also: POST base/script/NAME).
   *  A 3xx redirects to base/hook/NAME-redirected. */
  script(name: string, statuses: number[]): void;
  close(): Promise<void>;
}

/** Accepted |receiver clock − X-Idmef-Edge-Timestamp|: older POSTs are refused as replays. */
export const SIGNATURE_TOLERANCE_S = 300;

/**
 * The receiver's check, written from the README alone: HMAC-SHA256(secret, "<timestamp>.<raw
 * body>") in hex after "v1=", compared in constant time, and a timestamp within the tolerance.
 */
export function verifyWebhookSignature(secret: string, headers: IncomingHttpHeaders, rawBody: Buffer, nowS: number): string {
  const timestamp = headers["x-idmef-edge-timestamp"];
  const signature = headers["x-idmef-edge-signature"];
  if (typeof timestamp !== "string" || !/^\d+$/.test(timestamp)) return "no timestamp";
  if (typeof signature !== "string" || !signature.startsWith("v1=")) return "no signature";
  if (Math.abs(nowS - Number(timestamp)) > SIGNATURE_TOLERANCE_S) return "stale timestamp";
  const expected = createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest();
  const given = Buffer.from(signature.slice(3), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "bad signature";
}

export async function startWebhookReceiver(secret = randomBytes(32).toString("base64url")): Promise<WebhookReceiver> {
  const scripts = new Map<string, number[]>();
  const logs = new Map<string, ReceivedPost[]>();
  let base = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString("utf8");
      const [, kind, name] = (req.url ?? "").split("/");
      const reply = (status: number, payload = "", extra: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...extra });
        res.end(payload);
      };
      if (kind === "script" && req.method === "POST") {
        scripts.set(name, JSON.parse(body) as number[]);
        return reply(204);
      }
      if (kind === "log" && req.method === "GET") return reply(200, JSON.stringify(logs.get(name) ?? []));
      if (kind === "hook" && req.method === "POST") {
        const verified = verifyWebhookSignature(secret, req.headers, raw, Math.floor(Date.now() / 1000));
        const status = verified !== "ok" ? 401 : (scripts.get(name)?.shift() ?? 200);
        const log = logs.get(name) ?? [];
        log.push({ status, body, contentType: req.headers["content-type"], verified });
        logs.set(name, log);
        const location: Record<string, string> = status >= 300 && status < 400 ? { location: `${base}/hook/${name}-redirected` } : {};
        return reply(status, "{}", location);
      }
      reply(404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("webhook receiver has no port");
  base = `http://127.0.0.1:${address.port}`;
  return {
    base,
    secret,
    log: (name) => logs.get(name) ?? [],
    script: (name, statuses) => void scripts.set(name, [...statuses]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** vitest globalSetup for the worker project. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const receiver = await startWebhookReceiver();
  project.provide("healthWebhookBase", receiver.base);
  project.provide("healthWebhookSecret", receiver.secret);
  return () => receiver.close();
}
