package org.faxgw.gateway.line;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.faxgw.gateway.config.FaxLineConfig;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.config.JobsConfig;
import org.faxgw.gateway.inbound.CommIdAllocator;
import org.faxgw.gateway.inbound.ReceivedFaxPipeline;
import org.faxgw.gateway.line.answer.Answerer;
import org.faxgw.gateway.line.dispatch.Dispatcher;
import org.faxgw.gateway.line.dispatch.RetryPolicy;
import org.faxgw.gateway.line.send.CallRunner;
import org.faxgw.gateway.line.send.TaglineFormat;
import org.faxgw.iax2.Iax2Endpoint;
import org.faxgw.mail.InboundRouting;
import org.faxgw.queue.DialingRules;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobStore;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxTerminalFactory;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.FaxCompression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fax lines of a running gateway: the line pool, the dispatcher on the {@code faxgw-dispatcher}
 * thread (a pass every second), the call runner and the answerer (registered as the endpoint's
 * inbound handler), and the {@code faxgw-line-io} thread for everything a call writes to disk
 * (CommIDs, pages, session logs, xferfaxlog, the received-fax pipeline).
 */
public final class FaxLineService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaxLineService.class);

  /**
   * The engines a fax line runs on.
   *
   * @param endpoint the IAX2 endpoint (its event loop drives every call's audio)
   * @param terminals the T.30 engine
   * @param pipeline where received faxes go
   * @param routing the inbound routing rules (reject before answering, TSI rules)
   */
  public record Engines(
      Iax2Endpoint endpoint,
      FaxTerminalFactory terminals,
      ReceivedFaxPipeline pipeline,
      InboundRouting routing) {}

  private final LinePool lines;
  private final Dispatcher dispatcher;
  private final ScheduledExecutorService dispatcherThread;
  private final ExecutorService io;
  private final String owner;
  private final Iax2Endpoint endpoint;
  private final CallRunner runner;
  private final Answerer answerer;
  private final Path logDir;
  private final DocumentSpool spool;

  private FaxLineService(
      LinePool lines,
      Dispatcher dispatcher,
      ScheduledExecutorService dispatcherThread,
      ExecutorService io,
      String owner,
      Iax2Endpoint endpoint,
      CallRunner runner,
      Answerer answerer,
      Path logDir,
      DocumentSpool spool) {
    this.lines = lines;
    this.dispatcher = dispatcher;
    this.dispatcherThread = dispatcherThread;
    this.io = io;
    this.owner = owner;
    this.endpoint = endpoint;
    this.runner = runner;
    this.answerer = answerer;
    this.logDir = logDir;
    this.spool = spool;
  }

  /** Builds the lines over {@code engines}; nothing runs before {@link #start}. */
  public static FaxLineService create(
      FaxgwConfig config,
      JobStore store,
      Supplier<DialingRules> rules,
      Engines engines,
      JobListener listener,
      Clock clock)
      throws IOException {
    FaxLineConfig fax = config.fax();
    Path data = config.dataPath();
    LinePool lines = LinePool.of(fax);
    ExecutorService io = Executors.newSingleThreadExecutor(named("faxgw-line-io"));
    ScheduledExecutorService dispatcherThread =
        Executors.newSingleThreadScheduledExecutor(named("faxgw-dispatcher"));
    // CommIDs of a shared sequence are drawn ahead on the I/O thread (never on the audio tick)
    CommIdAllocator commIds = CommIdAllocator.forStore(store, data, io);
    XferLog xferLog = new XferLog(data.resolve("xferfaxlog"));
    Capabilities caps = capabilities(fax);
    DocumentSpool spool = new DocumentSpool(data.resolve("spool"), store.sharedFiles());
    CallRunner runner =
        new CallRunner(
            engines.endpoint(),
            engines.terminals(),
            store,
            commIds,
            xferLog,
            settings(fax, data, spool),
            io,
            clock);
    JobsConfig jobs = config.jobs();
    String owner = owner(fax);
    Dispatcher dispatcher =
        new Dispatcher(
            store,
            lines,
            runner,
            new RetryPolicy(jobs.retryBusy(), jobs.retryNoAnswer(), jobs.retryOther()),
            caps,
            listener,
            clock,
            owner,
            fax.leaseTtl(),
            fax.maxCallTime(),
            dispatcherThread);
    Answerer answerer =
        new Answerer(
            lines,
            engines.terminals(),
            rules,
            engines.routing(),
            engines.pipeline(),
            commIds,
            xferLog,
            data.resolve("log"),
            fax.localId(),
            caps,
            io,
            clock);
    answerer.setLimits(config.receive().limits());
    CallCapture capture = CallCapture.of(data.resolve("log"), config.capture());
    runner.capture(capture);
    int swept = capture.sweep(clock.instant());
    if (swept > 0) {
      LOG.info("removed {} call capture file(s) older than {}", swept, config.capture().keep());
    }
    answerer.setCapture(capture);
    engines.endpoint().onIncoming(answerer);
    return new FaxLineService(
        lines,
        dispatcher,
        dispatcherThread,
        io,
        owner,
        engines.endpoint(),
        runner,
        answerer,
        data.resolve("log"),
        spool);
  }

  private static CallRunner.Settings settings(FaxLineConfig fax, Path data, DocumentSpool spool) {
    return new CallRunner.Settings(
        fax.localId(),
        fax.senderIds(),
        new TaglineFormat(fax.tagline()),
        spool,
        data.resolve("log"));
  }

  /**
   * A reload: puts the IAX2 peers and users, the fax lines, the tagline and station ids, the
   * inbound routing and limits and the capture choices of {@code next} in force, for the calls that
   * start from now; calls in progress go on as they began. The peers go first, because only they
   * can fail (a host name that does not resolve); then nothing has changed.
   *
   * @param running the configuration in force
   * @return what changed, one entry per part
   * @throws IllegalStateException when the new peers cannot be used; nothing changed
   */
  public List<String> reload(FaxgwConfig running, FaxgwConfig next) {
    List<String> said = new ArrayList<>();
    if (!next.iax2().peers().equals(running.iax2().peers())
        || !next.iax2().users().equals(running.iax2().users())) {
      endpoint.replacePeers(next.iax2().toEndpointConfig());
      said.add("iax2 peers and users");
    }
    if (!next.fax().equals(running.fax())) {
      String lineChanges = lines.replace(next.fax());
      runner.settings(settings(next.fax(), running.dataPath(), spool));
      said.add("fax lines" + (lineChanges.isEmpty() ? "" : " (" + lineChanges + ")"));
    }
    if (!next.routing().equals(running.routing())) {
      answerer.setRouting(next.routing().routing());
    }
    if (!next.receive().equals(running.receive())) {
      answerer.setLimits(next.receive().limits());
      said.add("receive limits");
    }
    if (!next.capture().equals(running.capture())) {
      CallCapture c = CallCapture.of(logDir, next.capture());
      answerer.setCapture(c);
      runner.capture(c);
      said.add("capture");
    }
    return said;
  }

  /** What we offer: rates up to {@code fax.maxRate}, ECM as configured, MH/MR/MMR, fine. */
  static Capabilities capabilities(FaxLineConfig fax) {
    Capabilities full = Capabilities.full();
    EnumSet<FaxCompression> codings = EnumSet.allOf(FaxCompression.class);
    if (!fax.ecm()) {
      codings.remove(FaxCompression.MMR); // T.30 Table 2 note: MMR only with ECM
    }
    EnumSet<SignalRate> rates = EnumSet.noneOf(SignalRate.class);
    for (SignalRate r : full.rates()) {
      if (r.bitsPerSecond() <= fax.maxRate()) {
        rates.add(r);
      }
    }
    return new Capabilities(rates, fax.ecm(), 256, codings, true, 0);
  }

  /** The lease owner (calls and renders): {@code fax.node}, else the host name. */
  public static String owner(FaxLineConfig fax) {
    return fax.leaseOwner();
  }

  public String owner() {
    return owner;
  }

  /**
   * A job was removed from the queue: if one of these lines is sending it, the call ends now
   * ({@link Dispatcher#jobRemoved}).
   */
  public void jobRemoved(long id) {
    dispatcher.jobRemoved(id);
  }

  public LinePool lines() {
    return lines;
  }

  /** True when at least one line can send. */
  public boolean canSend() {
    return lines.sendingLines() > 0;
  }

  /** Starts the dispatcher's passes. */
  public void start() {
    dispatcherThread.scheduleWithFixedDelay(this::tickSafely, 1, 1, TimeUnit.SECONDS);
    LOG.info("fax lines: {} on {} (lease owner {})", lines.lines().size(), peers(), owner);
  }

  private String peers() {
    return lines.lines().stream().map(Line::peer).distinct().toList().toString();
  }

  private void tickSafely() {
    try {
      dispatcher.tick();
    } catch (RuntimeException e) {
      LOG.error("dispatcher", e);
    }
  }

  /**
   * Stops taking new calls (the endpoint rejects them) and placing new ones (every line that falls
   * free is held), and waits until the calls in progress have ended or {@code timeout} has passed.
   * Jobs not started stay queued.
   *
   * @return true when no call was left
   */
  public boolean drain(java.time.Duration timeout) throws InterruptedException {
    return new LineDrain(lines, endpoint).await(timeout);
  }

  /** Stops new calls; calls in progress end when the endpoint closes. */
  @Override
  public void close() {
    endpoint.drain();
    dispatcherThread.shutdown();
    try {
      dispatcherThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    endpoint.close();
    io.shutdown();
    try {
      io.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
