package org.faxgw.gateway.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The received faxes kept in {@code <dataDir>/recvq/}, as HylaFAX's receive queue: {@code
 * fax<CommID>.tif} and, in {@code <dataDir>/recvinfo/}, {@code fax<CommID>.info} with what the call
 * told (sender TSI, caller, DID, pages, time). {@link #list} is what {@code faxstat -r} shows.
 */
public final class ReceivedQueue {
  private static final Logger LOG = LoggerFactory.getLogger(ReceivedQueue.class);

  /** The folder of the info files, a sibling of recvq/. */
  public static final String INFO_DIR = "recvinfo";

  /**
   * One received fax. {@code pages} is -1 when unknown (a TIFF without its info file); {@code node}
   * is the gateway node that received it, empty for this one (or when not known).
   */
  public record Received(
      String commId,
      int pages,
      String sender,
      String callerNumber,
      String did,
      Instant received,
      String file,
      long size,
      String protect,
      String owner,
      String error,
      String node) {
    /** The same fax, received by {@code n}. */
    public Received withNode(String n) {
      return new Received(
          commId, pages, sender, callerNumber, did, received, file, size, protect, owner, error, n);
    }
  }

  private ReceivedQueue() {}

  /**
   * The info file of {@code tiff}: {@code <dataDir>/recvinfo/fax<CommID>.info}, beside recvq/
   * rather than in it, so recvq/ holds the received TIFFs alone.
   */
  public static Path infoOf(Path tiff) {
    String name = tiff.getFileName().toString();
    return tiff.getParent()
        .resolveSibling(INFO_DIR)
        .resolve(name.substring(0, name.length() - ".tif".length()) + ".info");
  }

  /** The info file's bytes for one received fax; {@code node} null or empty for none. */
  public static byte[] info(
      String commId,
      int pages,
      String tsi,
      String callerNumber,
      String callerName,
      String did,
      Instant received,
      String error,
      String node)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("commId", commId);
    p.setProperty("pages", Integer.toString(pages));
    p.setProperty("tsi", tsi == null ? "" : tsi);
    p.setProperty("callerNumber", callerNumber == null ? "" : callerNumber);
    p.setProperty("callerName", callerName == null ? "" : callerName);
    p.setProperty("did", did == null ? "" : did);
    p.setProperty("received", received.toString());
    p.setProperty("error", error == null ? "" : error);
    if (node != null && !node.isEmpty()) {
      p.setProperty("node", node);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, "faxgw received fax");
    return out.toByteArray();
  }

  /** Every {@code fax*.tif} in {@code recvq}, by CommID; empty when the folder does not exist. */
  public static List<Received> list(Path recvq) throws IOException {
    List<Received> out = new ArrayList<>();
    if (!Files.isDirectory(recvq)) {
      return out;
    }
    List<Path> tiffs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(recvq, "fax*.tif")) {
      ds.forEach(tiffs::add);
    }
    tiffs.sort(null);
    for (Path tiff : tiffs) {
      try {
        out.add(read(tiff));
      } catch (IOException | RuntimeException e) {
        LOG.warn("recvq: cannot read {}: {}", tiff, e.toString());
      }
    }
    return out;
  }

  /**
   * The fax {@code fax<commId>.tif} of {@code recvq}, empty when there is none; {@code commId} must
   * be digits (the caller checked it).
   */
  public static java.util.Optional<Received> one(Path recvq, String commId) throws IOException {
    if (!commId.matches("[0-9]{1,18}")) {
      return java.util.Optional.empty();
    }
    Path tiff = recvq.resolve("fax" + commId + ".tif");
    return Files.isRegularFile(tiff)
        ? java.util.Optional.of(read(tiff))
        : java.util.Optional.empty();
  }

  /** Whether the info file of fax {@code commId} has been written (it follows the TIFF). */
  public static boolean hasInfo(Path recvq, String commId) {
    return Files.isRegularFile(infoOf(recvq.resolve("fax" + commId + ".tif")));
  }

  private static Received read(Path tiff) throws IOException {
    String name = tiff.getFileName().toString();
    String commId = name.substring("fax".length(), name.length() - ".tif".length());
    Properties p = new Properties();
    Path info = infoOf(tiff);
    if (Files.isRegularFile(info)) {
      p.load(new ByteArrayInputStream(Files.readAllBytes(info)));
    }
    String tsi = p.getProperty("tsi", "");
    String caller = p.getProperty("callerNumber", "");
    String sender = !tsi.isBlank() ? tsi : p.getProperty("callerName", "");
    if (sender.isBlank()) {
      sender = caller;
    }
    Instant received =
        p.containsKey("received")
            ? Instant.parse(p.getProperty("received"))
            : Files.getLastModifiedTime(tiff).toInstant();
    return new Received(
        p.getProperty("commId", commId),
        Integer.parseInt(p.getProperty("pages", "-1")),
        sender,
        caller,
        p.getProperty("did", ""),
        received,
        tiff.toString(),
        Files.size(tiff),
        protect(tiff),
        owner(tiff),
        p.getProperty("error", ""),
        p.getProperty("node", ""));
  }

  /** The file's mode as HylaFAX's %m shows it: type, then owner's and group's rwx ("-rw-r--"). */
  private static String protect(Path f) {
    try {
      Set<PosixFilePermission> s = Files.getPosixFilePermissions(f);
      return "-"
          + (s.contains(PosixFilePermission.OWNER_READ) ? 'r' : '-')
          + (s.contains(PosixFilePermission.OWNER_WRITE) ? 'w' : '-')
          + (s.contains(PosixFilePermission.OWNER_EXECUTE) ? 'x' : '-')
          + (s.contains(PosixFilePermission.GROUP_READ) ? 'r' : '-')
          + (s.contains(PosixFilePermission.GROUP_WRITE) ? 'w' : '-')
          + (s.contains(PosixFilePermission.GROUP_EXECUTE) ? 'x' : '-');
    } catch (IOException | UnsupportedOperationException e) {
      return "-";
    }
  }

  private static String owner(Path f) {
    try {
      return Files.getOwner(f).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
