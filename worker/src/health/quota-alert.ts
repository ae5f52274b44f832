/**
 * "Analyzer over quota": raised by ingestion when the daily storage quota refuses an analyzer's
 * request (worker/src/store/quota.ts), so operators learn which host floods. One per analyzer per
 * UTC day: its messageid is derived from (health id, analyzer, day), so every later refusal that
 * day — concurrent ones included — is a duplicate of the stored alert, and its outbox row is only
 * written by the insert that stored it. Target: the registered client (its name), not anything the
 * flooding host sent.
 */
import type { Alert } from "../../../schema/idmef.ts";
import { idmefTime } from "../../../schema/idmef-wire.ts";
import { alertRow, INSERT_ALERTS_SQL } from "../store/alerts.ts";
import { DAY_MS } from "../store/quota-rules.ts";
import type { OverQuota } from "../store/quota.ts";
import { deterministicMessageid, HEALTH_ANALYZER_CLASS } from "./alert.ts";
import { healthConfig, type HealthConfig, type HealthEnv } from "./config.ts";
import type { WaitUntil } from "./ingest.ts";
import { deliverWebhooks, emptyDelivery } from "./outbox.ts";

export const QUOTA_CLASSIFICATION = { ident: "health-analyzer-over-quota", text: "Analyzer over quota" };

/** The client row's fields the alert names. */
export interface QuotaClient {
  id: string;
  name: string;
}

export async function quotaAlert(cfg: HealthConfig, client: QuotaClient, o: OverQuota, now: number): Promise<{ version: "1.0"; alert: Alert }> {
  const used = o.used ?? { messages: 0, bytes: 0 };
  const day = new Date(o.day * DAY_MS).toISOString().slice(0, 10);
  const who = client.name ? `${client.name} (client ${client.id}, analyzer ${o.analyzerid})` : `client ${client.id} (analyzer ${o.analyzerid})`;
  return {
    version: "1.0",
    alert: {
      messageid: await deterministicMessageid([cfg.analyzerId, "quota", o.analyzerid, String(o.day)]),
      analyzer: [{ analyzerid: cfg.analyzerId, name: cfg.analyzerName, class: HEALTH_ANALYZER_CLASS, manufacturer: "idmef-edge", model: "idmef-edge Worker" }],
      create_time: idmefTime(now),
      detect_time: idmefTime(now),
      classification: QUOTA_CLASSIFICATION,
      assessment: {
        impact: {
          // Its alerts are refused until the day turns: that host is unmonitored meanwhile.
          severity: "high",
          type: "other",
          description:
            `${who} is over its storage quota for ${day} (UTC): ${o.quota.messages} messages or ${o.quota.bytes} bytes per day. ` +
            `Its requests are refused (429) until the day turns; its agent keeps them spooled. Raise QUOTA_MESSAGES_PER_DAY / ` +
            `QUOTA_BYTES_PER_DAY if this host is honest, or revoke client ${client.id}.`,
        },
      },
      target: [{ node: { name: client.name || o.analyzerid } }],
      additional_data: [
        { meaning: "Analyzer ID", type: "string", data: o.analyzerid },
        { meaning: "Client ID", type: "string", data: client.id },
        { meaning: "Client name", type: "string", data: client.name },
        { meaning: "Quota day", type: "string", data: day },
        { meaning: "Stored today, messages", type: "integer", data: used.messages },
        { meaning: "Stored today, bytes", type: "integer", data: used.bytes },
        { meaning: "Refused request, messages", type: "integer", data: o.request.messages },
        { meaning: "Refused request, bytes", type: "integer", data: o.request.bytes },
        { meaning: "Quota, messages per day", type: "integer", data: o.quota.messages },
        { meaning: "Quota, bytes per day", type: "integer", data: o.quota.bytes },
      ],
    },
  };
}

/** Stored only if it was new: `changes()` is the row count of the alert insert just before. */
const OUTBOX_IF_NEW_SQL = `INSERT OR IGNORE INTO health_outbox (messageid, analyzerid, kind, message, created_at, webhook_due_at)
SELECT ?1, ?2, 'quota', ?3, ?4, ?4 WHERE changes() = 1`;

/** Stores the day's alert for this analyzer unless it already is; true when this call stored it. */
export async function raiseQuotaAlert(env: HealthEnv, client: QuotaClient, o: OverQuota, now: number, ctx?: WaitUntil): Promise<boolean> {
  const cfg = healthConfig(env);
  const msg = await quotaAlert(cfg, client, o, now);
  const json = JSON.stringify(msg);
  const statements = [env.DB.prepare(INSERT_ALERTS_SQL).bind(cfg.analyzerId, JSON.stringify([alertRow(msg.alert, json)]), now)];
  if (cfg.webhookUrl !== null) {
    statements.push(env.DB.prepare(OUTBOX_IF_NEW_SQL).bind(msg.alert.messageid, o.analyzerid, json, now));
  }
  const [stored] = await env.DB.batch(statements);
  const isNew = stored.meta.changes === 1;
  if (isNew && cfg.webhookUrl !== null && ctx) {
    ctx.waitUntil(deliverWebhooks(env.DB, cfg, now, emptyDelivery()).catch((e) => console.error("health webhook:", e)));
  }
  return isNew;
}
