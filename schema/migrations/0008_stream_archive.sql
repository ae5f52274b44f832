-- Stream, R2 archive and capacity (issue 11): worker/src/stream/, worker/src/archive/.

-- The stream's order: one row per stored alert or heartbeat, numbered in the order it was stored.
-- AUTOINCREMENT, not a plain rowid: a rowid may be reused after deletes (retention prunes the
-- oldest rows), and a reused number would land behind a consumer's bookmark. A row is written by
-- the statement that follows each alert/heartbeat insert in the same D1 batch (worker/src/stream/
-- log.ts): D1 runs one writer at a time, so a number is taken and committed with its message, and
-- no transaction can commit a smaller number after a consumer has read a larger one. (Not a
-- trigger: D1 counts a trigger's rows in meta.changes, which ingestion reports as accepted.)
CREATE TABLE stream_log (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT    NOT NULL,  -- 'alert' | 'heartbeat' (health alerts are alerts of the Worker's own analyzer)
  analyzerid  TEXT    NOT NULL,
  messageid   TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  -- alerts.detect_time / heartbeats.create_time: once the archive job has moved an alert to R2,
  -- the stream finds it in the archive objects of this hour
  event_time  INTEGER NOT NULL
) STRICT;

-- Rows stored before this migration: streamed from the start, in received order.
INSERT INTO stream_log (kind, analyzerid, messageid, received_at, event_time)
SELECT kind, analyzerid, messageid, received_at, event_time FROM (
  SELECT 'alert' AS kind, analyzerid, messageid, received_at, detect_time AS event_time FROM alerts
  UNION ALL
  SELECT 'heartbeat', analyzerid, messageid, received_at, create_time FROM heartbeats)
ORDER BY received_at, kind, analyzerid, messageid;

-- Which stream types a client may read (space-separated subset of alert heartbeat health);
-- NULL = all (an idmef:r client reads every alert through GET /v1/alerts anyway).
ALTER TABLE clients ADD COLUMN stream_types TEXT;

-- Archive objects in R2 (one per detect hour and part), registered in the same D1 transaction
-- that deletes their alerts: an alert is in exactly one of `alerts` and a registered object.
-- Objects in R2 without a row here are leftovers of a failed run and are never read.
CREATE TABLE archive_objects (
  key         TEXT    PRIMARY KEY,
  hour        INTEGER NOT NULL,  -- epoch ms of the UTC hour of detect time the object covers
  part        INTEGER NOT NULL,  -- 0, 1, ... within the hour (a new part for alerts that arrive late)
  alerts      INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,  -- stored (gzip) size
  raw_bytes   INTEGER NOT NULL,  -- NDJSON size
  sha256      TEXT    NOT NULL,  -- of the NDJSON, checked on read-back before the delete
  first_key   TEXT    NOT NULL,  -- JSON [detect_time, analyzerid, messageid] of its first and last line
  last_key    TEXT    NOT NULL,
  analyzers   TEXT,              -- JSON array of its analyzer ids (up to 100; NULL = more), for listing by analyzer
  created_at  INTEGER NOT NULL,
  UNIQUE (hour, part)
) STRICT;

-- Named values of the archive and stream (e.g. the highest stream seq pruned).
CREATE TABLE archive_state (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
