-- Issue 18, the cluster directory (version 6): what every node shows of every other node.
-- Nodes: one row per gateway node, its heartbeat dated by the database's clock (epoch ms).
CREATE TABLE cluster_nodes(
  name TEXT PRIMARY KEY,
  started BIGINT NOT NULL,
  last_seen BIGINT NOT NULL);
-- The fax lines of each node as its last heartbeat (or change) wrote them.
CREATE TABLE cluster_lines(
  node TEXT NOT NULL,
  name TEXT NOT NULL,
  peer TEXT NOT NULL,
  direction TEXT NOT NULL,
  local_id TEXT NOT NULL,
  state TEXT NOT NULL,
  job_id BIGINT NOT NULL DEFAULT 0,
  comm_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(node, name));
-- Received faxes: the record and the TIFF as received, written once the node's own copy is durable.
CREATE TABLE received_faxes(
  comm_id TEXT PRIMARY KEY,
  node TEXT NOT NULL,
  tsi TEXT NOT NULL,
  caller_number TEXT NOT NULL,
  caller_name TEXT NOT NULL,
  did TEXT NOT NULL,
  pages INTEGER NOT NULL,
  received BIGINT NOT NULL,
  size BIGINT NOT NULL,
  error TEXT NOT NULL,
  tiff BYTEA NOT NULL);
CREATE INDEX received_faxes_received ON received_faxes(received);
-- Session logs (log/c<CommID>), appended as the call's node flushes them.
CREATE TABLE session_logs(
  comm_id TEXT PRIMARY KEY,
  node TEXT NOT NULL,
  text TEXT NOT NULL);
-- xferfaxlog records of every node, in the order they were written.
CREATE TABLE xfer_log(
  seq BIGSERIAL PRIMARY KEY,
  node TEXT NOT NULL,
  line TEXT NOT NULL);
