package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.faxgw.mail.DataFormat;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;
import org.faxgw.t4.T4FormatException;

/**
 * Sends a received fax again (the console's re-deliver): its TIFF from recvq/ and what its info
 * file kept go through the pipeline once more, under the same CommID, with the routing rules now in
 * force; the new mails go into the outbox and one delivery pass is made.
 */
public final class ReceivedRedelivery {
  private ReceivedRedelivery() {}

  /**
   * @return the outbox ids of the new mails
   */
  public static List<String> redeliver(MailEgressService svc, Path recvq, String commId)
      throws IOException {
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
            TiffFacts.dataFormat(tiff, DataFormat.MH),
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
