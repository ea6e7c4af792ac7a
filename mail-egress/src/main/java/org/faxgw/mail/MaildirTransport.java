package org.faxgw.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.faxgw.durable.DurableFiles;

/**
 * Delivery into one Maildir per recipient, {@code <root>/<address>/{tmp,new,cur}}: the message is
 * written to {@code tmp/}, synced, then renamed into {@code new/} and the directory synced (the
 * Maildir protocol of qmail's maildir(5)). Line ends are stored as LF, as MUAs expect in a Maildir.
 */
final class MaildirTransport implements MailTransport {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Path root;
  private final String host;

  public MaildirTransport(Path root) {
    this.root = root;
    String h;
    try {
      h = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      h = "localhost";
    }
    // maildir(5): '/' and ':' in the host name are written as \057 and \072.
    this.host = h.replace("/", "\\057").replace(":", "\\072");
  }

  /** The Maildir of {@code address}. */
  public Path maildirOf(String address) {
    String a = address.trim().toLowerCase(Locale.ROOT);
    if (a.isEmpty()
        || a.contains("/")
        || a.contains("\\")
        || a.startsWith(".")
        || a.contains("\0")) {
      throw new IllegalArgumentException("address cannot name a Maildir: " + address);
    }
    return root.resolve(a);
  }

  @Override
  public DeliveryResult deliver(byte[] message, String envelopeFrom, List<String> recipients) {
    byte[] lf = toLf(message);
    List<String> ok = new ArrayList<>();
    List<String> deferred = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    StringBuilder reason = new StringBuilder();
    for (String r : recipients) {
      try {
        deliverOne(maildirOf(r), lf);
        ok.add(r);
      } catch (IllegalArgumentException e) {
        failed.add(r);
        reason.append(e.getMessage()).append(". ");
      } catch (IOException e) {
        deferred.add(r);
        reason.append("Maildir of ").append(r).append(": ").append(e).append(". ");
      }
    }
    return new DeliveryResult(ok, deferred, failed, reason.toString().trim());
  }

  private void deliverOne(Path maildir, byte[] data) throws IOException {
    Path tmp = maildir.resolve("tmp");
    Path neu = maildir.resolve("new");
    Files.createDirectories(tmp);
    Files.createDirectories(neu);
    Files.createDirectories(maildir.resolve("cur"));
    long now = System.currentTimeMillis();
    String name =
        (now / 1000)
            + ".M"
            + (now % 1000) * 1000
            + "P"
            + ProcessHandle.current().pid()
            + "Q"
            + SEQUENCE.incrementAndGet()
            + "."
            + host;
    // Maildir: written in tmp/, fsynced, renamed into new/, new/ fsynced (DurableFiles).
    DurableFiles.write(tmp.resolve(name), neu.resolve(name), data);
  }

  static byte[] toLf(byte[] crlf) {
    byte[] out = new byte[crlf.length];
    int n = 0;
    for (int i = 0; i < crlf.length; i++) {
      if (crlf[i] == '\r' && i + 1 < crlf.length && crlf[i + 1] == '\n') {
        continue;
      }
      out[n++] = crlf[i];
    }
    return java.util.Arrays.copyOf(out, n);
  }

  @Override
  public String describe() {
    return "Maildir under " + root;
  }
}
