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
import org.faxgw.iax2.media.VoiceCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real iaxmodem caller replayed into our protocol object at the captured times: its NEW is
 * offered with the recorded numbers, we answer, and the audio our 20 ms media clock hands over
 * through the playout buffer (real loopback jitter of 12-28 ms) is the caller's audio byte for
 * byte, with no gap, across the 16-bit timestamp wrap of the 66 s call. The replayed frames are
 * addressed to the recorded callee's call number, which the test rewrites to ours; with RINGING
 * sent as iaxmodem did, the caller's ISeqno acknowledges exactly what we send.
 */
class ReplayIaxmodemCallTest {
  static List<String> calls() {
    return FixturePcap.CALLS;
  }

  @ParameterizedTest
  @MethodSource("calls")
  void theCallersAudioComesOutOfThePlayoutBufferByteForByte(String name) throws Exception {
    List<FixturePcap.Datagram> capture = FixturePcap.read(name);
    InetSocketAddress caller = new InetSocketAddress("127.0.0.1", 4570);
    ProtocolConfig cfg =
        ProtocolConfig.of(
            List.of(),
            List.of(
                new ProtocolConfig.User(
                    "iaxmodem0",
                    "",
                    Set.of(),
                    List.of(MediaFormat.ALAW, MediaFormat.ULAW, MediaFormat.SLINEAR),
                    false,
                    60)),
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
    short[] last = new short[CallAudio.BLOCK];
    CallAudio audio =
        new CallAudio() {
          @Override
          public void played(short[] s, int off, int len) {
            System.arraycopy(s, off, last, 0, len);
          }

          @Override
          public void lost(int samples) {}

          @Override
          public void next(short[] out, int off, int len) {}
        };
    ByteArrayOutputStream heard = new ByteArrayOutputStream();
    long[] gapsWhileHearing = {0, 0}; // gaps seen, gaps not yet followed by audio
    CallId[] call = {null};
    MediaFormat[] format = {null};
    Runnable oneTick =
        () -> {
          long playedBefore = p.playoutStats(call[0]).played();
          long gapsBefore = p.playoutStats(call[0]).gaps();
          long now = nextTick[0];
          p.tick(now);
          p.media(call[0], audio, now);
          if (p.playoutStats(call[0]).played() > playedBefore) {
            byte[] b = new byte[VoiceCodec.octets(format[0], CallAudio.BLOCK)];
            VoiceCodec.encode(format[0], last, 0, CallAudio.BLOCK, b, 0);
            heard.write(b, 0, b.length);
            gapsWhileHearing[0] += gapsWhileHearing[1];
            gapsWhileHearing[1] = 0;
          } else if (p.playoutStats(call[0]).gaps() > gapsBefore && heard.size() > 0) {
            gapsWhileHearing[1]++; // counted only if audio follows (the end of the call is no gap)
          }
          nextTick[0] += 20;
        };
    long t0 = capture.get(0).timeMicros();
    long lastMillis = 0;
    for (FixturePcap.Datagram d : capture) {
      if (d.sourcePort() != 4570) {
        continue;
      }
      long now = (d.timeMicros() - t0) / 1000;
      while (call[0] != null && nextTick[0] <= now) {
        oneTick.run();
      }
      byte[] b = d.payload().clone();
      if (call[0] != null && (b[0] & 0x80) != 0 && ((b[2] & 0x7F) | b[3]) != 0) {
        // The replayed caller addressed the recorded callee's call number: give it ours.
        b[2] = (byte) ((b[2] & 0x80) | (call[0].localCall() >> 8));
        b[3] = (byte) call[0].localCall();
      }
      p.receive(b, caller, now);
      lastMillis = now;
      if (call[0] == null && !events.isEmpty()) {
        ProtocolEvent.IncomingCall ic = (ProtocolEvent.IncomingCall) events.get(0);
        assertThat(ic.calledNumber()).isEqualTo("5550101");
        assertThat(ic.callingNumber()).isEqualTo("5550100");
        assertThat(ic.callingName()).isEqualTo("IAXmodem 0");
        call[0] = ic.call();
        format[0] = ic.format();
        p.ringing(call[0], now); // as iaxmodem does: the replayed caller's ISeqno then fits ours
        p.answer(call[0], now);
        nextTick[0] = now + 20;
      }
    }
    while (nextTick[0] < lastMillis + 2000) { // play out what is still buffered
      oneTick.run();
    }
    Path dir = FixturePcap.pcap(name).getParent().resolve("audio");
    Path want;
    try (var files = Files.list(dir)) {
      want =
          files
              .filter(f -> f.getFileName().toString().startsWith("ttyIAX0_to_ttyIAX1."))
              .findFirst()
              .orElseThrow();
    }
    byte[] expected = Files.readAllBytes(want);
    assertThat(p.isUp(call[0])).as("the replayed caller acknowledged all we sent").isTrue();
    assertThat(
            p.playoutStats(call[0]).droppedForDrift() + p.playoutStats(call[0]).insertedForDrift())
        .isZero();
    assertThat(gapsWhileHearing[0]).isZero();
    assertThat(heard.size()).isEqualTo(expected.length);
    byte[] got = heard.toByteArray();
    if (format[0] == MediaFormat.ULAW) {
      // µ-law has two codes for zero (0x7F, 0xFF); after decoding we can only compare samples.
      short[] a = new short[expected.length];
      short[] e = new short[expected.length];
      VoiceCodec.decode(MediaFormat.ULAW, got, 0, got.length, a, 0, a.length);
      VoiceCodec.decode(MediaFormat.ULAW, expected, 0, expected.length, e, 0, e.length);
      assertThat(java.util.Arrays.equals(a, e)).isTrue();
    } else {
      assertThat(java.util.Arrays.equals(got, expected)).isTrue();
    }
    assertThat(p.stats().internalErrors()).isZero();
  }

  private final long[] nextTick = {-1};
}
