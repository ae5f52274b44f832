// Builders shared by the health tests: IDMEF heartbeats as an agent sends them (SPEC 2.5).
import type { Heartbeat } from "../../schema/idmef.ts";
import { inject } from "vitest";
import type { HealthEnv } from "../../worker/src/health/config.ts";

export const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
export const MIN = 60_000;

let seq = 0;
export function heartbeat(
  analyzerid: string,
  status: string,
  createMs: number,
  opts: { interval?: number; dropped?: number; lost?: number; name?: string; messageid?: string } = {},
): Heartbeat {
  const additional_data: NonNullable<Heartbeat["additional_data"]> = [
    { meaning: "Analyzer status", type: "string", data: status },
    { meaning: "records", type: "integer", data: 1234 },
    { meaning: "dropped messages", type: "integer", data: opts.dropped ?? 0 },
    { meaning: "lost events", type: "integer", data: opts.lost ?? 0 },
  ];
  return {
    messageid: opts.messageid ?? `hb-${analyzerid}-${++seq}`,
    analyzer: [
      {
        analyzerid,
        name: opts.name ?? `agent on ${analyzerid}`,
        class: "HIDS",
        node: { name: `${analyzerid}.example.net`, address: [{ category: "ipv4-addr", address: "192.0.2.7" }] },
      },
    ],
    create_time: new Date(createMs).toISOString(),
    heartbeat_interval: opts.interval ?? 600,
    additional_data,
  };
}

/** The secret the real receiver (test/e2e/health-webhook-receiver.ts) verifies POSTs with. */
export const WEBHOOK_SECRET = inject("healthWebhookSecret");

export function healthEnv(db: D1Database, vars: Partial<Omit<HealthEnv, "DB">> = {}): HealthEnv {
  return {
    DB: db,
    HEARTBEAT_MARGIN_SECONDS: "60",
    HEALTH_ANALYZER_ID: "health-test",
    HEALTH_ANALYZER_NAME: "health monitor under test",
    HEARTBEAT_RETENTION_DAYS: "30",
    ALERT_RETENTION_DAYS: "0",
    ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...vars,
  };
}

// Provided by the worker project's globalSetup (test/e2e/health-webhook-receiver.ts).
declare module "vitest" {
  export interface ProvidedContext {
    healthWebhookBase: string;
    healthWebhookSecret: string;
  }
}
