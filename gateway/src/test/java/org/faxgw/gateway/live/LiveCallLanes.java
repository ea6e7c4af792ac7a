package org.faxgw.gateway.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.faxgw.iax2.transport.TickLateness;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxTiffReader;

/**
 * Runs many live one-page fax calls, split over lanes that run in parallel; each lane is one lab
 * (iaxmodem + HylaFAX on a private spool) and, where faxgw takes part, one faxgw, and makes its
 * calls one after the other. Optionally a {@link ImpairedUdpProxy} relay sits on the IAX2 path and
 * loses a fraction of the datagrams in one direction. Every call is bounded in time; a call that
 * does not end in time counts as failed and the lane goes on.
 *
 * <p>Three kinds of lane: faxgw sends (mail → faxgw → iaxmodem → HylaFAX faxgetty), faxgw receives
 * (HylaFAX sendfax → iaxmodem → faxgw → mail), and HylaFAX to HylaFAX (sendfax → iaxmodem A →
 * iaxmodem B → faxgetty) for the comparison figure. ECM with V.17 (HylaFAX's default iaxmodem
 * profile), A-law.
 */
final class LiveCallLanes {
  /** Most time one call may take from submission to both ends done. */
  static final Duration CALL_LIMIT = Duration.ofSeconds(300);

  /** Where the relay loses datagrams. */
  enum Loss {
    /** No relay. */
    NONE,
    /** Datagrams travelling towards the end that receives the fax. */
    TOWARDS_RECEIVER,
    /** Datagrams travelling towards the end that sends the fax. */
    TOWARDS_SENDER
  }

  /** One lane's calls. */
  interface Lane {
    List<CallTally.Call> run(int lane, int calls) throws Exception;
  }

  private LiveCallLanes() {}

