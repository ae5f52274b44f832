/**
 * One request's valid messages → one D1 batch (a transaction): the analyzer's daily quota, alerts,
 * heartbeats, the analyzer row, and whatever the heartbeat hooks add; then the hooks' after-commit
 * work. The caller answers 2xx only after this resolves, i.e. after the commit. Over quota the
 * batch aborts as a whole (quota-rules.ts) and this throws a 429 Problem: nothing stored.
 */
import type { Analyzer } from "../../../schema/idmef.ts";
import type { Env } from "../env.ts";
import { streamNewAlerts, streamNewHeartbeats } from "../stream/log.ts";
import type { ValidMessage } from "../validate/messages.ts";
import { ANALYZER_FROM_ALERTS_SQL, utf8Length } from "./alert-rows.ts";
import { countNewAlertsStatements } from "./alert-counts.ts";
import { alertRow, insertAlertStatements, type AlertRow } from "./alerts.ts";
import {
  analyzerFromHeartbeats,
  heartbeatDetails,
  insertHeartbeatStatements,
  readHeartbeatContext,
  type HeartbeatHook,
  type NewHeartbeat,
} from "./heartbeats.ts";
import { isQuotaExceeded, overQuota, quotaProblem, quotaStatement, readUsage, type DailyQuota, type OverQuota } from "./quota.ts";

export interface StoreRequest {
  db: D1Database;
  env: Env;
  clientId: string;
  /** The client's analyzer; every message was checked to carry it. */
  analyzerid: string;
  messages: ValidMessage[];
  now: number;
  heartbeatHooks: readonly HeartbeatHook[];
  waitUntil(p: Promise<unknown>): void;
  /** Run first in the same batch, e.g. the request's nonce claim: if it fails, nothing is stored. */
  leading?: D1PreparedStatement[];
  /** The analyzer's storage quota per UTC day; every message of the request counts, duplicates too. */
  quota: DailyQuota;
  /** Called when the quota refused the request, before the 429 is thrown (e.g. a health alert). */
  onOverQuota?: (o: OverQuota) => Promise<void>;
}

export interface StoreOutcome {
  accepted: number;
  duplicates: number;
}

function analyzerFromAlerts(db: D1Database, clientId: string, a: Analyzer, now: number): D1PreparedStatement {
  return db
    .prepare(ANALYZER_FROM_ALERTS_SQL)
    .bind(a.analyzerid, a.name ?? null, a.model ?? null, a.class ?? null, a.node?.name ?? null, clientId, now);
}

export async function storeMessages(r: StoreRequest): Promise<StoreOutcome> {
  const { db, analyzerid, now } = r;
  const alertRows: AlertRow[] = [];
  let alertAnalyzer: Analyzer | null = null;
  const heartbeats: NewHeartbeat[] = [];
  for (const m of r.messages) {
    if (m.kind === "alert") {
      alertRows.push(alertRow(m.alert, m.json));
      alertAnalyzer = m.alert.analyzer[0];
    } else {
      heartbeats.push(heartbeatDetails(m.heartbeat, m.json));
    }
  }

  // Counted as sent, before the inserts: one statement whatever the number of messages.
  const usage = { messages: r.messages.length, bytes: r.messages.reduce((n, m) => n + utf8Length(m.json), 0) };
  const quota = quotaStatement(db, analyzerid, usage, r.quota, alertRows.length === 0, now);
  const statements: D1PreparedStatement[] = [...(r.leading ?? []), quota];
  /** Indexes (into `statements`) of the inserts whose `changes` count accepted messages. */
  const counted: number[] = [];
  // The hourly counts (alert-counts.ts): one grouped upsert per batch, before the inserts it counts.
  statements.push(...countNewAlertsStatements(db, analyzerid, alertRows, now));
  for (const stmt of insertAlertStatements(db, analyzerid, alertRows, now)) {
    counted.push(statements.push(stmt) - 1);
    statements.push(streamNewAlerts(db)); // directly after its insert (stream/log.ts)
    statements.push(analyzerFromAlerts(db, r.clientId, alertAnalyzer!, now));
  }

  const afterCommit: Array<() => Promise<void>> = [];
  if (heartbeats.length > 0) {
    const { previous, stored } = await readHeartbeatContext(db, analyzerid, heartbeats.map((h) => h.heartbeat.messageid));
    // Once per messageid within the request; new = not stored before.
    const seen = new Set<string>();
    const unique = heartbeats.filter((h) => !seen.has(h.heartbeat.messageid) && seen.add(h.heartbeat.messageid));
    unique.sort((a, b) => a.createMs - b.createMs);
    const fresh = unique.filter((h) => !stored.has(h.heartbeat.messageid));
    if (fresh.length > 0) {
      for (const stmt of insertHeartbeatStatements(db, analyzerid, fresh, now)) {
        counted.push(statements.push(stmt) - 1);
        statements.push(streamNewHeartbeats(db)); // directly after its insert (stream/log.ts)
      }
      statements.push(analyzerFromHeartbeats(db, r.clientId, fresh[fresh.length - 1], fresh.length, now));
    }
    for (const hook of r.heartbeatHooks) {
      const out = await hook({
        db,
        env: r.env,
        clientId: r.clientId,
        analyzerid,
        previous,
        heartbeats: unique.map((h) => h.heartbeat),
        isNew: (id) => !stored.has(id),
        receivedAt: now,
        waitUntil: r.waitUntil,
      });
      if (out.statements) statements.push(...out.statements);
      if (out.afterCommit) afterCommit.push(out.afterCommit);
    }
  }

  let results: D1Result[];
  try {
    results = await db.batch(statements);
  } catch (e) {
    if (!isQuotaExceeded(e)) throw e;
    const refused = overQuota(analyzerid, usage, await readUsage(db, analyzerid, now), r.quota, now);
    await r.onOverQuota?.(refused);
    throw quotaProblem(refused);
  }
  const accepted = counted.reduce((n, i) => n + results[i].meta.changes, 0);
  for (const task of afterCommit) await task();
  return { accepted, duplicates: r.messages.length - accepted };
}
