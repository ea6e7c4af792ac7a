package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.FixturePcap;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.modem.G711;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real iaxmodem caller replayed into our protocol object at the captured times: its NEW is
 * offered with the recorded numbers, we answer, and the audio our 20 ms media clock hands over
 * through the playout buffer (real loopback jitter of 12-28 ms) is the caller's audio byte for
 * byte, with no gap.
 */
class ReplayIaxmodemCallTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"s-v17-ecm-mmr-alaw-3p", "s-v17-noecm-mr-alaw-1p", "s-v27ter-4800-mr-alaw-1p"})
  void theCallersAudioComesOutOfThePlayoutBufferByteForByte(String name) throws Exception {
    List<FixturePcap.Datagram> capture = FixturePcap.read(name);
    InetSocketAddress caller = new InetSocketAddress("127.0.0.1", 4570);
    ProtocolConfig cfg =
        ProtocolConfig.of(
            List.of(),
            List.of(
                new ProtocolConfig.User(
                    "iaxmodem0", "", Set.of(), List.of(MediaFormat.ALAW), false, 60)),
            ProtocolCallTest.KEY);
    List<ProtocolEvent> events = new ArrayList<>();
    Iax2Protocol p =
        new Iax2Protocol(
            cfg,
            new ProtocolOutput() {
              @Override
              public void send(InetSocketAddress to, byte[] datagram) {}

              @Override
              public void event(ProtocolEvent e) {
                events.add(e);
              }
            },
            new java.util.Random(1),
            0);
    ByteArrayOutputStream heard = new ByteArrayOutputStream();
    long[] lostWhileHearing = {0};
    CallAudio audio =
        new CallAudio() {
          final byte[] alaw = new byte[BLOCK];
          long pendingLoss;

          @Override
          public void played(short[] s, int off, int len) {
            boolean idle = true;
            for (int i = 0; i < len; i++) {
              idle &= s[off + i] == 0; // A-law has no exact zero: zeros are the idle start-up
            }
            if (!idle) {
              lostWhileHearing[0] += heard.size() > 0 ? pendingLoss : 0;
              pendingLoss = 0;
              G711.encodeAlaw(s, off, alaw, 0, len);
              heard.write(alaw, 0, len);
            }
          }

          @Override
          public void lost(int samples) {
            pendingLoss++; // counted only if audio follows (the end of the call is no gap)
          }

          @Override
          public void next(short[] out, int off, int len) {}
        };
    long t0 = capture.get(0).timeMicros();
    CallId call = null;
    long nextTick = -1;
    long lastMillis = 0;
    for (FixturePcap.Datagram d : capture) {
      if (d.sourcePort() != 4570) {
        continue;
      }
      long now = (d.timeMicros() - t0) / 1000;
      while (call != null && nextTick <= now) {
        p.tick(nextTick);
        p.media(call, audio, nextTick);
        nextTick += 20;
      }
      byte[] b = d.payload().clone();
      if (call != null && (b[0] & 0x80) != 0 && ((b[2] & 0x7F) | b[3]) != 0) {
        // The replayed caller addressed the recorded callee's call number: give it ours.
        b[2] = (byte) ((b[2] & 0x80) | (call.localCall() >> 8));
        b[3] = (byte) call.localCall();
      }
      p.receive(b, caller, now);
      lastMillis = now;
      if (call == null && !events.isEmpty()) {
        ProtocolEvent.IncomingCall ic = (ProtocolEvent.IncomingCall) events.get(0);
        assertThat(ic.calledNumber()).isEqualTo("5550101");
        assertThat(ic.callingNumber()).isEqualTo("5550100");
        assertThat(ic.callingName()).isEqualTo("IAXmodem 0");
        assertThat(ic.format()).isEqualTo(MediaFormat.ALAW);
        call = ic.call();
        p.ringing(call, now); // as iaxmodem does: the replayed caller's ISeqno then fits ours
        p.answer(call, now);
        nextTick = now + 20;
      }
    }
    for (int i = 0; i < 100; i++) { // play out what is still buffered
      p.media(call, audio, lastMillis + 20L * i);
    }
    Path want =
        FixturePcap.pcap(name).getParent().resolve("audio").resolve("ttyIAX0_to_ttyIAX1.alaw");
    byte[] expected = Files.readAllBytes(want);
    assertThat(p.isUp(call)).as("the replayed caller acknowledged all we sent").isTrue();
    assertThat(p.playoutStats(call).droppedForDrift() + p.playoutStats(call).insertedForDrift())
        .isZero();
    assertThat(lostWhileHearing[0]).isZero();
    assertThat(heard.size()).isEqualTo(expected.length);
    assertThat(java.util.Arrays.equals(heard.toByteArray(), expected)).isTrue();
    assertThat(p.stats().internalErrors()).isZero();
    assertThat(p.playoutStats(call).gaps()).isLessThanOrEqualTo(100); // only after the end
  }
}
