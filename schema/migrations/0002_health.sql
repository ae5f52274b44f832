-- Analyzer health (SPEC 4.1), owned by worker/src/health/.
-- Kept apart from `analyzers` (written by ingestion) so the monitor has its own copy of the last
-- APPLIED heartbeat to compare the next one with, and can compare-and-set its row
-- (WHERE last_messageid = ? AND state = ?) against a concurrent heartbeat or cron run.

CREATE TABLE analyzer_health (
  analyzerid     TEXT    PRIMARY KEY,
  state          TEXT    NOT NULL CHECK (state IN ('online', 'missing', 'offline', 'failed')),
  since          INTEGER NOT NULL,  -- epoch ms the analyzer entered `state` (server clock)
  -- last_seen + heartbeat_interval while online, NULL otherwise. The cron selects
  -- due_at <= now - margin through the partial index below, so a run reads only the rows that
  -- are due (O(analyzers changing state)), never the whole table. The margin stays out of the
  -- stored value so changing HEARTBEAT_MARGIN_SECONDS takes effect on the next run.
  due_at         INTEGER,
  last_seen      INTEGER NOT NULL,  -- server receive time of the last applied heartbeat
  last_create_ms INTEGER NOT NULL,  -- its sender create_time (ordering only)
  last_messageid TEXT    NOT NULL,
  last_status    TEXT,
  interval_s     INTEGER NOT NULL,
  drops          INTEGER NOT NULL DEFAULT 0,
  name           TEXT,
  node           TEXT               -- JSON IDMEF Node, the target of health alerts
) STRICT;

CREATE INDEX analyzer_health_due ON analyzer_health (due_at) WHERE due_at IS NOT NULL;

-- Health alerts waiting to be POSTed to ALERT_WEBHOOK_URL (only written while it is set). A row
-- is written in the same transaction as the state change that raised it and the alert itself, so
-- a notification cannot be lost; the cron retries what is left. Delivered rows are deleted; one the
-- receiver refuses for good (4xx other than 408/429) stays here with dead_at and the error.
CREATE TABLE health_outbox (
  messageid        TEXT    PRIMARY KEY,  -- deterministic: the same event always gets the same id
  analyzerid       TEXT    NOT NULL,     -- the affected analyzer
  kind             TEXT    NOT NULL,
  message          TEXT    NOT NULL,     -- the IDMEF alert, JSON
  created_at       INTEGER NOT NULL,
  webhook_due_at   INTEGER,              -- next attempt; NULL = nothing (more) to send
  webhook_attempts INTEGER NOT NULL DEFAULT 0,
  webhook_error    TEXT,
  dead_at          INTEGER
) STRICT;

CREATE INDEX health_outbox_webhook  ON health_outbox (webhook_due_at) WHERE webhook_due_at IS NOT NULL;