  /**
   * {@code calls} calls over {@code lanes} lanes in parallel (lane i takes every lanes-th call).
   */
  static CallTally run(String what, int calls, int lanes, Lane body) throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(lanes);
    try {
      List<Future<List<CallTally.Call>>> futures = new ArrayList<>();
      for (int l = 0; l < lanes; l++) {
        int lane = l + 1;
        int share = calls / lanes + (l < calls % lanes ? 1 : 0);
        futures.add(pool.submit(() -> body.run(lane, share)));
      }
      List<List<CallTally.Call>> results = new ArrayList<>();
      long bound = CALL_LIMIT.toSeconds() * (calls / lanes + 2) + 300;
      for (Future<List<CallTally.Call>> f : futures) {
        results.add(f.get(bound, TimeUnit.SECONDS));
      }
      CallTally t = CallTally.of(what, results, Duration.ofNanos(System.nanoTime() - start));
      System.out.println(t.report());
      return t;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The number of lanes: {@code -Dfaxgw.live.lanes}, default 4. */
  static int lanes() {
    return Integer.getInteger("faxgw.live.lanes", 4);
  }

  /** A relay losing {@code rate} of the datagrams one way, from {@code seed}. */
  private static ImpairedUdpProxy relay(
      InetSocketAddress target, boolean lossTowardsTarget, double rate, long seed) {
    ImpairedUdpProxy.Impairment lossy = ImpairedUdpProxy.Impairment.lossOnly(rate, seed);
    ImpairedUdpProxy.Impairment clean = ImpairedUdpProxy.Impairment.none();
    return lossTowardsTarget
        ? new ImpairedUdpProxy(target, lossy, clean)
        : new ImpairedUdpProxy(target, clean, lossy);
  }

  private static String relayNote(ImpairedUdpProxy r) {
    return r == null ? "" : " relay: to target " + r.toTarget + "; to client " + r.toClient;
  }

  /**
   * faxgw sends: swaks mails a one-page PDF to a faxgw whose one send line dials an iaxmodem
   * answered by HylaFAX; {@code lossTowardsFaxgw} puts the relay between them (faxgw is its
   * client). A call completed when faxgw's job is DONE with one page confirmed with ECM and HylaFAX
   * logged the RECV; exact when HylaFAX's recvq page equals ours below our tagline.
   */
  static Lane faxgwSends(Path root, double lossTowardsFaxgw, long seed) {
    return (lane, calls) -> {
      List<CallTally.Call> out = new ArrayList<>();
      Path dir = Files.createDirectories(root.resolve("send-" + lane));
      try (FaxLab lab = FaxLab.create()) {
        int modemPort = LabPorts.freeUdpPort();
        int ourIax = LabPorts.freeUdpPort();
        int smtp = LabPorts.freeTcpPort();
        FaxLab.IaxModem modem =
            lab.startModem(IaxModemConfig.dialing(modemPort, "127.0.0.1:" + ourIax));
        lab.startFaxgetty(modem, ModemProfile.DEFAULT, "+1.555.555.0101");
        ImpairedUdpProxy net =
            lossTowardsFaxgw > 0
                ? relay(
                    new InetSocketAddress("127.0.0.1", modemPort), false, lossTowardsFaxgw, seed)
                : null;
        int peerPort = net == null ? modemPort : net.front().getPort();
        String yaml =
            """
            smtp: {listen: "127.0.0.1:%d"}
            admin: {listen: "127.0.0.1:%d"}
            iax2:
              listen: "127.0.0.1:%d"
              peers:
                - {name: modem, host: 127.0.0.1, port: %d, codecs: [alaw]}
            fax:
              localId: "+1 604 555 0100"
              ecm: true
              lines:
                - {peer: modem, direction: send}
            jobs: {maxTries: 1, maxDials: 12, retryBusy: 10s}
            # One worker and a generous limit: four lanes' workers start at once on a loaded
            # machine, and a page rendered late is not what these runs measure.
            render: {workers: 1, timeLimit: 300s}
            """
                .formatted(smtp, LabPorts.freeTcpPort(), ourIax, peerPort);
        try (net;
            GatewayUnderTest gw = new GatewayUnderTest(dir.resolve("gw"), yaml)) {
          Path pdf =
              Path.of(System.getProperty("faxgw.root", "..")).resolve("samples/loopback.pdf");
          Set<Long> seenJobs = new HashSet<>();
          Set<Path> seenTiffs = new HashSet<>();
          for (int n = 1; n <= calls; n++) {
            long t0 = System.nanoTime();
            String note;
            boolean completed = false;
            boolean exact = false;
            gw.endpoint.lateness().reset();
            try {
              long recvBefore = recvRecords(lab);
              mail(smtp, pdf);
              FaxJob job = awaitNewJob(gw, seenJobs);
              note =
                  job == null
                      ? "faxgw's job did not end in " + CALL_LIMIT.toSeconds() + " s"
                      : "job " + job.id() + " CommID " + job.progress().commId();
              if (job != null && job.state() != JobState.DONE) {
                note += " " + job.state() + ": " + job.status();
              } else if (job != null) {
                Path tiff = awaitNewFile(lab.spool().resolve("recvq"), ".tif", seenTiffs);
                awaitRecvLogged(lab, recvBefore + 1);
                completed = job.progress().pagesConfirmed() == 1 && job.progress().ecm();
                if (!completed) {
                  note += " pages " + job.progress().pagesConfirmed() + " ecm " + job.progress();
                }
                if (tiff == null) {
                  completed = false;
                  note += " no recvq TIFF at HylaFAX";
                } else {
                  List<BilevelPage> theirs = FaxTiffReader.read(Files.readAllBytes(tiff));
                  List<BilevelPage> ours =
                      FaxTiffReader.read(
                          Files.readAllBytes(gw.data().resolve("spool").resolve(job.tiff())));
                  String diff =
                      theirs.size() != 1
                          ? theirs.size() + " pages at HylaFAX"
                          : PageCompare.belowOurTagline(theirs.get(0), ours.get(0));
                  exact = diff == null;
                  note += " " + tiff.getFileName() + (exact ? "" : " " + diff);
                }
              }
            } catch (RuntimeException e) {
              note = "error: " + e.getMessage().lines().findFirst().orElse("");
            }
            out.add(call(lane, n, completed, exact, t0, note + ticks(gw) + relayNote(net)));
            awaitIdle(lab, modem);
          }
          if (out.stream().anyMatch(c -> !c.completed() || !c.exact())) {
            keep(lab, dir);
          }
        }
      }
      return out;
    };
  }

  /**
   * faxgw receives: HylaFAX's sendfax sends a one-page PostScript document through an iaxmodem that
   * dials faxgw; {@code lossTowardsFaxgw} puts the relay between them (iaxmodem is its client). A
   * call completed when HylaFAX's job is done and faxgw mailed a one-page fax received with ECM;
   * exact when faxgw's recvq page equals HylaFAX's own rendering of the document below the tagline.
   */
  static Lane faxgwReceives(Path root, Path document, double lossTowardsFaxgw, long seed) {
    return (lane, calls) -> {
      List<CallTally.Call> out = new ArrayList<>();
      Path dir = Files.createDirectories(root.resolve("receive-" + lane));
      int ourIax = LabPorts.freeUdpPort();
      String yaml =
          """
          smtp: {listen: "127.0.0.1:%d"}
          admin: {listen: "127.0.0.1:%d"}
          iax2:
            listen: "127.0.0.1:%d"
            users:
              - {name: iaxmodem, secret: secret}
          fax:
            localId: "+1 604 555 0100"
            lines:
              - {peer: iaxmodem, direction: receive}
          routing:
            faxmaster: faxmaster@localhost
            inbound:
              - {did: "*", to: [bob@example.com]}
          """
              .formatted(LabPorts.freeTcpPort(), LabPorts.freeTcpPort(), ourIax);
      try (FaxLab lab = FaxLab.create();
          ImpairedUdpProxy net =
              lossTowardsFaxgw > 0
                  ? relay(new InetSocketAddress("127.0.0.1", ourIax), true, lossTowardsFaxgw, seed)
                  : null;
          GatewayUnderTest gw = new GatewayUnderTest(dir.resolve("gw"), yaml)) {
        int server = net == null ? ourIax : net.front().getPort();
        FaxLab.IaxModem modem =
            lab.startModem(IaxModemConfig.dialing(LabPorts.freeUdpPort(), "127.0.0.1:" + server));
        lab.startFaxgetty(modem, ModemProfile.DEFAULT, "+1.555.555.0101");
        lab.startQueue();
        BilevelPage reference = hylafaxRendering(lab, document, dir);
        Path box = gw.data().resolve("mail/bob@example.com/new");
        Set<Path> seenMails = new HashSet<>();
        Set<Path> seenTiffs = new HashSet<>();
        for (int n = 1; n <= calls; n++) {
          long t0 = System.nanoTime();
          String note;
          boolean completed = false;
          boolean exact = false;
          gw.endpoint.lateness().reset();
          try {
            int id = lab.sendfax(modem, "5550002", document);
            note = "HylaFAX job " + id;
            FaxLab.await("HylaFAX job " + id, CALL_LIMIT, () -> lab.jobDone(id), null);
            boolean theirsDone = lab.jobFile(id).contains("state:7");
            Path mail = awaitNewFile(box, "", seenMails);
            Path tiff = awaitNewFile(gw.data().resolve("recvq"), ".tif", seenTiffs);
            String m = mail == null ? "" : Files.readString(mail);
            boolean oursOk =
                m.matches("(?s).*Pages: 1\\s.*") && m.matches("(?s).*Error Correct: Yes.*");
            completed = theirsDone && oursOk && tiff != null;
            note +=
                (theirsDone ? "" : " not done at HylaFAX: " + statusOf(lab.jobFile(id)))
                    + (mail == null ? " no mail" : oursOk ? "" : " mail summary wrong")
                    + (tiff == null ? " no recvq TIFF" : " " + tiff.getFileName());
            if (tiff != null) {
              List<BilevelPage> ours =
                  FaxTiffReader.read(Files.readAllBytes(tiff), /* repairCodingErrors= */ true);
              String diff =
                  ours.size() != 1
                      ? ours.size() + " pages in our recvq"
                      : PageCompare.belowTheirTagline(ours.get(0), reference);
              exact = diff == null;
              note += exact ? "" : " " + diff;
            }
          } catch (RuntimeException e) {
            note = "error: " + e.getMessage().lines().findFirst().orElse("");
          }
          out.add(call(lane, n, completed, exact, t0, note + ticks(gw) + relayNote(net)));
        }
        if (out.stream().anyMatch(c -> !c.completed() || !c.exact())) {
          keep(lab, dir);
        }
      }
      return out;
    };
  }

  /**
   * HylaFAX to HylaFAX: sendfax through iaxmodem A, which dials iaxmodem B (answered by faxgetty),
   * optionally through the relay (A is its client). A call completed when A's job is done and B
   * logged a one-page RECV; exact when B's recvq page equals HylaFAX's rendering below the tagline.
   */
  static Lane hylafaxToHylafax(Path root, Path document, Loss loss, double rate, long seed) {
    return (lane, calls) -> {
      List<CallTally.Call> out = new ArrayList<>();
      Path dir = Files.createDirectories(root.resolve("hylafax-" + lane));
      int portA = LabPorts.freeUdpPort();
      int portB = LabPorts.freeUdpPort();
      try (FaxLab lab = FaxLab.create();
          ImpairedUdpProxy net =
              loss == Loss.NONE
                  ? null
                  : relay(
                      new InetSocketAddress("127.0.0.1", portB),
                      loss == Loss.TOWARDS_RECEIVER,
                      rate,
                      seed)) {
        int server = net == null ? portB : net.front().getPort();
        FaxLab.IaxModem a = lab.startModem(IaxModemConfig.dialing(portA, "127.0.0.1:" + server));
        FaxLab.IaxModem b = lab.startModem(IaxModemConfig.dialing(portB, "127.0.0.1:" + portA));
        lab.startFaxgetty(a, ModemProfile.DEFAULT, "+1.555.555.0100");
        lab.startFaxgetty(b, ModemProfile.DEFAULT, "+1.555.555.0101");
        lab.startQueue();
        BilevelPage reference = hylafaxRendering(lab, document, dir);
        Set<Path> seenTiffs = new HashSet<>();
        for (int n = 1; n <= calls; n++) {
          long t0 = System.nanoTime();
          String note;
          boolean completed = false;
          boolean exact = false;
          try {
            int id = lab.sendfax(a, "5550101", document);
            note = "HylaFAX job " + id;
            FaxLab.await("HylaFAX job " + id, CALL_LIMIT, () -> lab.jobDone(id), null);
            boolean sent = lab.jobFile(id).contains("state:7");
            Path tiff = sent ? awaitNewFile(lab.spool().resolve("recvq"), ".tif", seenTiffs) : null;
            if (!sent) {
              note += " " + statusOf(lab.jobFile(id));
              awaitNewFile(lab.spool().resolve("recvq"), ".tif", seenTiffs);
            }
            completed = sent && tiff != null;
            if (tiff != null) {
              List<BilevelPage> got = FaxTiffReader.read(Files.readAllBytes(tiff), true);
              String diff =
                  got.size() != 1
                      ? got.size() + " pages at B"
                      : PageCompare.belowTheirTagline(got.get(0), reference);
              exact = diff == null;
              note += " " + tiff.getFileName() + (exact ? "" : " " + diff);
            }
          } catch (RuntimeException e) {
            note = "error: " + e.getMessage().lines().findFirst().orElse("");
          }
          out.add(call(lane, n, completed, exact, t0, note + relayNote(net)));
          awaitIdle(lab, b);
        }
        if (out.stream().anyMatch(c -> !c.completed() || !c.exact())) {
          keep(lab, dir);
        }
      }
      return out;
    };
  }

  /** How late faxgw's media ticks ran during the call (evidence of CPU starvation). */
  private static String ticks(GatewayUnderTest gw) {
    TickLateness.Snapshot s = gw.endpoint.lateness().snapshot();
    return String.format(
        java.util.Locale.ROOT,
        " ticks %d, >=10 ms late %d, >=50 ms late %d, latest %d ms",
        s.ticks(),
        s.atLeast(10),
        s.atLeast(50),
        s.maxNanos() / 1_000_000);
  }

  private static CallTally.Call call(
      int lane, int n, boolean completed, boolean exact, long t0, String note) {
    return new CallTally.Call(
        lane, n, completed, exact, Duration.ofNanos(System.nanoTime() - t0), note);
  }

  private static void mail(int smtp, Path pdf) {
    FaxLab.run(
        List.of(
            "swaks",
            "--server",
            "127.0.0.1:" + smtp,
            "--from",
            "alice@example.com",
            "--to",
            "5555550101@fax.local",
            "--header",
            "X-Fax-Cover: no",
            "--attach-type",
            "application/pdf",
            "--attach",
            "@" + pdf),
        Duration.ofSeconds(60));
  }

  /** The job that reached the done queue and was not seen before; null if none within the limit. */
  private static FaxJob awaitNewJob(GatewayUnderTest gw, Set<Long> seen) {
    FaxJob[] found = new FaxJob[1];
    try {
      FaxLab.await(
          "faxgw's job to end",
          CALL_LIMIT,
          () -> {
            for (FaxJob j : gw.gateway.jobs().list(JobState.DONE_QUEUE)) {
              if (!seen.contains(j.id())) {
                found[0] = j;
                return true;
              }
            }
            return false;
          },
          null);
    } catch (IllegalStateException e) {
      return null;
    }
    seen.add(found[0].id());
    return found[0];
  }

  /** A file in {@code dir} ending {@code suffix} not seen before (30 s), or null. */
  private static Path awaitNewFile(Path dir, String suffix, Set<Path> seen) {
    Path[] found = new Path[1];
    try {
      FaxLab.await(
          "a new file in " + dir,
          Duration.ofSeconds(30),
          () -> {
            if (!Files.isDirectory(dir)) {
              return false;
            }
            try (Stream<Path> s = Files.list(dir)) {
              for (Path p : s.toList()) {
                if (p.getFileName().toString().endsWith(suffix) && !seen.contains(p)) {
                  found[0] = p;
                  return true;
                }
              }
              return false;
            } catch (IOException e) {
              return false;
            }
          },
          null);
    } catch (IllegalStateException e) {
      return null;
    }
    seen.add(found[0]);
    return found[0];
  }

  /** Waits (30 s) until HylaFAX's xferfaxlog has {@code n} RECV records. */
  private static void awaitRecvLogged(FaxLab lab, long n) {
    FaxLab.await(
        "HylaFAX's RECV record " + n, Duration.ofSeconds(30), () -> recvRecords(lab) >= n, null);
  }

  /** The RECV records in HylaFAX's xferfaxlog. */
  private static long recvRecords(FaxLab lab) {
    Path xfer = lab.spool().resolve("log/xferfaxlog");
    try {
      return Files.exists(xfer)
          ? Files.readString(xfer).lines().filter(l -> l.contains("\tRECV\t")).count()
          : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Waits until faxgetty has the modem idle again after a call, then past iaxmodem's 5 s busy-out
   * after faxgetty's ATH0 (NOTES §9.10), so the next call is not refused as busy.
   */
  private static void awaitIdle(FaxLab lab, FaxLab.IaxModem modem) {
    FaxLab.pause(Duration.ofSeconds(2));
    FaxLab.await(
        "faxgetty " + modem.device() + " idle",
        Duration.ofSeconds(90),
        () -> lab.modemStatus(modem.device()).contains("idle"),
        modem.faxgetty());
    FaxLab.pause(Duration.ofMillis(5500));
  }

  /**
   * HylaFAX's own rendering of {@code document}: the lab spool's {@code bin/ps2fax} (the converter
   * faxq runs for PostScript) at 98 lines/inch, 1728 pels, A4, as faxq asks for the test's jobs.
   */
  private static BilevelPage hylafaxRendering(FaxLab lab, Path document, Path dir)
      throws IOException {
    Path out = dir.resolve("hylafax-rendering.tif");
    FaxLab.run(
        List.of(
            "sh",
            "-c",
            "cd \"$0\" && bin/ps2fax -o \"$1\" -r 98 -w 1728 -l 297 -3 \"$2\"",
            lab.spool().toString(),
            out.toString(),
            document.toString()),
        Duration.ofSeconds(60));
    List<BilevelPage> pages = FaxTiffReader.read(Files.readAllBytes(out));
    if (pages.size() != 1) {
      throw new IllegalStateException("ps2fax made " + pages.size() + " pages of " + document);
    }
    return pages.get(0);
  }

  private static String statusOf(String qfile) {
    return qfile
        .lines()
        .filter(l -> l.startsWith("status:") || l.startsWith("state:"))
        .reduce((x, y) -> x + " " + y)
        .orElse("(no q-file)");
  }

  /** Copies the lab's spool logs and daemon logs beside the lane's faxgw data, for the report. */
  private static void keep(FaxLab lab, Path dir) {
    try {
      FaxLab.run(
          List.of(
              "cp",
              "-r",
              lab.spool().resolve("log").toString(),
              lab.root().resolve("logs").toString(),
              dir.toString()),
          Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("keeping the lab logs: " + e.getMessage()));
    }
  }
}
