package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.faxgw.gateway.analyze.CallAnalyzer;
import org.faxgw.gateway.analyze.TimelineEvent;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.IncomingCall;
import org.faxgw.iax2.transport.Iax2EndpointConfig;
import org.faxgw.iax2.transport.NettyIax2Endpoint;
import org.junit.jupiter.api.Test;

/**
 * HylaFAX's sendfax sends a fax out through a real iaxmodem whose {@code server} is faxgw, which
 * demands MD5 of its user: with the right secret the call is authenticated, offered with its called
 * number and user, answered, and our receiver hears the caller's CNG (T.30 4.1); with the wrong
 * secret it is refused before anything reaches the gateway.
 */
class IaxmodemCallsFaxgwIT {
  private static final String USER = "modem-out";
  private static final String SECRET = "s3cret-out";

  private static Path document() throws Exception {
    return Path.of(IaxmodemCallsFaxgwIT.class.getResource("fax1.ps").toURI());
  }

  @Test
  void authenticatedCallIsAnsweredAndWeHearCng() throws Exception {
    int faxgwPort = LabPorts.freeUdpPort();
    Iax2EndpointConfig config =
        Iax2EndpointConfig.of(new InetSocketAddress("127.0.0.1", faxgwPort))
            .withUsers(List.of(Iax2EndpointConfig.User.of(USER, SECRET)));
    try (NettyIax2Endpoint faxgw = NettyIax2Endpoint.start(config);
        FaxLab lab = FaxLab.create()) {
      RecordingAudio audio = new RecordingAudio(20, false);
      CallEvents events = new CallEvents();
      AtomicReference<IncomingCall> offered = new AtomicReference<>();
      AtomicReference<Iax2Call> answered = new AtomicReference<>();
      CountDownLatch offer = new CountDownLatch(1);
      faxgw.onIncoming(
          in -> {
            offered.set(in);
            answered.set(in.answer(audio, events));
            offer.countDown();
          });
      FaxLab.IaxModem modem =
          lab.startModem(
              IaxModemConfig.dialing(LabPorts.freeUdpPort(), "127.0.0.1:" + faxgwPort)
                  .withRegistration(0, USER, SECRET));
      lab.startFaxgetty(modem, ModemProfile.DEFAULT, "+1.555.555.0100");
      lab.startQueue();
      lab.sendfax(modem, "5550199", document());
      assertThat(offer.await(90, TimeUnit.SECONDS))
          .as("a call offered; lab:\n%s", lab.diagnostics())
          .isTrue();
      IncomingCall in = offered.get();
      assertThat(in.peer()).isEqualTo(USER);
      assertThat(in.calledNumber()).isEqualTo("5550199");
      assertThat(in.callingNumber()).isEqualTo(modem.config().cidNumber());
      assertThat(in.remoteAddress()).isEqualTo(modem.address());
      assertThat(events.answered.await(10, TimeUnit.SECONDS)).isTrue();
      // CNG: 0.5 s on, 3 s off, from the moment the modem dials. Wait for 5 s of audio.
      FaxLab.await(
          "5 s of audio",
          Duration.ofSeconds(30),
          () -> audio.heard().length >= 5 * 8000 || events.ended.getCount() == 0,
          null);
      answered.get().hangup(HangupCause.NORMAL_CLEARING);
      assertThat(events.ended.await(10, TimeUnit.SECONDS)).isTrue();
      List<String> tones =
          CallAnalyzer.analyze(audio.heard(), CallAnalyzer.PageWriter.NONE).events().stream()
              .filter(e -> e instanceof TimelineEvent.Tone)
              .map(e -> ((TimelineEvent.Tone) e).tone())
              .toList();
      assertThat(tones).contains("CNG");
      assertThat(faxgw.stats().authFailures()).isZero();
    }
  }

  @Test
  void wrongSecretIsRejected() throws Exception {
    int faxgwPort = LabPorts.freeUdpPort();
    Iax2EndpointConfig config =
        Iax2EndpointConfig.of(new InetSocketAddress("127.0.0.1", faxgwPort))
            .withUsers(List.of(Iax2EndpointConfig.User.of(USER, SECRET)));
    try (NettyIax2Endpoint faxgw = NettyIax2Endpoint.start(config);
        FaxLab lab = FaxLab.create()) {
      AtomicInteger offers = new AtomicInteger();
      faxgw.onIncoming(
          in -> {
            offers.incrementAndGet();
            in.reject(HangupCause.CALL_REJECTED);
          });
      FaxLab.IaxModem modem =
          lab.startModem(
              IaxModemConfig.dialing(LabPorts.freeUdpPort(), "127.0.0.1:" + faxgwPort)
                  .withRegistration(0, USER, "not-the-secret"));
      lab.startFaxgetty(modem, ModemProfile.DEFAULT, "+1.555.555.0100");
      lab.startQueue();
      int job = lab.sendfax(modem, "5550199", document());
      FaxLab.await(
          "faxgw refusing the MD5 answer",
          Duration.ofSeconds(90),
          () -> faxgw.stats().authFailures() >= 1,
          null);
      assertThat(offers.get()).isZero();
      assertThat(faxgw.activeCalls()).isZero();
      // HylaFAX sees the call fail; the job ends (one try, one dial).
      FaxLab.await("job " + job + " ended", Duration.ofSeconds(120), () -> lab.jobDone(job), null);
      assertThat(lab.jobFile(job)).doesNotContain("state:7");
    }
  }
}
