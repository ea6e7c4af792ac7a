-- The job store in SQLite, first version (before leases): jobs and their documents. IF NOT EXISTS
-- because data folders made before the store used migrations already hold these tables (they are
-- baselined at version 1 and skip this script).
CREATE TABLE IF NOT EXISTS jobs(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id INTEGER NOT NULL,
  owner TEXT NOT NULL,
  number TEXT NOT NULL,
  dial_string TEXT NOT NULL,
  priority INTEGER NOT NULL,
  state TEXT NOT NULL,
  pages INTEGER NOT NULL DEFAULT 0,
  dials INTEGER NOT NULL DEFAULT 0,
  max_dials INTEGER NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0,
  max_tries INTEGER NOT NULL,
  tts INTEGER,
  kill_time INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT '',
  submitted INTEGER NOT NULL,
  message_id TEXT,
  notify TEXT NOT NULL,
  resolution TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  spool_dir TEXT NOT NULL,
  tiff TEXT,
  unfaxable TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS jobs_message ON jobs(message_id, number);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
CREATE INDEX IF NOT EXISTS jobs_spool ON jobs(spool_dir);
CREATE TABLE IF NOT EXISTS documents(
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  content_type TEXT,
  name TEXT,
  PRIMARY KEY(job_id, seq));
