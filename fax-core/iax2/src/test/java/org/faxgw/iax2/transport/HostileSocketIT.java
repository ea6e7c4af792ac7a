package org.faxgw.iax2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.Iax2FrameEncoder;
import org.faxgw.iax2.IaxSubclass;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.transport.LoopbackEndpointsTest.CountingAudio;
import org.faxgw.iax2.transport.LoopbackEndpointsTest.Recorder;
import org.junit.jupiter.api.Test;

/**
 * Hostile input at the real socket: while 200 000 random, truncated and mutated datagrams and NEWs
 * without CALLTOKEN hit the listener, a legitimate call (with CALLTOKEN and MD5) is set up, carries
 * audio and hangs up; nothing escapes on the event loop, and the flood leaves no call state behind.
 */
class HostileSocketIT {
  @Test
  void floodOfGarbageAndTokenlessNewsWhileACallCompletes() throws Exception {
    Iax2EndpointConfig calleeConfig =
        Iax2EndpointConfig.of(LoopbackEndpointsTest.ANY_PORT)
            .withUsers(
                List.of(
                    new Iax2EndpointConfig.User(
                        "a",
                        "pw",
                        Iax2EndpointConfig.Auth.MD5,
                        List.of(org.faxgw.iax2.MediaFormat.ALAW),
                        true,
                        null)));
    try (NettyIax2Endpoint callee = NettyIax2Endpoint.start(calleeConfig);
        NettyIax2Endpoint caller =
            NettyIax2Endpoint.start(
                Iax2EndpointConfig.of(LoopbackEndpointsTest.ANY_PORT)
                    .withPeers(
                        List.of(
                            Iax2EndpointConfig.Peer.of("b", callee.localAddress())
                                .withLogin("a", "pw"))))) {
      CountingAudio heard = new CountingAudio();
      Recorder calleeEvents = new Recorder();
      callee.onIncoming(in -> in.answer(heard, calleeEvents));
      InetSocketAddress target = callee.localAddress();
      Thread flood = new Thread(() -> flood(target, 200_000), "hostile-flood");
      flood.start();
      Recorder events = new Recorder();
      Iax2Call call = caller.dial("b", "1", new CountingAudio(), events);
      assertThat(events.answered.await(60, TimeUnit.SECONDS))
          .as("answered during the flood")
          .isTrue();
      for (int i = 0; i < 500 && heard.heard.size() < 50; i++) {
        Thread.sleep(20);
      }
      assertThat(heard.heard).hasSizeGreaterThanOrEqualTo(50).isSorted();
      call.hangup(HangupCause.NORMAL_CLEARING);
      assertThat(events.ended.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(calleeEvents.ended.await(20, TimeUnit.SECONDS)).isTrue();
      flood.join(120_000);
      assertThat(flood.isAlive()).isFalse();
      assertThat(callee.internalErrors()).isZero();
      var stats = callee.stats();
      assertThat(stats.malformed() + stats.unknownCall() + stats.rejectedWithoutToken())
          .as("the flood reached the protocol")
          .isPositive();
      // Only the real call (now lingering) may be in the table; the tokenless NEWs made nothing.
      assertThat(callee.tableSize()).isLessThanOrEqualTo(2);
      assertThat(callee.activeCalls()).isZero();
    }
  }

  /** Random datagrams, truncated/mutated valid frames, and NEWs without a CALLTOKEN. */
  private static void flood(InetSocketAddress target, int count) {
    SplittableRandom r = new SplittableRandom(42);
    byte[] newFrame =
        Iax2FrameEncoder.iax(
            1,
            0,
            3,
            0,
            0,
            IaxSubclass.NEW,
            List.of(
                InformationElement.of(IeType.VERSION, 2, 2),
                InformationElement.of(IeType.USERNAME, "a"),
                InformationElement.of(IeType.CALLED_NUMBER, "666"),
                InformationElement.of(IeType.FORMAT, 8, 4)));
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < count; i++) {
        byte[] d;
        switch (i % 4) {
          case 0 -> {
            d = new byte[r.nextInt(0, 200)];
            r.nextBytes(d);
          }
          case 1 -> {
            d = java.util.Arrays.copyOf(newFrame, r.nextInt(0, newFrame.length + 1));
          }
          case 2 -> {
            d = newFrame.clone();
            for (int k = 0; k < 3; k++) {
              d[r.nextInt(d.length)] = (byte) r.nextInt(256);
            }
          }
          default -> {
            d = newFrame.clone();
            int call = 1 + r.nextInt(0x7FFE);
            d[0] = (byte) (0x80 | call >>> 8);
            d[1] = (byte) call;
          }
        }
        s.send(new DatagramPacket(d, d.length, target));
        if (i % 500 == 499) {
          // Bursts of 500 (about 50 KB) fit the kernel's default UDP receive buffer
          // (net.core.rmem_max, about 208 KB on Debian): larger bursts make the kernel drop
          // datagrams before faxgw sees them, the legitimate call's frames among them, and that
          // tests the kernel, not us. Content, not volume, is what this test throws at the
          // endpoint (HostileInputTest sends 1 000 000 datagrams through the protocol in memory).
          Thread.sleep(5);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
