/**
 * The cron watches the database size: D1 stops accepting writes at its limit (10 GB), and then
 * every agent's alerts are refused and its spool overflows. Above DB_SIZE_ALERT_PERCENT of
 * DB_SIZE_LIMIT_BYTES it raises one health alert per crossing (not one a minute): the state is
 * kept in health_watch and re-armed once the size is back 5 points below the threshold, so a
 * size hovering at the line does not alert each time it wobbles. The size is D1's own figure
 * (`meta.size_after` of any query; PRAGMA page_count is not authorised on D1).
 */
import { buildHealthAlert, nodeTarget } from "./alert.ts";
import type { HealthConfig } from "./config.ts";
import { healthAlertStatements } from "./store.ts";

const WATCH = "db_size";
/** Re-arm below this share of the threshold. */
const REARM_FACTOR = 0.95;

export interface DbSizeReport {
  dbSizeBytes: number;
  dbSizeAlerts: number;
}

export async function watchDbSize(db: D1Database, cfg: HealthConfig, now: number): Promise<DbSizeReport> {
  const read = await db.prepare("SELECT over, crossings FROM health_watch WHERE name = ?").bind(WATCH).all<{ over: number; crossings: number }>();
  const size = read.meta.size_after ?? 0;
  const state = read.results[0] ?? { over: 0, crossings: 0 };
  const out: DbSizeReport = { dbSizeBytes: size, dbSizeAlerts: 0 };
  const threshold = cfg.dbSizeAlertBytes;

  if (size >= threshold && state.over === 0) {
    const crossing = state.crossings + 1;
    const msg = await buildHealthAlert(cfg, {
      classification: { ident: "health-database-size", text: "Database nearly full" },
      severity: "high",
      description: `The D1 database holds ${size} bytes, over the alert threshold of ${threshold} bytes; ` +
        "at its limit every insert fails for every agent. Shorten retention or raise the limit.",
      at: now,
      idParts: ["db-size", String(crossing)],
      target: nodeTarget(`${cfg.analyzerName} database`),
      additionalData: [
        { meaning: "Database size", type: "integer", data: size },
        { meaning: "Alert threshold", type: "integer", data: threshold },
      ],
    }, now);
    const results = await db.batch([
      // Only the run that flips the row stores the alert (same crossing number = same messageid anyway).
      db.prepare(
        `INSERT INTO health_watch (name, over, since, value, crossings) VALUES (?1, 1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET over = 1, since = ?2, value = ?3, crossings = ?4 WHERE over = 0`,
      ).bind(WATCH, now, size, crossing),
      ...healthAlertStatements(db, cfg, [{ about: cfg.analyzerId, kind: "db-size", message: msg }], now),
    ]);
    out.dbSizeAlerts = results[1].meta.changes;
  } else if (state.over === 1 && size < threshold * REARM_FACTOR) {
    await db.prepare("UPDATE health_watch SET over = 0, since = ?2, value = ?3 WHERE name = ?1").bind(WATCH, now, size).run();
  }
  return out;
}
