-- Heartbeat history beyond HEARTBEAT_RETENTION_DAYS (issue 11b, worker/src/rollup/): one row per
-- analyzer per UTC hour of create_time, recomputed from the raw heartbeats of that hour by the cron
-- before retention deletes them. Counts use the same rules as GET /v1/analyzers/{id}/heartbeats
-- (store/fleet.ts heartbeatEvents), each heartbeat judged against its predecessor. Kept for
-- ARCHIVE_RETENTION_DAYS.
CREATE TABLE heartbeat_rollup_hourly (
  analyzerid         TEXT    NOT NULL,
  hour               INTEGER NOT NULL,  -- epoch ms of the UTC hour
  heartbeats         INTEGER NOT NULL,
  starts             INTEGER NOT NULL,  -- 'starting' after a clean stop or failure (or the first ever)
  restarts           INTEGER NOT NULL,  -- unexpected restarts: 'starting' while the previous was alive
  clean_stops        INTEGER NOT NULL,
  failures           INTEGER NOT NULL,
  gaps               INTEGER NOT NULL,  -- more than interval + HEALTH_MARGIN since the previous
  abnormal_intervals INTEGER NOT NULL,  -- under half the announced interval
  longest_gap_ms     INTEGER,           -- the longest of those gaps (NULL: none)
  PRIMARY KEY (analyzerid, hour)
) STRICT, WITHOUT ROWID;
-- Retention deletes by hour.
CREATE INDEX heartbeat_rollup_by_hour ON heartbeat_rollup_hourly (hour);

-- Triage rows stay in D1 when the archive moves their alert (export joins them); they leave with
-- the history's retention, by the time of the change (worker/src/archive/retention.ts).
CREATE INDEX alert_triage_by_at ON alert_triage (at);
CREATE INDEX triage_history_by_at ON triage_history (at);
