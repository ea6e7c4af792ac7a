-- Issue 18: the mail outbox shared by every node (received faxes by mail, sender notices). Times
-- are epoch milliseconds. A message is delivered under a lease (lease_owner until lease_expires,
-- dated by the database's clock unless store.postgresql.leaseClock is node); lease_token is the
-- fencing token: the holder removes the message or writes its retry state only while its token is
-- still the row's. lease_owner is cleared when the holder finishes, so a claim that finds it set
-- knows the previous holder's lease lapsed (a possible re-delivery, logged as such).
CREATE TABLE outbox(
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message BYTEA NOT NULL,
  envelope_from TEXT NOT NULL,
  recipients TEXT[] NOT NULL,
  bounce BOOLEAN NOT NULL,
  created BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_due BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  lease_owner TEXT,
  lease_expires BIGINT,
  lease_token BIGINT NOT NULL DEFAULT 0);
CREATE INDEX outbox_due ON outbox(next_due);
-- Messages that could not be delivered even to FaxMaster (a folder outbox's dead/).
CREATE TABLE outbox_dead(
  id BIGINT PRIMARY KEY,
  message BYTEA NOT NULL,
  envelope_from TEXT NOT NULL,
  recipients TEXT[] NOT NULL,
  reason TEXT NOT NULL,
  created BIGINT NOT NULL,
  buried BIGINT NOT NULL);
