-- The operator console (worker/src/console) and the triage API (worker/src/store/triage.ts).

-- Triage state per alert: no row = open. Written together with a triage_history row in one batch.
CREATE TABLE alert_triage (
  analyzerid TEXT    NOT NULL,
  messageid  TEXT    NOT NULL,
  status     TEXT    NOT NULL CHECK (status IN ('open', 'acknowledged', 'closed')),
  reason     TEXT    CHECK (reason IN ('true_positive', 'false_positive', 'benign')),
  note       TEXT,
  actor      TEXT    NOT NULL,  -- the verified identity (Access email, "link:<client>", API client id)
  at         INTEGER NOT NULL,  -- epoch ms, server clock
  PRIMARY KEY (analyzerid, messageid)
) STRICT, WITHOUT ROWID;

-- Append-only: every change, who and when. store/triage.ts only ever INSERTs here.
CREATE TABLE triage_history (
  id         INTEGER PRIMARY KEY,
  analyzerid TEXT    NOT NULL,
  messageid  TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  reason     TEXT,
  note       TEXT,
  actor      TEXT    NOT NULL,
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX triage_history_by_alert ON triage_history (analyzerid, messageid, id);

-- Severity histogram and severity counts over a time range read only this index (covering).
CREATE INDEX alerts_by_time_severity ON alerts (detect_time, severity);

-- One-time console login links (embedded default): only the SHA-256 of the token is stored.
CREATE TABLE console_login_links (
  token_hash TEXT    PRIMARY KEY,
  identity   TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT, WITHOUT ROWID;

-- Console sessions made by a login link; the cookie holds the secret, this table its SHA-256.
CREATE TABLE console_sessions (
  id_hash    TEXT    PRIMARY KEY,
  identity   TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);
