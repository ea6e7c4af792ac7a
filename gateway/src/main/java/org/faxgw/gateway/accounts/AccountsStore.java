package org.faxgw.gateway.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faxgw.smtp.IpNetwork;

/**
 * The accounts file ({@code accounts.file}, default {@code DATADIR/users.yaml}). Reads are cheap:
 * the file is parsed again only when its modification time or size changes, so {@code faxgw user
 * add} takes effect in a running gateway at the next login. Writes replace the whole file
 * atomically (temp file, fsync, rename, fsync of the folder). Thread-safe.
 */
public final class AccountsStore {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path file;
  private Map<String, Account> cached = Map.of();
  private FileTime cachedTime;
  private long cachedSize = -1;

  public AccountsStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  public Path file() {
    return file;
  }

  /**
   * Forgets what was read, so that the next look-up reads the file again even when an edit kept its
   * size and modification time (a reload).
   */
  public synchronized void refresh() {
    cachedTime = null;
    cachedSize = -1;
  }

  /** Every account, in file order. */
  public synchronized List<Account> list() throws IOException {
    return List.copyOf(current().values());
  }

  public synchronized Optional<Account> find(String name) throws IOException {
    return Optional.ofNullable(current().get(name));
  }

  /**
   * The account if {@code name} exists, may log in from {@code client} and {@code password}
   * matches; empty otherwise (the caller does not learn which).
   */
  public Optional<Account> authenticate(String name, String password, InetAddress client) {
    Optional<Account> a;
    try {
      a = find(name);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (a.isEmpty()) {
      // spend the same time as for a real user, so that names cannot be probed by timing
      PasswordHash.verify(password, DUMMY);
      return Optional.empty();
    }
    boolean ok = PasswordHash.verify(password, a.get().passwordHash());
    return ok && (client == null || a.get().allowedFrom(client)) ? a : Optional.empty();
  }

  private static final String DUMMY = PasswordHash.hash("dummy".toCharArray());

  /** Adds or replaces an account and writes the file. */
  public synchronized void put(Account a) throws IOException {
    Map<String, Account> next = new LinkedHashMap<>(current());
    next.put(a.name(), a);
    write(next);
  }

  /** Removes an account; false if there was none. */
  public synchronized boolean remove(String name) throws IOException {
    Map<String, Account> next = new LinkedHashMap<>(current());
    if (next.remove(name) == null) {
      return false;
    }
    write(next);
    return true;
  }

  private Map<String, Account> current() throws IOException {
    FileTime t;
    long size;
    try {
      t = Files.getLastModifiedTime(file);
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      cached = Map.of();
      cachedTime = null;
      cachedSize = -1;
      return cached;
    }
    if (t.equals(cachedTime) && size == cachedSize) {
      return cached;
    }
    cached = parse(Files.readString(file, StandardCharsets.UTF_8));
    cachedTime = t;
    cachedSize = size;
    return cached;
  }

  Map<String, Account> parse(String text) throws IOException {
    Map<String, Account> out = new LinkedHashMap<>();
    JsonNode root = YAML.readTree(text);
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    for (JsonNode u : root.path("users")) {
      try {
        List<IpNetwork> nets = new ArrayList<>();
        for (JsonNode n : u.path("networks")) {
          nets.add(IpNetwork.parse(n.asText()));
        }
        JsonNode l = u.path("limits");
        AccountLimits limits =
            new AccountLimits(
                l.hasNonNull("dailyPages") ? l.get("dailyPages").asInt() : null,
                l.hasNonNull("dailyJobs") ? l.get("dailyJobs").asInt() : null);
        Account a =
            new Account(
                u.path("name").asText(null),
                u.path("password").asText(null),
                Role.parse(u.path("role").asText("user")),
                nets,
                limits);
        out.put(a.name(), a);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  static String render(Iterable<Account> accounts) {
    StringBuilder b =
        new StringBuilder(
            "# faxgw accounts, written by `faxgw user`. Passwords are PBKDF2-HMAC-SHA256 hashes\n"
                + "# ($pbkdf2-sha256$ITERATIONS$SALT$KEY), never clear text.\nusers:\n");
    for (Account a : accounts) {
      b.append("  - name: ").append(quote(a.name())).append('\n');
      b.append("    password: ").append(quote(a.passwordHash())).append('\n');
      b.append("    role: ").append(a.role().text()).append('\n');
      b.append("    networks: [");
      for (int i = 0; i < a.networks().size(); i++) {
        b.append(i == 0 ? "" : ", ").append(quote(a.networks().get(i).toString()));
      }
      b.append("]\n");
      AccountLimits l = a.limits();
      if (l.dailyPages() != null || l.dailyJobs() != null) {
        b.append("    limits:\n");
        if (l.dailyPages() != null) {
          b.append("      dailyPages: ").append(l.dailyPages()).append('\n');
        }
        if (l.dailyJobs() != null) {
          b.append("      dailyJobs: ").append(l.dailyJobs()).append('\n');
        }
      }
    }
    return b.toString();
  }

  /** Names, hashes and networks hold no quote or backslash (checked by the records). */
  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private void write(Map<String, Account> accounts) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".users-", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(
            java.nio.ByteBuffer.wrap(render(accounts.values()).getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException ignored) {
        // some file systems cannot sync a folder
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    cached = new LinkedHashMap<>(accounts);
    cachedTime = Files.getLastModifiedTime(file);
    cachedSize = Files.size(file);
  }
}
