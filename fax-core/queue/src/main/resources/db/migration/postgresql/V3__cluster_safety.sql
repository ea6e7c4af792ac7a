-- Issue 18, what several nodes on one database must share (version 3; version 2 exists only for
-- SQLite, whose lease columns PostgreSQL had from version 1).
-- CommIDs: one sequence for every node, 9 digits as HylaFAX's %09u, wrapping after 999999999.
CREATE SEQUENCE comm_ids MINVALUE 1 MAXVALUE 999999999 CYCLE;
-- Message-ID dedupe across nodes: submit locks the (Message-ID, number) row (upsert) before it
-- looks for an earlier job, so two nodes accepting the same mail at once make one job.
CREATE TABLE message_guard(
  message_id TEXT NOT NULL,
  number TEXT NOT NULL,
  seen BIGINT NOT NULL,
  PRIMARY KEY(message_id, number));
CREATE INDEX message_guard_seen ON message_guard(seen);
-- Global limits: the peer whose line a claimed call uses, valid while line_token = lease_token
-- (a claim that did not name a line leaves an older line_token behind, which then counts for
-- nothing).
ALTER TABLE jobs ADD COLUMN line_peer TEXT;
ALTER TABLE jobs ADD COLUMN line_token BIGINT NOT NULL DEFAULT 0;
CREATE INDEX jobs_active_number ON jobs(number) WHERE state = 'active';
CREATE INDEX jobs_active_peer ON jobs(line_peer) WHERE state = 'active';
