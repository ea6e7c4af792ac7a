-- Issue 18: the document spool shared by every node (version 4, PostgreSQL only; on SQLite the one
-- node's spool folder is the truth). A spool file (dataDir/spool/<folder>/<name>: message.eml, the
-- decoded parts, the body, the capture marker, the rendered G3 TIFF) is one spool_files row and its
-- content in chunks of at most 1 MiB, so that neither writing nor reading holds a whole file in
-- memory. A file is stored once, whatever the number of nodes.
CREATE TABLE spool_files(
  path TEXT PRIMARY KEY,          -- spool-relative, <folder>/<name>
  folder TEXT NOT NULL,           -- <folder>, for deleting a message's files at once
  size BIGINT NOT NULL,           -- bytes, the sum of its chunks
  written BIGINT NOT NULL);       -- the database's clock, epoch ms, when it was put
CREATE INDEX spool_files_folder ON spool_files(folder);
CREATE TABLE spool_chunks(
  path TEXT NOT NULL REFERENCES spool_files(path) ON DELETE CASCADE,
  n INTEGER NOT NULL,             -- 0, 1, 2 … in file order
  data BYTEA NOT NULL,
  PRIMARY KEY(path, n));
