/**
 * Webhook notification of health alerts from health_outbox: each is POSTed to ALERT_WEBHOOK_URL
 * as IDMEF JSON, oldest first; a row is deleted only after a 2xx, so a failing receiver only
 * delays delivery and the next cron runs retry (backoff). Bounded per call.
 *
 * Every POST is signed (README.md "Webhook": how a receiver verifies): HMAC-SHA256 with
 * ALERT_WEBHOOK_SECRET over `<timestamp>.<body>`, in X-Idmef-Edge-Timestamp / -Signature. The
 * URL is https (http only to loopback, checked in config.ts) and redirects are not followed: a
 * 3xx is a refusal like any other 4xx, so an alert never goes anywhere but the configured host.
 */
import type { HealthConfig } from "./config.ts";

export const WEBHOOK_CHUNK = 20;
export const WEBHOOK_TIMEOUT_MS = 10_000;
const MINUTE = 60_000;
const MAX_BACKOFF_MS = 60 * MINUTE;

export interface DeliveryReport {
  webhookSent: number;
  webhookFailed: number;
  webhookDead: number;
  /** A URL is set but no ALERT_WEBHOOK_SECRET: nothing was sent. */
  unsigned: boolean;
  rowsRead: number;
  rowsWritten: number;
}

export function emptyDelivery(): DeliveryReport {
  return { webhookSent: 0, webhookFailed: 0, webhookDead: 0, unsigned: false, rowsRead: 0, rowsWritten: 0 };
}

/** Minutes between webhook attempts: 1, 2, 4, ... capped at an hour (the cron runs each minute). */
export function webhookBackoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, MINUTE * 2 ** Math.max(0, attempts - 1));
}

function account(r: DeliveryReport, metas: { meta: D1Meta }[]): void {
  for (const m of metas) {
    r.rowsRead += m.meta.rows_read ?? 0;
    r.rowsWritten += m.meta.rows_written ?? 0;
  }
}

type Outcome = { ok: true } | { ok: false; retry: boolean; error: string };

export const TIMESTAMP_HEADER = "x-idmef-edge-timestamp";
export const SIGNATURE_HEADER = "x-idmef-edge-signature";

export function webhookSigningKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/** `v1=` + hex HMAC-SHA256 over `<timestamp>.<body>` (timestamp: Unix seconds, as sent). */
export async function webhookSignature(key: CryptoKey, timestamp: number, body: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}.${body}`)));
  return `v1=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

async function post(url: string, key: CryptoKey, message: string): Promise<Outcome> {
  try {
    // The wall clock, not the injected one: the receiver checks freshness against its own clock.
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "idmef-edge-health",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: await webhookSignature(key, timestamp, message),
      },
      body: message,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.ok) return { ok: true };
    if (res.status >= 300 && res.status < 400) {
      return { ok: false, retry: false, error: `HTTP ${res.status} (redirects are not followed; configure the final URL)` };
    }
    // The receiver refusing the message itself will refuse it again; anything else may pass later.
    const retry = res.status >= 500 || res.status === 408 || res.status === 429;
    return { ok: false, retry, error: `HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, retry: true, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/**
 * Claiming rows pushes their due time this far ahead before POSTing, so two overlapping runs (a
 * slow cron run and the next, or ingestion's waitUntil and the cron) never send the same alert
 * twice; if this invocation dies mid-way, the rows fall due again when the lease ends.
 */
export const WEBHOOK_LEASE_MS = 5 * MINUTE;

const CLAIM_SQL = `UPDATE health_outbox SET webhook_due_at = ?1
WHERE messageid IN (SELECT messageid FROM health_outbox WHERE webhook_due_at <= ?2 ORDER BY webhook_due_at LIMIT ?3)
RETURNING messageid, message, webhook_attempts AS attempts, created_at`;

/** POSTs due webhook notifications, oldest first; failures are rescheduled with backoff. */
export async function deliverWebhooks(
  db: D1Database,
  cfg: HealthConfig,
  now: number,
  report: DeliveryReport,
): Promise<void> {
  // Rows keep their due time until a URL (and a secret) is configured: nothing is lost meanwhile.
  if (cfg.webhookUrl === null) return;
  if (cfg.webhookSecret === null) {
    report.unsigned = true;
    console.error("health webhook: ALERT_WEBHOOK_SECRET is not set; alerts stay queued in health_outbox, never sent unsigned");
    return;
  }
  const claimed = await db
    .prepare(CLAIM_SQL)
    .bind(now + WEBHOOK_LEASE_MS, now, WEBHOOK_CHUNK)
    .all<{ messageid: string; message: string; attempts: number; created_at: number }>();
  account(report, [claimed]);
  const rows = claimed.results.sort((a, b) => a.created_at - b.created_at || a.messageid.localeCompare(b.messageid));
  if (rows.length === 0) return;
  const key = await webhookSigningKey(cfg.webhookSecret);
  const stmts: D1PreparedStatement[] = [];
  // Sequential: a receiver that is down fails fast, and order is preserved for one that is up.
  let i = 0;
  for (; i < rows.length; i++) {
    const row = rows[i];
    const outcome = await post(cfg.webhookUrl, key, row.message);
    const attempts = row.attempts + 1;
    if (outcome.ok) {
      report.webhookSent++;
      stmts.push(db.prepare("DELETE FROM health_outbox WHERE messageid = ?").bind(row.messageid));
    } else if (outcome.retry) {
      report.webhookFailed++;
      stmts.push(
        db.prepare("UPDATE health_outbox SET webhook_due_at = ?, webhook_attempts = ?, webhook_error = ? WHERE messageid = ?")
          .bind(now + webhookBackoffMs(attempts), attempts, outcome.error, row.messageid),
      );
      // A receiver that is down or timing out would fail the rest too: keep the run short.
      i++;
      break;
    } else {
      report.webhookDead++;
      stmts.push(
        db.prepare("UPDATE health_outbox SET webhook_due_at = NULL, webhook_attempts = ?, webhook_error = ?, dead_at = ? WHERE messageid = ?")
          .bind(attempts, outcome.error, now, row.messageid),
      );
    }
  }
  // Claimed but not tried: due again for the next run, not after the lease.
  const untried = rows.slice(i).map((r) => r.messageid);
  if (untried.length > 0) {
    stmts.push(
      db.prepare("UPDATE health_outbox SET webhook_due_at = ? WHERE messageid IN (SELECT value FROM json_each(?))").bind(now, JSON.stringify(untried)),
    );
  }
  account(report, await db.batch(stmts));
}
