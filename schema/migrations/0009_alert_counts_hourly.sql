-- Alerts per UTC hour of detect time, severity and classification (issue 10): the console's
-- histogram, severity/classification counts and totals over whole hours read this instead of
-- every alert of the range (worker/src/store/alert-counts.ts says when it can answer).
-- Written at ingest in the same D1 batch as the alerts, by one grouped upsert per batch that
-- counts only the alerts the batch really stores (those not yet in `alerts`).
-- Never decremented: the archive and retention delete only alerts of hours older than a bound the
-- reader derives (countsValidFrom: after the newest archived hour and the retention cutoff), and
-- the reader counts the rows of those older hours instead.
CREATE TABLE alert_counts_hourly (
  hour           INTEGER NOT NULL,  -- epoch ms of the UTC hour
  severity       TEXT    NOT NULL,  -- '' = none
  classification TEXT    NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (hour, severity, classification)
) STRICT, WITHOUT ROWID;

-- The Worker's own health alerts are stored by worker/src/health, not by the ingest batch: they
-- are not counted from now on, and readers add those received from this time by a scan of that
-- one analyzer. Everything stored before it is counted here once.
CREATE TABLE alert_counts_meta (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO alert_counts_meta (name, value) VALUES ('uncounted_health_from', CAST(unixepoch('subsec') * 1000 AS INTEGER));

INSERT INTO alert_counts_hourly (hour, severity, classification, n)
SELECT (detect_time - (detect_time % 3600000 + 3600000) % 3600000) AS hour, coalesce(severity, ''), classification, count(*)
FROM alerts GROUP BY 1, 2, 3;
