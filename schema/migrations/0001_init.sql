-- Placeholder so migrations apply from the first commit; the real tables come with the Worker.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
