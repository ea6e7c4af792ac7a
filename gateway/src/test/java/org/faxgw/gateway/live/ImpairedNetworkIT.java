package org.faxgw.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faxgw.gateway.analyze.CallAnalyzer;
import org.faxgw.gateway.analyze.TimelineEvent;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.transport.Iax2EndpointConfig;
import org.faxgw.iax2.transport.NettyIax2Endpoint;
import org.junit.jupiter.api.Test;

/**
 * A bad network ({@link ImpairedUdpProxy}: 1% loss, 1% duplication, 0-50 ms jitter so datagrams are
 * reordered, and the first full frame of each direction lost) between two faxgw endpoints and
 * between faxgw and a real iaxmodem answered by HylaFAX: set-up and hangup complete through
 * retransmission, and the playout buffer hands audio over in timestamp order with every gap
 * reported.
 */
class ImpairedNetworkIT {
  /**
   * Sends blocks numbered 1, 2, 3 … (slinear keeps the number exact) and logs, tick by tick, what
   * the playout buffer handed over: the block number, 0 for silence it inserted, -1 for a gap.
   */
  static final class SequenceAudio implements CallAudio {
    private int sent;
    final List<Integer> ticks = new ArrayList<>();

    @Override
    public synchronized void played(short[] s, int off, int len) {
      ticks.add((int) s[off]);
    }

    @Override
    public synchronized void lost(int samples) {
      ticks.add(-1);
    }

    @Override
    public void next(short[] out, int off, int len) {
      java.util.Arrays.fill(out, off, off + len, (short) (++sent % 32000));
    }

    synchronized List<Integer> ticks() {
      return List.copyOf(ticks);
    }
  }

  @Test
  void endpointToEndpointThroughABadNetwork() throws Exception {
    try (NettyIax2Endpoint callee =
        NettyIax2Endpoint.start(
            Iax2EndpointConfig.of(new InetSocketAddress("127.0.0.1", 0))
                .withUsers(List.of(Iax2EndpointConfig.User.of("a", "pw"))))) {
      SequenceAudio heard = new SequenceAudio();
      CallEvents calleeEvents = new CallEvents();
      callee.onIncoming(in -> in.answer(heard, calleeEvents));
      try (ImpairedUdpProxy net =
              new ImpairedUdpProxy(callee.localAddress(), ImpairedUdpProxy.Impairment.bad(12));
          NettyIax2Endpoint caller =
              NettyIax2Endpoint.start(
                  Iax2EndpointConfig.of(new InetSocketAddress("127.0.0.1", 0))
                      .withPeers(
                          List.of(
                              Iax2EndpointConfig.Peer.of("b", net.front())
                                  .withLogin("a", "pw")
                                  .withCodecs(List.of(MediaFormat.SLINEAR)))))) {
        CallEvents events = new CallEvents();
        Iax2Call call = caller.dial("b", "1", new SequenceAudio(), events);
        assertThat(events.answered.await(30, TimeUnit.SECONDS)).as("answered").isTrue();
        FaxLab.await(
            "600 media ticks at the callee (12 s)",
            Duration.ofSeconds(60),
            () -> heard.ticks().size() >= 600,
            null);
        call.hangup(HangupCause.NORMAL_CLEARING);
        assertThat(events.ended.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(calleeEvents.ended.await(30, TimeUnit.SECONDS))
            .as("the callee hears our HANGUP; network %s / %s", net.toTarget, net.toClient)
            .isTrue();
        assertThat(calleeEvents.byRemote).isTrue();
        assertThat(caller.stats().retransmissions() + callee.stats().retransmissions())
            .as("the lost first full frames were sent again")
            .isGreaterThanOrEqualTo(2);

        List<Integer> t = heard.ticks();
        List<Integer> played = t.stream().filter(v -> v > 0).toList();
        assertThat(played).as("timestamp order").isSorted().doesNotHaveDuplicates();
        // Every frame that did not come out is a reported gap (or inserted silence): between two
        // played blocks a and b, at least b - a - 1 ticks were gaps or silence.
        int lastIndex = -1;
        int last = 0;
        for (int i = 0; i < t.size(); i++) {
          int v = t.get(i);
          if (v > 0) {
            if (lastIndex >= 0) {
              assertThat(i - lastIndex - 1)
                  .as("ticks between block %d and block %d", last, v)
                  .isGreaterThanOrEqualTo(v - last - 1);
            }
            lastIndex = i;
            last = v;
          }
        }
        assertThat(net.toTarget.dropped.get()).as("the network did lose voice").isGreaterThan(1);
        assertThat(t).as("gaps reported").contains(-1);
        assertThat(caller.internalErrors() + callee.internalErrors()).isZero();
      }
    }
  }

  @Test
  void faxgwToIaxmodemThroughABadNetwork() throws Exception {
    try (FaxLab lab = FaxLab.create()) {
      int modemPort = LabPorts.freeUdpPort();
      FaxLab.IaxModem modem = lab.startModem(IaxModemConfig.dialing(modemPort, "127.0.0.1:4569"));
      lab.startFaxgetty(modem, ModemProfile.DEFAULT, "+1.555.555.0101");
      try (ImpairedUdpProxy net =
              new ImpairedUdpProxy(
                  new InetSocketAddress("127.0.0.1", modemPort),
                  ImpairedUdpProxy.Impairment.bad(7));
          NettyIax2Endpoint faxgw =
              NettyIax2Endpoint.start(
                  Iax2EndpointConfig.of(new InetSocketAddress("127.0.0.1", 0))
                      .withPeers(
                          List.of(
                              Iax2EndpointConfig.Peer.of("modem", net.front())
                                  .withCodecs(List.of(MediaFormat.ALAW)))))) {
        RecordingAudio audio = new RecordingAudio(20, true);
        CallEvents events = new CallEvents();
        Iax2Call call = faxgw.dial("modem", "5550101", audio, events);
        assertThat(events.answered.await(30, TimeUnit.SECONDS))
            .as(
                "answered; network %s / %s; lab:\n%s",
                net.toTarget, net.toClient, lab.diagnostics())
            .isTrue();
        FaxLab.await(
            "9 s of audio",
            Duration.ofSeconds(40),
            () -> audio.heard().length >= 9 * 8000 || events.ended.getCount() == 0,
            null);
        call.hangup(HangupCause.NORMAL_CLEARING);
        assertThat(events.ended.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(faxgw.stats().retransmissions()).isGreaterThanOrEqualTo(1);
        // iaxmodem took the HANGUP: its modem goes back to idle (faxgetty re-initialises it).
        FaxLab.await(
            "HylaFAX back to idle after the call",
            Duration.ofSeconds(60),
            () -> lab.sessionLogs().values().stream().anyMatch(l -> l.contains("SESSION END")),
            null);
        if (net.toClient.dropped.get() > net.toClient.droppedFull.get()) {
          assertThat(audio.lostBlocks()).as("lost voice reported as gaps").isPositive();
        }
        List<String> tones =
            CallAnalyzer.analyze(audio.heard(), CallAnalyzer.PageWriter.NONE).events().stream()
                .filter(e -> e instanceof TimelineEvent.Tone)
                .map(e -> ((TimelineEvent.Tone) e).tone())
                .toList();
        assertThat(tones).contains("CED");
        assertThat(faxgw.internalErrors()).isZero();
      }
    }
  }
}
