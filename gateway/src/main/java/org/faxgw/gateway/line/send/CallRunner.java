package org.faxgw.gateway.line.send;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.faxgw.gateway.inbound.CommIdAllocator;
import org.faxgw.gateway.line.Line;
import org.faxgw.gateway.line.XferLog;
import org.faxgw.gateway.line.dispatch.CallStarter;
import org.faxgw.gateway.line.dispatch.KillPoint;
import org.faxgw.gateway.line.dispatch.KillPoints;
import org.faxgw.iax2.Iax2Endpoint;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobStore;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxTerminalFactory;

/**
 * HylaFAX's faxsend role: for a claimed job, reads its pages, images the tagline, dials through the
 * line's IAX2 peer, runs the T.30 transmit and reports the outcome. One {@link OutboundCall} per
 * call; the preparation (disk, CommID) and the logs run on {@code io}, the call itself on the IAX2
 * endpoint's event loop.
 */
public final class CallRunner implements CallStarter {

  /**
   * What the runner needs.
   *
   * @param localId the gateway's TSI (fax.localId)
   * @param senderIds TSI per job owner (fax.senderIds)
   * @param tagline the tagline format
   * @param spool the document spool job TIFFs are in (read through it: with shared files a job
   *     rendered on another node is fetched from the database)
   * @param logDir where session logs {@code c<CommID>} go
   */
  public record Settings(
      String localId,
      Map<String, String> senderIds,
      TaglineFormat tagline,
      DocumentSpool spool,
      Path logDir) {}

  private final Iax2Endpoint endpoint;
  private final FaxTerminalFactory terminals;
  private final JobStore store;
  private final CommIdAllocator commIds;
  private final XferLog xferLog;
  private volatile Settings settings; // replaced on reload; a call keeps the one it began with
  private final Executor io;
  private final Clock clock;

  public CallRunner(
      Iax2Endpoint endpoint,
      FaxTerminalFactory terminals,
      JobStore store,
      CommIdAllocator commIds,
      XferLog xferLog,
      Settings settings,
      Executor io,
      Clock clock) {
    this.endpoint = endpoint;
    this.terminals = terminals;
    this.store = store;
    this.commIds = commIds;
    this.xferLog = xferLog;
    this.settings = settings;
    this.io = io;
    this.clock = clock;
  }

  private volatile org.faxgw.gateway.line.CallCapture capture;

  /** Which calls have their audio captured ({@code capture:}, or the job asks); default none. */
  public void capture(org.faxgw.gateway.line.CallCapture c) {
    this.capture = c;
  }

  private volatile KillPoints killPoints = KillPoints.NONE;

  /**
   * Where a test makes this node die ({@link KillPoint#AFTER_DIAL}, {@link
   * KillPoint#AFTER_PAGE_MCF}); {@link KillPoints#NONE} unless set.
   */
  public void killPoints(KillPoints hook) {
    this.killPoints = hook;
  }

  /** Puts other settings (tagline, station ids) in force for the calls that start from now. */
  public void settings(Settings next) {
    this.settings = next;
  }

  @Override
  public ActiveCall start(
      FaxJob job, JobLease lease, Line line, Capabilities capabilities, Consumer<CallReport> done) {
    OutboundCall c =
        new OutboundCall(
            job,
            lease,
            line,
            capabilities,
            done,
            new OutboundCall.Context(
                endpoint,
                terminals,
                store,
                commIds,
                xferLog,
                settings,
                capture,
                io,
                clock,
                killPoints));
    io.execute(c::prepare);
    return c;
  }

  /** The TSI for a job: per sender, else the line's, else the gateway's. */
  static String tsiFor(FaxJob job, Line line, Settings s) {
    String bySender = s.senderIds().get(job.owner());
    if (bySender != null) {
      return bySender;
    }
    return line.localId().isEmpty() ? s.localId() : line.localId();
  }
}
