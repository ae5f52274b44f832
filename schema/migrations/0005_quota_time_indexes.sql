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

-- Page order is (detect_time DESC, rowid DESC): every index ends in the rowid, so an index on
-- (filter column, detect_time) yields exactly that order and a page needs no sort; the order key
-- adds nothing to index entries (a tie-break on (analyzerid, messageid) would add ~60 bytes to each
-- entry of every index, and halved ingestion in bench:worker). 0001's analyzer, classification and
-- severity indexes are already of that shape; completion gets one; alerts_by_time loses the columns
-- it carried for the old tie-break.
DROP INDEX alerts_by_time;
CREATE INDEX alerts_by_time            ON alerts (detect_time);
CREATE INDEX alerts_by_completion_time ON alerts (completion, detect_time);
