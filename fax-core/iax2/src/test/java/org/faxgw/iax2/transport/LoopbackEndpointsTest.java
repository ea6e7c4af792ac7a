package org.faxgw.iax2.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.MediaFormat;
import org.junit.jupiter.api.Test;

/** Two endpoints on 127.0.0.1: a call with MD5, audio both ways in order, and hangup. */
class LoopbackEndpointsTest {
  static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

  /** Audio whose every block carries its sequence number (slinear keeps it exact). */
  static final class CountingAudio implements CallAudio {
    final AtomicInteger sent = new AtomicInteger();
    final List<Integer> heard = new CopyOnWriteArrayList<>();
    final AtomicInteger lost = new AtomicInteger();

    @Override
    public void played(short[] samples, int off, int len) {
      if (samples[off] != 0) {
        heard.add((int) samples[off]);
      }
    }

    @Override
    public void lost(int samples) {
      lost.incrementAndGet();
    }

    @Override
    public void next(short[] out, int off, int len) {
      short v = (short) (1 + sent.getAndIncrement() % 30000);
      java.util.Arrays.fill(out, off, off + len, v);
    }
  }

  static final class Recorder implements CallListener {
    final CountDownLatch answered = new CountDownLatch(1);
    final CountDownLatch ended = new CountDownLatch(1);
    volatile MediaFormat format;
    volatile HangupCause cause;
    volatile boolean byRemote;
    final AtomicInteger endedCount = new AtomicInteger();

    @Override
    public void answered(MediaFormat f) {
      format = f;
      answered.countDown();
    }

    @Override
    public void ended(HangupCause c, boolean remote) {
      cause = c;
      byRemote = remote;
      endedCount.incrementAndGet();
      ended.countDown();
    }
  }

  @Test
  void callWithMd5AudioBothWaysAndHangup() throws Exception {
    Iax2EndpointConfig calleeConfig =
        Iax2EndpointConfig.of(ANY_PORT)
            .withUsers(List.of(Iax2EndpointConfig.User.of("faxgw-a", "sesame")));
    try (NettyIax2Endpoint callee = NettyIax2Endpoint.start(calleeConfig)) {
      Iax2EndpointConfig callerConfig =
          Iax2EndpointConfig.of(ANY_PORT)
              .withPeers(
                  List.of(
                      Iax2EndpointConfig.Peer.of("b", callee.localAddress())
                          .withLogin("faxgw-a", "sesame")
                          .withCodecs(List.of(MediaFormat.SLINEAR))));
      try (NettyIax2Endpoint caller = NettyIax2Endpoint.start(callerConfig)) {
        CountingAudio calleeAudio = new CountingAudio();
        Recorder calleeEvents = new Recorder();
        CountDownLatch offered = new CountDownLatch(1);
        String[] did = new String[1];
        callee.onIncoming(
            in -> {
              did[0] = in.calledNumber() + " from " + in.peer();
              offered.countDown();
              in.answer(calleeAudio, calleeEvents);
            });
        CountingAudio callerAudio = new CountingAudio();
        Recorder callerEvents = new Recorder();
        Iax2Call call = caller.dial("b", "5550101", callerAudio, callerEvents);
        assertThat(offered.await(10, TimeUnit.SECONDS)).as("NEW offered to the callee").isTrue();
        assertThat(did[0]).isEqualTo("5550101 from faxgw-a");
        assertThat(callerEvents.answered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(callerEvents.format).isEqualTo(MediaFormat.SLINEAR);
        assertThat(call.format()).isEqualTo(MediaFormat.SLINEAR);
        // Let about 100 frames flow each way (bounded wait, no timing asserted).
        for (int i = 0;
            i < 200 && (calleeAudio.heard.size() < 100 || callerAudio.heard.size() < 100);
            i++) {
          Thread.sleep(20);
        }
        assertThat(calleeAudio.heard).hasSizeGreaterThanOrEqualTo(100).isSorted();
        assertThat(callerAudio.heard).hasSizeGreaterThanOrEqualTo(100).isSorted();
        assertThat(calleeAudio.heard.get(0)).isLessThanOrEqualTo(5);
        assertThat(caller.activeCalls()).isEqualTo(1);
        call.hangup(HangupCause.NORMAL_CLEARING);
        assertThat(callerEvents.ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(calleeEvents.ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(callerEvents.byRemote).isFalse();
        assertThat(calleeEvents.byRemote).isTrue();
        assertThat(calleeEvents.cause.code()).isEqualTo(16);
        assertThat(callerEvents.endedCount.get()).isEqualTo(1);
        assertThat(caller.internalErrors()).isZero();
        assertThat(callee.internalErrors()).isZero();
      }
    }
  }

  @Test
  void wrongSecretIsRefused() throws Exception {
    Iax2EndpointConfig calleeConfig =
        Iax2EndpointConfig.of(ANY_PORT)
            .withUsers(List.of(Iax2EndpointConfig.User.of("faxgw-a", "sesame")));
    try (NettyIax2Endpoint callee = NettyIax2Endpoint.start(calleeConfig)) {
      callee.onIncoming(in -> in.answer(new CountingAudio(), new Recorder()));
      Iax2EndpointConfig callerConfig =
          Iax2EndpointConfig.of(ANY_PORT)
              .withPeers(
                  List.of(
                      Iax2EndpointConfig.Peer.of("b", callee.localAddress())
                          .withLogin("faxgw-a", "wrong")));
      try (NettyIax2Endpoint caller = NettyIax2Endpoint.start(callerConfig)) {
        Recorder events = new Recorder();
        caller.dial("b", "1", new CountingAudio(), events);
        assertThat(events.ended.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(events.answered.getCount()).isEqualTo(1);
        assertThat(events.byRemote).isTrue();
      }
    }
  }
}
