package org.faxgw.gateway.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.faxgw.durable.DurableFiles;
import org.faxgw.mail.RouteDecision;

/**
 * The route a received fax took and the mails made for it, kept as {@code
 * <dataDir>/recvinfo/fax<CommID>.route} beside its info file, for the console's received-fax view.
 * Written (durably) by the pipeline each time the fax is routed; a re-delivery replaces it.
 *
 * @param rule the rule that decided ("line 12", "default route")
 * @param action {@code deliver} or {@code reject}
 * @param to the mail recipients (empty for reject)
 * @param outboxIds the outbox ids of the mails made
 */
public record ReceivedRoute(String rule, String action, List<String> to, List<String> outboxIds) {
  public ReceivedRoute {
    to = List.copyOf(to);
    outboxIds = List.copyOf(outboxIds);
  }

  static ReceivedRoute of(RouteDecision d, List<String> outboxIds) {
    return d instanceof RouteDecision.Deliver del
        ? new ReceivedRoute(del.rule(), "deliver", del.to(), outboxIds)
        : new ReceivedRoute(d.rule(), "reject", List.of(), outboxIds);
  }

  static Path fileOf(Path recvq, String commId) {
    return recvq.resolveSibling(ReceivedQueue.INFO_DIR).resolve("fax" + commId + ".route");
  }

  void write(Path recvq, String commId) throws IOException {
    Properties p = new Properties();
    p.setProperty("rule", rule);
    p.setProperty("action", action);
    p.setProperty("to", String.join(",", to));
    p.setProperty("outbox", String.join(",", outboxIds));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, "faxgw route of a received fax");
    Path f = fileOf(recvq, commId);
    Files.createDirectories(f.getParent());
    DurableFiles.write(f, out.toByteArray());
  }

  /** The route of fax {@code commId}, empty when none was written (a fax from before). */
  public static Optional<ReceivedRoute> read(Path recvq, String commId) throws IOException {
    Path f = fileOf(recvq, commId);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    p.load(new ByteArrayInputStream(Files.readAllBytes(f)));
    return Optional.of(
        new ReceivedRoute(
            p.getProperty("rule", ""),
            p.getProperty("action", ""),
            split(p.getProperty("to", "")),
            split(p.getProperty("outbox", ""))));
  }

  private static List<String> split(String s) {
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
  }
}
