package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.mail.DataFormat;
import org.faxgw.mail.MailEgress;
import org.faxgw.mail.RouteDecision;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.JobStoreException;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.T4FormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code faxgw faxrcvd FILE.tif --did N ...}: delivers a TIFF as if it had just been received on a
 * line, through the same pipeline the line uses. The mail is stored in the outbox and one delivery
 * pass is made at once; what a relay does not take now is retried by {@code faxgw serve}.
 */
@Command(
    name = "faxrcvd",
    mixinStandardHelpOptions = true,
    description = "Deliver a fax TIFF as if it had been received (routing, PDF, mail).")
public final class FaxrcvdCommand extends ConfiguredCommand {
  @Parameters(index = "0", paramLabel = "FILE.tif", description = "the received TIFF (G3/G4)")
  Path file;

  @Option(names = "--did", required = true, description = "called number (DID)")
  String did;

  @Option(names = "--tsi", defaultValue = "", description = "remote station id")
  String tsi;

  @Option(names = "--caller-number", defaultValue = "", description = "caller ID number")
  String callerNumber;

  @Option(names = "--caller-name", defaultValue = "", description = "caller ID name")
  String callerName;

  @Option(names = "--rate", defaultValue = "0", description = "signal rate in bit/s")
  int rate;

  @Option(names = "--format", description = "data format: mh, mr or mmr (default: from the TIFF)")
  String format;

  @Option(names = "--ecm", defaultValue = "no", description = "error correction used: yes or no")
  String ecm;

  @Option(names = "--line", defaultValue = "faxrcvd", description = "line name for the summary")
  String line;

  @Option(names = "--time", description = "time to receive in seconds")
  Long seconds;

  @Override
  protected int run(FaxgwConfig cfg) throws Exception {
    PrintWriter out = out();
    PrintWriter err = err();
    boolean ecmUsed;
    DataFormat dataFormat;
    try {
      ecmUsed = parseYesNo(ecm);
      dataFormat = format == null ? null : DataFormat.parse(format);
    } catch (IllegalArgumentException e) {
      err.println("faxrcvd: " + e.getMessage());
      return 2;
    }
    byte[] tiff;
    try {
      tiff = Files.readAllBytes(file);
    } catch (IOException e) {
      err.println("faxrcvd: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    List<BilevelPage> pages = List.of();
    String error = "";
    try {
      pages = FaxTiffReader.read(tiff);
      if (pages.isEmpty()) {
        error = "the TIFF holds no pages";
      }
    } catch (T4FormatException | RuntimeException e) {
      error = "not a readable fax TIFF: " + e.getMessage();
    }
    if (dataFormat == null) {
      dataFormat = TiffFacts.dataFormat(tiff, DataFormat.MH);
    }
    ReceivedCall call =
        new ReceivedCall(
            pages,
            tiff,
            did,
            callerNumber,
            callerName,
            tsi,
            rate,
            dataFormat,
            ecmUsed,
            seconds == null ? null : Duration.ofSeconds(seconds),
            line,
            0,
            error);
    Path data = cfg.dataPath();
    // with store: postgresql the CommID comes from the cluster's sequence, as on a node's line
    JobStore store;
    try {
      store =
          cfg.store().isPostgresql()
              ? PostgresJobStore.open(cfg.store().postgresql().settings())
              : null;
    } catch (JobStoreException e) {
      err.println("faxrcvd: no CommID: " + e.getMessage());
      return 1;
    }
    try (JobStore closeStore = store;
        MailEgressService svc =
            MailEgressService.start(
                cfg,
                Clock.systemDefaultZone(),
                System.getenv(),
                false,
                store == null
                    ? new CommIdAllocator(data)
                    : CommIdAllocator.forStore(store, data))) {
      ReceivedFaxPipeline.Outcome o = svc.pipeline().deliver(call);
      svc.deliverNow();
      out.print(o.summary());
      if (o.decision() instanceof RouteDecision.Reject r) {
        out.println("Rejected by " + r.rule() + ".");
      } else if (pages.isEmpty()) {
        out.println("Not delivered; FaxMaster " + svc.faxmaster() + " is told.");
      } else if (o.decision() instanceof RouteDecision.Deliver d) {
        out.println("Routed by " + d.rule() + " to " + String.join(", ", d.to()) + ".");
      }
      List<MailEgress.Waiting> waiting = svc.mail().pending();
      if (!waiting.isEmpty()) {
        out.println(
            waiting.size()
                + " mail(s) wait in the outbox "
                + svc.mail().outboxLocation()
                + " for "
                + svc.transportDescription()
                + ": "
                + waiting.get(0).lastError());
      }
      out.flush();
      if (!error.isEmpty()) {
        err.println("faxrcvd: " + file + ": " + error);
        return 1;
      }
      return 0;
    } catch (IOException | IllegalArgumentException | org.faxgw.queue.JobStoreException e) {
      err.println("faxrcvd: " + e.getMessage());
      return 1;
    }
  }

  private static boolean parseYesNo(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "yes", "y", "true", "1" -> true;
      case "no", "n", "false", "0" -> false;
      default -> throw new IllegalArgumentException("--ecm must be yes or no: " + s);
    };
  }
}
