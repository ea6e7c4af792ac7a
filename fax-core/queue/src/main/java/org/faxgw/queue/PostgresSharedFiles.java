package org.faxgw.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The shared spool on PostgreSQL (tables {@code spool_files} and {@code spool_chunks}, migration
 * {@code V4__shared_files.sql}), on the job store's pool ({@link PgTransactions}). A file is
 * written and read in chunks of {@link #CHUNK_BYTES}, one chunk in memory at a time on the way in
 * and a few on the way out (the driver fetches {@link #FETCH_ROWS} rows per round trip). Files over
 * {@link #MAX_FILE_BYTES} are refused; the gateway's own limits keep spool files far below it (a
 * mail is at most {@code smtp.maxMessageBytes}, 25 MiB by default, and its decoded parts smaller;
 * an upload at most {@code hfaxd.maxUpload}; a TIFF at most {@code render.maxPages} pages).
 */
public final class PostgresSharedFiles implements SharedFiles {
  /** The content of one {@code spool_chunks} row. */
  static final int CHUNK_BYTES = 1 << 20;

  /** Rows the driver fetches per round trip when reading a file. */
  static final int FETCH_ROWS = 4;

  /** The largest file taken (1 GiB). */
  public static final long MAX_FILE_BYTES = 1L << 30;

  private final PgTransactions tx;

  public PostgresSharedFiles(PgTransactions tx) {
    this.tx = tx;
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public void put(String path, Path localFile) throws IOException {
    long size = Files.size(localFile);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(
          path + ": " + size + " bytes, over the " + MAX_FILE_BYTES + " a shared file may hold");
    }
    String folder = folderOf(path);
    try (InputStream in = Files.newInputStream(localFile)) {
      tx.tx(
          "cannot share the spool file " + path,
          c -> {
            try (PreparedStatement up =
                    c.prepareStatement(
                        "INSERT INTO spool_files(path, folder, size, written) VALUES (?, ?, ?, "
                            + PgTransactions.DB_NOW
                            + ") ON CONFLICT (path) DO UPDATE SET size = excluded.size,"
                            + " written = excluded.written");
                PreparedStatement old =
                    c.prepareStatement("DELETE FROM spool_chunks WHERE path = ?")) {
              up.setString(1, path);
              up.setString(2, folder);
              up.setLong(3, size);
              up.executeUpdate();
              old.setString(1, path);
              old.executeUpdate();
            }
            long stored = writeChunks(c, path, in);
            if (stored != size) {
              throw new SQLException(
                  "the file changed while it was shared (" + stored + " bytes, not " + size + ")");
            }
            return null;
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static long writeChunks(Connection c, String path, InputStream in) throws SQLException {
    long stored = 0;
    try (PreparedStatement ins =
        c.prepareStatement("INSERT INTO spool_chunks(path, n, data) VALUES (?, ?, ?)")) {
      byte[] buf = new byte[CHUNK_BYTES];
      for (int n = 0; stored <= MAX_FILE_BYTES; n++) {
        int len = in.readNBytes(buf, 0, buf.length);
        if (len == 0 && n > 0) {
          break;
        }
        ins.setString(1, path);
        ins.setInt(2, n);
        ins.setBytes(3, len == buf.length ? buf : java.util.Arrays.copyOf(buf, len));
        ins.executeUpdate();
        stored += len;
        if (len < buf.length) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stored;
  }

  @Override
  public long size(String path) {
    return tx.tx(
        "cannot look up the spool file " + path,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT size FROM spool_files WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : -1L;
            }
          }
        });
  }

  @Override
  public boolean fetch(String path, OutputStream out) throws IOException {
    try {
      return tx.tx(
          "cannot fetch the spool file " + path,
          c -> {
            long size;
            // FOR SHARE: a put or delete of the same file waits until this read is done
            try (PreparedStatement ps =
                c.prepareStatement("SELECT size FROM spool_files WHERE path = ? FOR SHARE")) {
              ps.setString(1, path);
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  return false;
                }
                size = rs.getLong(1);
              }
            }
            long got = 0;
            try (PreparedStatement ps =
                c.prepareStatement("SELECT data FROM spool_chunks WHERE path = ? ORDER BY n")) {
              ps.setFetchSize(FETCH_ROWS); // a cursor: a few chunks in memory, not the file
              ps.setString(1, path);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  byte[] b = rs.getBytes(1);
                  out.write(b);
                  got += b.length;
                }
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            if (got != size) {
              throw new SQLException(path + ": " + got + " bytes stored, " + size + " expected");
            }
            return true;
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void delete(String path) {
    tx.tx(
        "cannot delete the spool file " + path,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM spool_files WHERE path = ?")) {
            ps.setString(1, path);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public int deleteFolder(String folder) {
    return tx.tx(
        "cannot delete the spool folder " + folder,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM spool_files WHERE folder = ?")) {
            ps.setString(1, folder);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public int sweep(Supplier<Set<String>> referenced, long ageMillis) {
    List<String> old =
        tx.tx(
            "cannot list old spool folders",
            c -> {
              List<String> out = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT folder FROM spool_files GROUP BY folder HAVING max(written) < "
                          + PgTransactions.DB_NOW
                          + " - ?")) {
                ps.setLong(1, ageMillis);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    out.add(rs.getString(1));
                  }
                }
              }
              return out;
            });
    if (old.isEmpty()) {
      return 0;
    }
    Set<String> keep = referenced.get();
    int n = 0;
    for (String f : old) {
      if (!keep.contains(f)) {
        deleteFolder(f);
        n++;
      }
    }
    return n;
  }

  /** The folder of a spool-relative path (the part before the first '/'). */
  static String folderOf(String path) {
    int slash = path.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("not a spool file path: " + path);
    }
    return path.substring(0, slash);
  }
}
