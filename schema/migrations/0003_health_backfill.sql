-- Upgrade path for a database that already holds analyzers (0001 ran, then ingestion, then
-- 0002): give each analyzer that has sent a heartbeat its health row, derived from its last
-- heartbeat the way worker/src/health/state.ts would have, so one that is already silent is
-- declared missing by the next cron run instead of never. A no-op on a fresh database.
INSERT OR IGNORE INTO analyzer_health (analyzerid, state, since, due_at, last_seen, last_create_ms, last_messageid,
  last_status, interval_s, drops, name, node)
SELECT
  a.analyzerid,
  CASE a.status WHEN 'exiting' THEN 'offline' WHEN 'failed' THEN 'failed' ELSE 'online' END,
  a.last_heartbeat_at,
  CASE WHEN a.status IN ('exiting', 'failed') THEN NULL
       ELSE a.last_heartbeat_at + coalesce(nullif(a.heartbeat_interval, 0), 600) * 1000 END,
  a.last_heartbeat_at,
  coalesce(a.last_heartbeat_create_ms, a.last_heartbeat_at),
  coalesce(a.last_heartbeat_messageid, ''),
  a.status,
  coalesce(nullif(a.heartbeat_interval, 0), 600),
  coalesce((SELECT sum(c.value) FROM json_each(coalesce(a.counters, '{}')) AS c
            WHERE (c.key LIKE '%drop%' OR c.key LIKE '%lost%') AND c.value > 0), 0),
  a.name,
  CASE WHEN a.node_name IS NULL THEN NULL ELSE json_object('name', a.node_name) END
FROM analyzers AS a
WHERE a.last_heartbeat_at IS NOT NULL;
