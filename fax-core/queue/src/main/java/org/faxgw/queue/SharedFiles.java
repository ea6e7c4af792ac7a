package org.faxgw.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The spool files every node sharing a job store can read: what one node spooled (a mail's
 * documents, a rendered TIFF) another node fetches to render or send the job. Paths are
 * spool-relative ({@code <folder>/<name>}). {@link #LOCAL} is the single-node case (SQLite): the
 * node's own spool folder is the truth and nothing is copied. A failure of the shared storage is a
 * {@link JobStoreException} (the database is away: try again later), a file that cannot be shared
 * an {@link IOException}.
 */
public interface SharedFiles {

  /** True when the files live in shared storage; false for {@link #LOCAL}. */
  boolean shared();

  /**
   * Stores {@code localFile} under {@code path}, replacing what was there, durably when it returns.
   */
  void put(String path, Path localFile) throws IOException;

  /** The size in bytes of the stored file, or -1 when there is none. */
  long size(String path);

  /**
   * Writes the stored file to {@code out}.
   *
   * @return false when there is no such file (nothing was written)
   */
  boolean fetch(String path, OutputStream out) throws IOException;

  /** Deletes one file (no error when there is none). */
  void delete(String path);

  /** Deletes every file of {@code folder}; returns how many. */
  int deleteFolder(String folder);

  /**
   * Deletes the files of the folders whose every file was stored more than {@code ageMillis} ago by
   * the storage's own clock and that are not in {@code referenced} (asked after the old folders are
   * listed, so a job committed meanwhile keeps its files): folders left by a node that died between
   * spooling and the job's commit. Returns how many folders.
   */
  int sweep(Supplier<Set<String>> referenced, long ageMillis);

  /** The single-node case: nothing is shared, the local spool is the truth. */
  SharedFiles LOCAL =
      new SharedFiles() {
        @Override
        public boolean shared() {
          return false;
        }

        @Override
        public void put(String path, Path localFile) {}

        @Override
        public long size(String path) {
          return -1;
        }

        @Override
        public boolean fetch(String path, OutputStream out) {
          return false;
        }

        @Override
        public void delete(String path) {}

        @Override
        public int deleteFolder(String folder) {
          return 0;
        }

        @Override
        public int sweep(Supplier<Set<String>> referenced, long ageMillis) {
          return 0;
        }
      };
}
