package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.faxgw.gateway.api.MailAccess;
import org.faxgw.mail.MailEgress;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.T4FormatException;

/**
 * The API's view of the running mail service: the outbox, and re-delivery of a received fax from
 * its TIFF in recvq/ through the same pipeline (routing rules now in force, a new mail).
 */
public final class MailEgressAccess implements MailAccess {
  private final MailEgressService svc;
  private final Path recvq;

  public MailEgressAccess(MailEgressService svc, Path dataDir) {
    this.svc = svc;
    this.recvq = dataDir.resolve("recvq");
  }

  @Override
  public List<MailEgress.Waiting> pending() {
    return svc.mail().pending();
  }

  @Override
  public String transport() {
    return svc.transportDescription();
  }

  @Override
  public List<String> redeliver(String commId) throws IOException {
    Path tiffFile = recvq.resolve("fax" + commId + ".tif");
    byte[] tiff = Files.readAllBytes(tiffFile);
    ReceivedQueue.Received r =
        ReceivedQueue.list(recvq).stream()
            .filter(x -> x.commId().equals(commId))
            .findFirst()
            .orElseThrow(() -> new IOException("fax " + commId + " is not in the receive queue"));
    List<BilevelPage> pages;
    String error = r.error();
    try {
      pages = FaxTiffReader.read(tiff);
    } catch (T4FormatException e) {
      pages = List.of();
      error = "not a readable fax TIFF: " + e.getMessage();
    }
    ReceivedCall call =
        new ReceivedCall(
            pages,
            tiff,
            r.did(),
            r.callerNumber(),
            "",
            r.sender(),
            0,
            TiffFacts.dataFormat(tiff, org.faxgw.mail.DataFormat.MH),
            false,
            (Duration) null,
            "redeliver",
            0,
            error);
    ReceivedFaxPipeline.Outcome o = svc.pipeline().deliver(call, commId);
    svc.deliverNow();
    return o.outboxIds();
  }
}
