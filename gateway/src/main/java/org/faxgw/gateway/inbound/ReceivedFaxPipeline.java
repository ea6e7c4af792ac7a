package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import java.util.List;
import org.faxgw.durable.DurableFiles;
import org.faxgw.mail.InboundRouting;
import org.faxgw.mail.MailEgress;
import org.faxgw.mail.ReceivedFax;
import org.faxgw.mail.RouteDecision;
import org.faxgw.queue.ClusterDirectory;
import org.faxgw.render.received.ReceivedPdfWriter;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a received fax (HylaFAX's faxgetty hand-over to bin/faxrcvd): a CommID, the TIFF
 * kept durably in {@code <dataDir>/recvq/fax<CommID>.tif} with its {@code .info} in recvinfo/
 * ({@link ReceivedQueue}), the route, the PDF, the mail into the outbox, and FaxMaster's notice of
 * a failed or partial reception. Returns once the mail is stored in the outbox; delivery happens on
 * the outbox's thread.
 */
public final class ReceivedFaxPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ReceivedFaxPipeline.class);

  /** What became of one fax. */
  public record Outcome(
      String commId, Path tiff, RouteDecision decision, List<String> outboxIds, String summary) {}

  private final CommIdAllocator commIds;
  private final Path recvq;
  private volatile InboundRouting routing;
  private final MailEgress mail;
  private final Clock clock;
  private volatile ClusterDirectory directory;

  /**
   * Stores every fax delivered from now (record and TIFF) in {@code d} too, once the local copy is
   * durable, when {@code d} is shared by several nodes; the info file then names this node.
   */
  public void shareWith(ClusterDirectory d) {
    this.directory = d != null && d.shared() ? d : null;
  }

  /** Puts new routing rules in force (reload); faxes delivered from now on follow them. */
  public void replaceRouting(InboundRouting next) {
    this.routing = next;
  }

  public ReceivedFaxPipeline(
      CommIdAllocator commIds, Path recvq, InboundRouting routing, MailEgress mail, Clock clock)
      throws IOException {
    this.commIds = commIds;
    this.recvq = recvq;
    this.routing = routing;
    this.mail = mail;
    this.clock = clock;
    Files.createDirectories(recvq);
  }

  /** The fax's record and TIFF into the cluster directory; a failure is logged, the fax stays. */
  private static void share(
      ClusterDirectory d,
      String commId,
      ReceivedCall call,
      int pages,
      ReceivedFax fax,
      byte[] tiff) {
    try {
      d.putReceived(
          new ClusterDirectory.ReceivedRecord(
              commId,
              d.node(),
              call.tsi(),
              call.callerNumber(),
              call.callerName(),
              call.did(),
              pages,
              fax.received().toInstant(),
              tiff.length,
              call.error()),
          tiff);
    } catch (RuntimeException e) {
      LOG.warn(
          "fax {}: kept in recvq/ but not stored for the other nodes: {}", commId, e.toString());
    }
  }

  /** Handles one received fax under a new CommID. */
  public Outcome deliver(ReceivedCall call) throws IOException {
    return deliver(call, commIds.next());
  }

  /** Handles one received fax whose call already has {@code commId} (its session log's). */
  public Outcome deliver(ReceivedCall call, String commId) throws IOException {
    List<BilevelPage> pages = call.pages();
    byte[] tiff = call.tiff();
    if (tiff == null && !pages.isEmpty()) {
      tiff = FaxTiffWriter.write(pages, FaxCompression.MMR);
    }
    Path tiffFile = recvq.resolve("fax" + commId + ".tif");
    if (tiff != null) {
      DurableFiles.write(tiffFile, tiff);
    }
    BilevelPage first = pages.isEmpty() ? null : pages.get(0);
    Resolution res = first == null ? Resolution.NORMAL : first.resolution();
    ReceivedFax fax =
        new ReceivedFax(
            commId,
            call.did(),
            call.callerNumber(),
            call.callerName(),
            call.tsi(),
            pages.size(),
            first == null ? 0 : first.width(),
            first == null ? 0 : first.height(),
            res.xDpi(),
            res.yDpi(),
            ZonedDateTime.now(clock),
            call.timeToReceive(),
            call.signalRate(),
            call.dataFormat(),
            call.ecm(),
            call.lineName(),
            call.badRows(),
            call.error());
    ClusterDirectory shared = directory;
    if (tiff != null) {
      Files.createDirectories(ReceivedQueue.infoOf(tiffFile).getParent());
      DurableFiles.write(
          ReceivedQueue.infoOf(tiffFile),
          ReceivedQueue.info(
              commId,
              pages.size(),
              call.tsi(),
              call.callerNumber(),
              call.callerName(),
              call.did(),
              fax.received().toInstant(),
              call.error(),
              shared == null ? null : shared.node()));
      if (shared != null) {
        share(shared, commId, call, pages.size(), fax, tiff);
      }
    }
    RouteDecision decision = routing.route(fax);
    byte[] pdf = null;
    if (decision instanceof RouteDecision.Reject r) {
      LOG.info(
          "fax {} from \"{}\" (caller {}, DID {}) rejected by {}; TIFF kept in {}",
          commId,
          fax.tsi(),
          fax.callerNumber(),
          fax.did(),
          r.rule(),
          tiffFile);
    } else if (!pages.isEmpty() && ((RouteDecision.Deliver) decision).format().wantsPdf()) {
      GregorianCalendar created = GregorianCalendar.from(fax.received());
      pdf =
          new ReceivedPdfWriter()
              .write(pages, new ReceivedPdfWriter.Info("Fax " + fax.fileStem(), created));
    }
    List<String> ids = mail.mailReceivedFax(fax, decision, pdf, tiff);
    try {
      ReceivedRoute.of(decision, ids).write(recvq, commId);
    } catch (IOException e) {
      LOG.warn("fax {}: cannot record its route for the console: {}", commId, e.toString());
    }
    if (decision instanceof RouteDecision.Deliver d && !pages.isEmpty()) {
      LOG.info(
          "fax {} from \"{}\" ({} pages, DID {}) routed by {} to {}",
          commId,
          fax.tsi(),
          pages.size(),
          fax.did(),
          d.rule(),
          d.to());
    }
    return new Outcome(
        commId, tiff == null ? null : tiffFile, decision, ids, MailEgress.summary(fax));
  }
}
