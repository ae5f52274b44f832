/** Stream entry statements for D1 (their SQL and why it is correct: log-sql.ts). */
import { STREAM_NEW_ALERTS_SQL, STREAM_NEW_HEARTBEATS_SQL } from "./log-sql.ts";

export { STREAM_NEW_ALERTS_SQL, STREAM_NEW_HEARTBEATS_SQL };

export const streamNewAlerts = (db: D1Database) => db.prepare(STREAM_NEW_ALERTS_SQL);
export const streamNewHeartbeats = (db: D1Database) => db.prepare(STREAM_NEW_HEARTBEATS_SQL);
