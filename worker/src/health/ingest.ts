/**
 * The ingestion hook: ingestion calls `recordHeartbeatHealth` for every valid heartbeat it
 * accepts, duplicates included: it is idempotent (the same or an older heartbeat, by the sender's
 * create_time, is ignored), so calling it again after a failed attempt is safe. State changes and their alerts are committed before it returns, so an
 * `analyzer failed` alert exists as soon as the `failed` heartbeat was accepted (not a cron run
 * later); the webhook POST goes through waitUntil (or the next cron run) so it never delays the
 * agent's response.
 */
import type { Heartbeat } from "../../../schema/idmef.ts";
import { commitTransitions } from "./commit.ts";
import { healthConfig, type HealthEnv } from "./config.ts";
import { heartbeatFacts } from "./facts.ts";
import { deliverWebhooks, emptyDelivery, storePending } from "./outbox.ts";
import { onHeartbeat, type HealthEvent } from "./state.ts";
import { readHealth } from "./store.ts";

/** A concurrent writer for the same analyzer wins at most this many times in a row. */
const MAX_RACES = 5;

export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

export async function recordHeartbeatHealth(
  env: HealthEnv,
  heartbeat: Heartbeat,
  receivedAt: number,
  ctx?: WaitUntil,
): Promise<HealthEvent[]> {
  const cfg = healthConfig(env);
  const facts = heartbeatFacts(heartbeat);
  for (let attempt = 0; attempt < MAX_RACES; attempt++) {
    const prev = await readHealth(env.DB, facts.analyzerid);
    const t = onHeartbeat(prev, facts, receivedAt, cfg);
    if (t === null) return [];
    const { won } = await commitTransitions(env.DB, cfg, [{ prev, t }], receivedAt);
    if (won.length === 0) continue; // someone else changed the row: re-read and re-decide
    if (t.events.length > 0) {
      const report = emptyDelivery();
      await storePending(env.DB, receivedAt, report);
      if (cfg.webhookUrl !== null && ctx) {
        ctx.waitUntil(deliverWebhooks(env.DB, cfg, receivedAt, report).catch((e) => console.error("health webhook", e)));
      }
    }
    return t.events;
  }
  throw new Error(`analyzer_health ${facts.analyzerid}: lost ${MAX_RACES} concurrent updates in a row`);
}
