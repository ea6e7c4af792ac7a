package org.faxgw.gateway.line;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.faxgw.gateway.config.FaxLineConfig;
import org.faxgw.gateway.inbound.CommIdAllocator;
import org.faxgw.gateway.line.dispatch.Dispatcher;
import org.faxgw.gateway.line.dispatch.RetryPolicy;
import org.faxgw.gateway.line.send.CallRunner;
import org.faxgw.gateway.line.send.TaglineFormat;
import org.faxgw.queue.DocumentSpool;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.FaxNumber;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobListener;
import org.faxgw.queue.JobScheduler;
import org.faxgw.queue.JobState;
import org.faxgw.queue.JobStore;
import org.faxgw.queue.NewJob;
import org.faxgw.queue.SqliteJobStore;
import org.faxgw.t30.Capabilities;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import org.faxgw.t4.Resolution;

/**
 * The sending side wired as {@code faxgw serve} wires it, over the fakes: a real SQLite store (or a
 * given one, e.g. PostgreSQL shared with another harness as another node) and spool folder, the
 * dispatcher, the call runner, a fake endpoint and fake terminals, virtual time, and direct
 * executors (everything runs on the test's thread, in order).
 */
final class SendHarness implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  final Path dir;
  final TestClock clock = new TestClock(T0);
  final JobStore store;
  final DocumentSpool spool;
  final FakeEndpoint endpoint = new FakeEndpoint(Set.of("pbx", "pbx2"));
  final FakeTerminals terminals = new FakeTerminals();
  final LinePool lines;
  final Dispatcher dispatcher;
  final CallRunner runner;
  final List<String> notices = Collections.synchronizedList(new ArrayList<>());
  final XferLog xferLog;
  final JobScheduler scheduler = new JobScheduler(true);

  SendHarness(Path dir, int lineCount) throws Exception {
    this(dir, lineCount, UnaryOperator.identity());
  }

  /**
   * @param lineStore what the call runner and dispatcher see of {@link #store} (e.g. a store whose
   *     database goes away); the test reads and writes {@link #store} itself
   */
  SendHarness(Path dir, int lineCount, UnaryOperator<JobStore> lineStore) throws Exception {
    this(dir, SqliteJobStore.open(dir.resolve("faxgw.db")), lineCount, lineStore, "test-node");
  }

  /**
   * A node named {@code node} (its lease owner) with its own data folder {@code dir} on {@code
   * store} (closed with the harness), which other harnesses may share as other nodes; its spool
   * reads and writes through {@link JobStore#sharedFiles()}, and its CommIDs come from the store
   * when it keeps them.
   */
  SendHarness(Path dir, JobStore store, int lineCount, String node) throws Exception {
    this(dir, store, lineCount, UnaryOperator.identity(), node);
  }

  private SendHarness(
      Path dir, JobStore store, int lineCount, UnaryOperator<JobStore> lineStore, String node)
      throws Exception {
    this.dir = dir;
    this.store = store;
    this.spool = new DocumentSpool(dir.resolve("spool"), store.sharedFiles());
    JobStore seen = lineStore.apply(store);
    this.lines =
        LinePool.of(
            new FaxLineConfig(
                "+1 604 555 0199",
                Map.of("carol@example.com", "+1 604 555 0177"),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new FaxLineConfig.LineSpec("pbx", lineCount, "both", ""))));
    Executor direct = Runnable::run;
    this.xferLog = new XferLog(dir.resolve("xferfaxlog"));
    this.runner =
        new CallRunner(
            endpoint,
            terminals,
            seen,
            CommIdAllocator.forStore(store, dir),
            xferLog,
            new CallRunner.Settings(
                "+1 604 555 0199",
                Map.of("carol@example.com", "+1 604 555 0177"),
                new TaglineFormat(FaxLineConfig.DEFAULT_TAGLINE),
                spool,
                dir.resolve("log")),
            direct,
            clock);
    JobListener listener =
        new JobListener() {
          @Override
          public void jobEnded(FaxJob job) {
            notices.add(job.state().label() + " " + job.id() + " " + job.status());
          }

          @Override
          public void jobRequeued(FaxJob job) {
            notices.add("requeued " + job.id() + " " + job.status());
          }
        };
    this.dispatcher =
        new Dispatcher(
            seen,
            lines,
            runner,
            RetryPolicy.hylafax(),
            Capabilities.full(),
            listener,
            clock,
            node,
            Duration.ofSeconds(60),
            Duration.ofMinutes(30),
            direct);
  }

  /** A ready job of {@code pages} pages to {@code number}. */
  FaxJob readyJob(String owner, String number, int pages, Instant killTime) throws Exception {
    NewJob nj =
        new NewJob(
            owner,
            new FaxNumber(number, "1" + number.substring(2)),
            127,
            JobState.RENDERING,
            "",
            12,
            3,
            null,
            killTime,
            null,
            "failed",
            "fine",
            "",
            "m",
            List.of(new JobDocument(JobDocument.DOCUMENT, "m/a.pdf", "application/pdf", "a.pdf")),
            List.of());
    FaxJob j = store.submit(List.of(nj), clock.instant(), Duration.ofHours(1)).get(0);
    // the rendered pages, written as the renderer writes them: through the spool
    Files.createDirectories(dir.resolve("spool/m"));
    String tiff;
    try (DocumentSpool.SpoolFile f = spool.create("m", "job" + j.id() + ".tif")) {
      f.out().write(FaxTiffWriter.write(pages(pages), FaxCompression.MMR));
      tiff = f.commit();
    }
    FaxJob ready = j.withRendered(pages, tiff).withState(JobState.READY, "");
    store.update(ready, JobState.RENDERING);
    return store.find(j.id()).orElseThrow();
  }

  FaxJob readyJob(String number, int pages) throws Exception {
    return readyJob("alice@example.com", number, pages, T0.plus(Duration.ofHours(3)));
  }

  /** Pages with a distinct pattern each (a black bar at a page-dependent height). */
  static List<BilevelPage> pages(int n) {
    List<BilevelPage> out = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      int w = 1728;
      int h = 400;
      byte[] bits = new byte[BilevelPage.stride(w) * h];
      for (int r = 100 + p * 20; r < 110 + p * 20; r++) {
        for (int b = 10; b < 100; b++) {
          bits[r * BilevelPage.stride(w) + b] = (byte) 0xFF;
        }
      }
      out.add(new BilevelPage(w, h, Resolution.FINE, bits));
    }
    return out;
  }

  FaxJob job(long id) {
    return store.find(id).orElseThrow();
  }

  /** The queue timer's pass (time to send, kill time), as QueueTimer applies it. */
  void timerPass() {
    for (JobScheduler.Change c : scheduler.due(store.list(JobState.SEND_QUEUE), clock.instant())) {
      if (store.update(c.next(), c.job().state()) && c.next().state().isTerminal()) {
        notices.add(c.next().state().label() + " " + c.next().id() + " " + c.next().status());
      }
    }
  }

  /** One dispatcher pass, then the calls run for up to {@code ticks} 20 ms ticks. */
  void dispatchAndRun(int ticks) {
    timerPass();
    dispatcher.tick();
    endpoint.tick(ticks);
  }

  List<FaxJob> all() {
    return store.list(EnumSet.allOf(JobState.class));
  }

  @Override
  public void close() {
    store.close();
  }
}
