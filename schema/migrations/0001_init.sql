-- idmef-edge: the ingestion Worker's tables (SPEC 3, 4).
-- Times the server sets are INTEGER milliseconds since the epoch (comparable, cheap to index).
-- Times from messages are kept twice: the original RFC 3339 text inside `message`, and a
-- normalised epoch-ms column for filtering and ordering (offsets make text comparison wrong).

-- API clients: one Ed25519 key each (RFC 9421 keyid = id). No cache outlives a revocation:
-- every request reads its row.
CREATE TABLE clients (
  id          TEXT    PRIMARY KEY,
  name        TEXT    NOT NULL DEFAULT '',
  public_key  TEXT    NOT NULL,            -- raw 32-byte Ed25519 key, base64url (a JWK's x)
  analyzer_id TEXT,                        -- the analyzer this client may send as; NULL for operators
  permissions TEXT    NOT NULL DEFAULT '', -- space-separated subset of: idmef:r idmef:w admin:r admin:w
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER                      -- NULL while active
) STRICT;

-- Latest state per analyzer, written by heartbeat ingestion (and touched by alerts).
-- Health columns (online/missing/offline/failed, transition times) come in a later migration.
CREATE TABLE analyzers (
  analyzerid                 TEXT    PRIMARY KEY,
  name                       TEXT,             -- analyzer[0].name
  model                      TEXT,
  class                      TEXT,
  node_name                  TEXT,             -- analyzer[0].node.name
  client_id                  TEXT,             -- client that last wrote for it
  status                     TEXT,             -- last "Analyzer status": starting|running|exiting|failed|...
  heartbeat_interval         INTEGER,          -- seconds, from the last heartbeat
  last_heartbeat_at          INTEGER,          -- server receive time of the newest heartbeat
  last_heartbeat_create_time TEXT,             -- sender's create_time (RFC 3339) of that heartbeat
  last_heartbeat_create_ms   INTEGER,          -- same, as epoch ms (guards against stale re-sends)
  last_heartbeat_messageid   TEXT,
  counters                   TEXT,             -- JSON object: numeric additional_data of the last heartbeat
  heartbeats_received        INTEGER NOT NULL DEFAULT 0,
  alerts_received            INTEGER NOT NULL DEFAULT 0,
  last_alert_at              INTEGER,          -- server receive time of the newest alert batch
  first_seen_at              INTEGER NOT NULL,
  updated_at                 INTEGER NOT NULL
) STRICT;

-- Alerts: filter columns + the full message as received (libprelude JSON).
CREATE TABLE alerts (
  analyzerid     TEXT    NOT NULL,
  messageid      TEXT    NOT NULL,
  detect_time    INTEGER NOT NULL,  -- epoch ms of detect_time, or of create_time when absent
  create_time    INTEGER NOT NULL,  -- epoch ms of create_time
  received_at    INTEGER NOT NULL,
  classification TEXT    NOT NULL,  -- classification.text
  severity       TEXT,              -- assessment.impact.severity: info|low|medium|high
  completion     TEXT,              -- assessment.impact.completion: failed|succeeded
  source_node    TEXT,              -- source[0] node name or first address
  target_node    TEXT,              -- target[0] node name or first address
  target_user    TEXT,              -- target[0].user: first user_id name (or number)
  target_process TEXT,              -- target[0].process: path, else name
  target_file    TEXT,              -- target[0].file[0]: path, else name
  message        TEXT    NOT NULL,  -- the IDMEF message, JSON
  PRIMARY KEY (analyzerid, messageid)
) STRICT;

-- GET /v1/alerts orders by (detect_time, analyzerid, messageid) DESC and pages with a keyset
-- cursor on the same triple; each filter has an index that keeps that order.
CREATE INDEX alerts_by_time           ON alerts (detect_time, analyzerid, messageid);
CREATE INDEX alerts_by_analyzer_time  ON alerts (analyzerid, detect_time);
CREATE INDEX alerts_by_class_time     ON alerts (classification, detect_time);
CREATE INDEX alerts_by_severity_time  ON alerts (severity, detect_time);
CREATE INDEX alerts_by_received       ON alerts (received_at);  -- retention

-- Every heartbeat received (history; the analyzer row holds the latest).
CREATE TABLE heartbeats (
  analyzerid         TEXT    NOT NULL,
  messageid          TEXT    NOT NULL,
  create_time        INTEGER NOT NULL,  -- epoch ms of the sender's create_time
  received_at        INTEGER NOT NULL,
  status             TEXT,
  heartbeat_interval INTEGER,
  message            TEXT    NOT NULL,
  PRIMARY KEY (analyzerid, messageid)
) STRICT;

CREATE INDEX heartbeats_by_analyzer_time ON heartbeats (analyzerid, create_time);
CREATE INDEX heartbeats_by_received      ON heartbeats (received_at);  -- retention

-- RFC 9421 nonces seen per key within the clock-skew window; the cron prunes expired rows.
CREATE TABLE seen_nonces (
  key_id     TEXT    NOT NULL,
  nonce      TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,  -- epoch ms after which a replay would fail the `created` check anyway
  PRIMARY KEY (key_id, nonce)
) STRICT, WITHOUT ROWID;

CREATE INDEX seen_nonces_by_expiry ON seen_nonces (expires_at);
