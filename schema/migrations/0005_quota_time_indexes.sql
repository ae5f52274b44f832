-- Fleet hardening (issue 9), storage side: per-analyzer daily quota, clamped alert times, and
-- indexes that serve every GET /v1/alerts filter in page order.

-- Messages and bytes stored per analyzer today (UTC). Ingestion upserts the analyzer's row in the
-- same D1 batch as the rows it stores (worker/src/store/quota-rules.ts); the limits in force are
-- written with every upsert, so the CHECK fails the statement — and with it the whole batch, a
-- transaction — as soon as a request would take the day over. No read-then-write: D1 runs a
-- database's writes one at a time, each sees the other's count. One row per analyzer (a new day
-- restarts its count in place), so the table needs no pruning.
CREATE TABLE analyzer_quota (
  analyzerid   TEXT    PRIMARY KEY,
  day          INTEGER NOT NULL,  -- UTC day of the counts: floor(epoch ms / 86,400,000)
  messages     INTEGER NOT NULL,
  bytes        INTEGER NOT NULL,  -- UTF-8 bytes of the messages' JSON
  max_messages INTEGER NOT NULL,  -- limits of the last write (a changed QUOTA_* var applies at once)
  max_bytes    INTEGER NOT NULL,
  CONSTRAINT analyzer_quota_exceeded CHECK (messages <= max_messages AND bytes <= max_bytes)
) STRICT, WITHOUT ROWID;

-- Nothing is detected after it arrived: `detect_time` now holds min(detect_time, received_at)
-- (done in the insert from now on); the sender's claim stays in `message`.
UPDATE alerts SET detect_time = received_at WHERE detect_time > received_at;

-- Page order is (detect_time, analyzerid, messageid) DESC. An index that ends in detect_time alone
-- leaves the tie-break to a temporary B-tree, so each filter's index carries the whole order key
-- after its equality column. alerts_by_time (0001) already does.
DROP INDEX alerts_by_analyzer_time;
DROP INDEX alerts_by_class_time;
DROP INDEX alerts_by_severity_time;
CREATE INDEX alerts_by_analyzer_time   ON alerts (analyzerid, detect_time, messageid);
CREATE INDEX alerts_by_class_time      ON alerts (classification, detect_time, analyzerid, messageid);
CREATE INDEX alerts_by_severity_time   ON alerts (severity, detect_time, analyzerid, messageid);
CREATE INDEX alerts_by_completion_time ON alerts (completion, detect_time, analyzerid, messageid);
