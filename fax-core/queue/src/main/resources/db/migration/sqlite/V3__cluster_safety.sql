-- Issue 18, the same schema as PostgreSQL's version 3 (SQLite has no sequences: CommIDs stay in
-- the data folder's commid.seq file, which is per node).
-- Message-ID dedupe: submit writes the (Message-ID, number) row first, which takes the database's
-- write lock before it looks for an earlier job (two stores on one file make one job).
CREATE TABLE IF NOT EXISTS message_guard(
  message_id TEXT NOT NULL,
  number TEXT NOT NULL,
  seen INTEGER NOT NULL,
  PRIMARY KEY(message_id, number));
CREATE INDEX IF NOT EXISTS message_guard_seen ON message_guard(seen);
-- Global limits: the peer whose line a claimed call uses, valid while line_token = lease_token.
ALTER TABLE jobs ADD COLUMN line_peer TEXT;
ALTER TABLE jobs ADD COLUMN line_token INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS jobs_active_number ON jobs(number) WHERE state = 'active';
CREATE INDEX IF NOT EXISTS jobs_active_peer ON jobs(line_peer) WHERE state = 'active';
