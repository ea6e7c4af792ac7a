package org.faxgw.gateway.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxLineConfig;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.inbound.CommIdAllocator;
import org.faxgw.gateway.inbound.MailEgressService;
import org.faxgw.gateway.line.answer.Answerer;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.IncomingCall;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.queue.DialingRules;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxStatus;
import org.faxgw.t30.SignalRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answerer over a scripted incoming call and fake terminals, into the real pipeline. */
class AnswererTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
  private FakeTerminals terminals;
  private LinePool lines;
  private MailEgressService mail;
  private Answerer answerer;

  /** An incoming call that the test answers or that refuses; audio driven by {@link #tick}. */
  static final class Incoming implements IncomingCall, Iax2Call {
    final String called;
    final String number;
    final String name;
    final boolean restricted;
    HangupCause rejected;
    CallAudio audio;
    CallListener listener;
    HangupCause ourHangup;
    boolean over;

    Incoming(String called, String number, String name, boolean restricted) {
      this.called = called;
      this.number = restricted ? "" : number;
      this.name = restricted ? "" : name;
      this.restricted = restricted;
    }

    @Override
    public String calledNumber() {
      return called;
    }

    @Override
    public String callingNumber() {
      return number;
    }

    @Override
    public String callingName() {
      return name;
    }

    @Override
    public boolean presentationRestricted() {
      return restricted;
    }

    @Override
    public String peer() {
      return "pbx";
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1:4569";
    }

    @Override
    public MediaFormat format() {
      return MediaFormat.ULAW;
    }

    @Override
    public Iax2Call answer(CallAudio a, CallListener l) {
      this.audio = a;
      this.listener = l;
      return this;
    }

    @Override
    public void reject(HangupCause cause) {
      rejected = cause;
    }

    @Override
    public String id() {
      return "pbx/1/1";
    }

    @Override
    public void hangup(HangupCause cause) {
      if (!over) {
        over = true;
        ourHangup = cause;
        listener.ended(cause, false);
      }
    }

    /** Drives the call; the far end hangs up after {@code hangUpAfter} ticks (-1 never). */
    void run(int ticks, int hangUpAfter) {
      listener.answered(MediaFormat.ULAW);
      short[] in = new short[160];
      short[] out = new short[160];
      for (int i = 0; i < ticks && !over; i++) {
        if (i == hangUpAfter) {
          over = true;
          listener.ended(HangupCause.NORMAL_CLEARING, true);
          return;
        }
        audio.played(in, 0, 160);
        audio.next(out, 0, 160);
      }
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    FaxgwConfig cfg =
        new ConfigLoader(Map.of())
            .parse(
                "test.yaml",
                """
                dataDir: %s
                routing:
                  faxmaster: faxmaster@example.com
                  inbound:
                    - callerId: "5550666"
                      reject: true
                    - tsi: "JUNK FAX"
                      reject: true
                    - did: "6045557977"
                      to: [alice@example.com]
                """
                    .formatted(dir));
    mail = MailEgressService.start(dir, cfg.egress(), cfg.routing(), clock, Map.of(), false);
    terminals = new FakeTerminals();
    lines =
        LinePool.of(
            new FaxLineConfig(
                "+1 604 555 7977",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new FaxLineConfig.LineSpec("pbx", 1, "both", ""))));
    Executor direct = Runnable::run;
    answerer =
        new Answerer(
            lines,
            terminals,
            DialingRules::northAmerica,
            cfg.routing().routing(),
            mail.pipeline(),
            new CommIdAllocator(dir),
            new XferLog(dir.resolve("xferfaxlog")),
            dir.resolve("log"),
            "+1 604 555 7977",
            Capabilities.full(),
            direct,
            clock);
  }

  @AfterEach
  void tearDown() {
    mail.close();
  }

  private List<String> mailsTo(String address) throws IOException {
    mail.deliverNow();
    Path box = dir.resolve("mail").resolve(address).resolve("new");
    if (!Files.isDirectory(box)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(box)) {
      return s.sorted()
          .map(
              p -> {
                try {
                  return Files.readString(p);
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              })
          .toList();
    }
  }

  @Test
  void aFaxToARoutedDidBecomesAMailWithTheCallsFacts() throws Exception {
    terminals.nextReceivers(
        new FakeTerminals.Script(
            2, FaxStatus.OK, SignalRate.V29_9600, false, "+1 555 0100", false));
    Incoming c = new Incoming("16045557977", "5550100", "ACME", false);
    answerer.incoming(c);
    assertThat(c.rejected).isNull();
    assertThat(terminals.made.get(0).config().localId()).isEqualTo("+1 604 555 7977");
    c.run(2, -1);
    assertThat(lines.lines().get(0).state().text()).isEqualTo("receiving from +1 555 0100, page 2");
    c.run(10, -1);
    assertThat(c.ourHangup).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(lines.lines().get(0).state().text()).isEqualTo("idle");
    List<String> got = mailsTo("alice@example.com");
    assertThat(got).hasSize(1);
    String m = got.get(0);
    assertThat(m).contains("Subject: Fax received from \"+1 555 0100\"");
    assertThat(m).containsPattern("Pages: 2");
    assertThat(m).containsPattern("Signal Rate: 9600 bit/s");
    assertThat(m).containsPattern("Data Format: 2-D MMR");
    assertThat(m).containsPattern("Error Correct: No");
    assertThat(m).containsPattern("CallID1: 5550100");
    assertThat(m).containsPattern("CallID2: ACME");
    assertThat(m).containsPattern("Received On: pbx/1");
    assertThat(mailsTo("faxmaster@example.com")).isEmpty();
    List<String> xfer = Files.readAllLines(dir.resolve("xferfaxlog"));
    assertThat(xfer).hasSize(1);
    String[] f = xfer.get(0).split("\t");
    assertThat(f[1]).isEqualTo("RECV");
    assertThat(m).contains("CommID: " + f[2]);
    assertThat(f[4]).isEqualTo("recvq/fax" + f[2] + ".tif");
    assertThat(f[10]).isEqualTo("2");
    assertThat(Files.exists(dir.resolve("recvq/fax" + f[2] + ".tif"))).isTrue();
    assertThat(Files.readString(dir.resolve("log/c" + f[2])))
        .contains("ANSWER: DID \"6045557977\" caller \"5550100\"");
  }

  @Test
  void aRejectedCallerIsRefusedBeforeAnswering() throws Exception {
    Incoming c = new Incoming("6045557977", "5550666", "", false);
    answerer.incoming(c);
    assertThat(c.rejected).isEqualTo(HangupCause.CALL_REJECTED);
    assertThat(c.listener).isNull();
    assertThat(terminals.made).isEmpty();
    assertThat(lines.lines().get(0).state().text()).isEqualTo("idle");
  }

  @Test
  void aRejectedTsiEndsTheCallAfterPhaseBWithDcn() throws Exception {
    terminals.nextReceivers(FakeTerminals.Script.ok().withRemoteId("JUNK FAX"));
    Incoming c = new Incoming("6045557977", "5550100", "", false);
    answerer.incoming(c);
    assertThat(c.rejected).isNull();
    c.run(20, -1);
    FakeTerminals.Terminal t = terminals.made.get(0).terminal();
    assertThat(t.aborted).isTrue();
    assertThat(t.result().status()).isEqualTo(FaxStatus.LOCAL_HANGUP);
    assertThat(t.result().pages()).isZero();
    assertThat(mailsTo("alice@example.com")).isEmpty();
    assertThat(mailsTo("faxmaster@example.com")).isEmpty();
  }

  @Test
  void aCallerWhoHangsUpMidFaxLeavesAPartialReceptionReportedToFaxMaster() throws Exception {
    terminals.nextReceivers(
        new FakeTerminals.Script(1, FaxStatus.OK, SignalRate.V17_14400, true, "+1 555 0100", true));
    Incoming c = new Incoming("6045557977", "5550100", "", false);
    answerer.incoming(c);
    c.run(10, 5);
    List<String> toAlice = mailsTo("alice@example.com");
    assertThat(toAlice).hasSize(1);
    assertThat(toAlice.get(0)).containsPattern("Pages: 1");
    List<String> toMaster = mailsTo("faxmaster@example.com");
    assertThat(toMaster).hasSize(1);
    assertThat(toMaster.get(0)).contains(FaxStatus.REMOTE_DISCONNECTED.text());
    try (Stream<Path> s = Files.list(dir.resolve("recvq"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".tif"))).hasSize(1);
    }
  }

  @Test
  void overTheInboundPageLimitTheCallEndsWithDcnAndFaxMasterIsTold() throws Exception {
    answerer.setLimits(
        new org.faxgw.gateway.policy.InboundLimits(
            2, java.time.Duration.ZERO, 0, java.time.Duration.ofHours(1)));
    terminals.nextReceivers(
        new FakeTerminals.Script(
            5, FaxStatus.OK, SignalRate.V17_14400, true, "+1 555 0100", false));
    Incoming c = new Incoming("6045557977", "5550100", "", false);
    answerer.incoming(c);
    c.run(20, -1);
    FakeTerminals.Terminal t = terminals.made.get(0).terminal();
    assertThat(t.aborted).isTrue();
    assertThat(t.result().pages()).isEqualTo(2);
    assertThat(mailsTo("alice@example.com")).hasSize(1);
    List<String> toMaster = mailsTo("faxmaster@example.com");
    assertThat(toMaster).hasSize(1);
    assertThat(toMaster.get(0)).contains("inbound limit: 2 pages per call reached");
  }

  @Test
  void aCallerOverTheRateLimitIsRejectedBeforeAnswering() throws Exception {
    answerer.setLimits(
        new org.faxgw.gateway.policy.InboundLimits(
            0, java.time.Duration.ZERO, 1, java.time.Duration.ofHours(1)));
    terminals.nextReceivers(FakeTerminals.Script.ok());
    Incoming first = new Incoming("6045557977", "5550100", "", false);
    answerer.incoming(first);
    assertThat(first.rejected).isNull();
    first.run(20, -1);
    Incoming second = new Incoming("6045557977", "5550100", "", false);
    answerer.incoming(second);
    assertThat(second.rejected).isEqualTo(HangupCause.CALL_REJECTED);
  }

  @Test
  void aRestrictedCallerIdIsNotShownOrMatched() throws Exception {
    terminals.nextReceivers(FakeTerminals.Script.failAfter(1, FaxStatus.OK));
    Incoming c = new Incoming("6045557977", "5550666", "SPAMMER", true);
    answerer.incoming(c);
    assertThat(c.rejected).isNull();
    c.run(20, -1);
    List<String> got = mailsTo("alice@example.com");
    assertThat(got).hasSize(1);
    assertThat(got.get(0)).doesNotContain("5550666").doesNotContain("SPAMMER");
  }

  @Test
  void aSecondCallWhileTheOnlyLineIsBusyIsRefusedWithCongestion() throws Exception {
    Incoming a = new Incoming("6045557977", "5550100", "", false);
    answerer.incoming(a);
    Incoming b = new Incoming("6045557977", "5550101", "", false);
    answerer.incoming(b);
    assertThat(b.rejected).isEqualTo(HangupCause.CONGESTION);
    a.run(20, -1);
    Incoming c = new Incoming("6045557977", "5550102", "", false);
    answerer.incoming(c);
    assertThat(c.rejected).isNull();
  }
}
