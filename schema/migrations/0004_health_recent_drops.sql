-- Escalate a missing analyzer only for RECENT drops: the agent's counters are cumulative since it
-- started, so "counters showing drops" means they grew in its last heartbeat, not that it lost a
-- message weeks ago. `drops` keeps the cumulative value to compute the next increase.
ALTER TABLE analyzer_health ADD COLUMN drops_new INTEGER NOT NULL DEFAULT 0;
-- Rows backfilled by 0003 have no history: count what they report as recent.
UPDATE analyzer_health SET drops_new = drops;
