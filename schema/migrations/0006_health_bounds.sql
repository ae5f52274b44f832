-- Health alerts bounded (worker/src/health/budget.ts, alert.ts), issue 9.
-- The registration (clients row) of the client that delivers an analyzer's heartbeats: health
-- alerts name the analyzer by it, never by the node its heartbeats claim.
ALTER TABLE analyzer_health ADD COLUMN client_id TEXT;
ALTER TABLE analyzer_health ADD COLUMN client_name TEXT;
-- Hourly alert budget per analyzer: the UTC hour counted (epoch ms / 3,600,000), alerts stored in
-- it, alerts suppressed since the last stored one (that one says how many) and in total.
ALTER TABLE analyzer_health ADD COLUMN alert_hour INTEGER NOT NULL DEFAULT 0;
ALTER TABLE analyzer_health ADD COLUMN alerts_in_hour INTEGER NOT NULL DEFAULT 0;
ALTER TABLE analyzer_health ADD COLUMN alerts_suppressed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE analyzer_health ADD COLUMN alerts_suppressed_total INTEGER NOT NULL DEFAULT 0;

-- Existing rows: the client that last wrote for the analyzer (ingestion records it).
UPDATE analyzer_health SET (client_id, client_name) =
  (SELECT c.id, c.name FROM analyzers AS a JOIN clients AS c ON c.id = a.client_id
   WHERE a.analyzerid = analyzer_health.analyzerid);

-- heartbeat_interval is now believed up to MAX_HEARTBEAT_INTERVAL_SECONDS (default one day): an
-- analyzer that promised 2^32 s would otherwise never be due. Rows stored before get the default
-- cap (the next heartbeat applies the configured one).
UPDATE analyzer_health
SET interval_s = 86400, due_at = CASE WHEN due_at IS NULL THEN NULL ELSE last_seen + 86400000 END
WHERE interval_s > 86400;

-- Conditions the cron watches (today: the database size), so it alerts once per crossing of the
-- threshold, not every minute while above it.
CREATE TABLE health_watch (
  name   TEXT    PRIMARY KEY,
  over   INTEGER NOT NULL,  -- 1 while above the threshold (alerted), 0 once back below
  since  INTEGER NOT NULL,  -- epoch ms of the last change
  value  INTEGER,           -- value measured at that change (bytes)
  -- times it went over: the alert's id is derived from it, so two overlapping runs that both see
  -- the crossing store one alert
  crossings INTEGER NOT NULL DEFAULT 0
) STRICT;
