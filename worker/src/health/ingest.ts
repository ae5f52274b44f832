/**
 * Health at ingest time. Ingestion (worker/src/index.ts, a HeartbeatHook's afterCommit) calls
 * `recordHeartbeatHealth` after the heartbeats are committed and before it answers; a failure here
 * answers 500, the agent re-sends, and ingestion passes the (now duplicate) heartbeats again. So an
 * `analyzer failed` alert is stored before the `failed` heartbeat is acknowledged, not a cron run
 * later.
 *
 * Idempotent: a heartbeat equal to or older (sender's create_time) than the last one applied is
 * ignored. Race-safe: the state row is compare-and-set together with its alerts; a writer that
 * lost (the cron marking the analyzer missing between our read and our write) re-reads and
 * re-decides. Webhook POSTs go through waitUntil (or the next cron run), never delaying the answer.
 */
import type { Heartbeat } from "../../../schema/idmef.ts";
import { onePerKind } from "./budget.ts";
import { commitTransitions } from "./commit.ts";
import { healthConfig, type HealthConfig, type HealthEnv } from "./config.ts";
import { heartbeatFacts } from "./facts.ts";
import { deliverWebhooks, emptyDelivery } from "./outbox.ts";
import { onHeartbeat, type AnalyzerHealth, type HealthEvent, type Registration, type Transition } from "./state.ts";
import { readHealthAndSender } from "./store.ts";

/**
 * A compare-and-set only fails because another writer's succeeded, so with N concurrent writers
 * for one analyzer each loses at most N - 1 times (no livelock). One agent rarely has more than
 * one request in flight; past this bound the request answers 500 and the agent re-sends.
 */
const MAX_RACES = 32;

/**
 * Folds a request's heartbeats (oldest create_time first) into one transition, or null. At most
 * one event per kind per request: 1000 alternating failed/running heartbeats are one "failed"
 * (and one "resumed"), saying how many there were.
 */
function applyAll(
  prev: AnalyzerHealth | null,
  heartbeats: Heartbeat[],
  sender: Registration | null,
  receivedAt: number,
  cfg: HealthConfig,
): Transition | null {
  let cur = prev;
  const events: HealthEvent[] = [];
  for (const hb of heartbeats) {
    const t = onHeartbeat(cur, { ...heartbeatFacts(hb), client: sender }, receivedAt, cfg);
    if (t === null) continue;
    cur = t.next;
    events.push(...t.events);
  }
  return cur === prev || cur === null ? null : { next: cur, events: onePerKind(events) };
}

export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/** What ingestion tells health about the request (its HeartbeatIngest fits). */
export interface IngestContext extends Partial<WaitUntil> {
  /** The authenticated client that sent the heartbeats: names the analyzer in health alerts. */
  clientId?: string;
}

/** Read, decide, compare-and-set (retrying a lost race). Returns the events raised. */
export async function recordHeartbeatHealth(
  env: HealthEnv,
  heartbeats: Heartbeat | Heartbeat[],
  receivedAt: number,
  ctx?: IngestContext,
): Promise<HealthEvent[]> {
  const cfg = healthConfig(env);
  const list = Array.isArray(heartbeats) ? heartbeats : [heartbeats];
  if (list.length === 0) return [];
  for (let attempt = 0; attempt < MAX_RACES; attempt++) {
    const { prev, sender } = await readHealthAndSender(env.DB, list[0].analyzer[0].analyzerid, ctx?.clientId ?? null);
    const t = applyAll(prev, list, sender, receivedAt, cfg);
    if (t === null) return [];
    const { won, events } = await commitTransitions(env.DB, cfg, [{ prev, t }], receivedAt);
    if (won === 0) continue;
    if (events.length > 0 && cfg.webhookUrl !== null && ctx?.waitUntil) {
      ctx.waitUntil(deliverWebhooks(env.DB, cfg, receivedAt, emptyDelivery()).catch((e) => console.error("health webhook:", e)));
    }
    return events;
  }
  throw new Error(`analyzer_health ${list[0].analyzer[0].analyzerid}: lost ${MAX_RACES} concurrent updates in a row`);
}
