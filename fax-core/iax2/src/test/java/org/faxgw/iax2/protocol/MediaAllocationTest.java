package org.faxgw.iax2.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.Iax2FrameDecoder;
import org.junit.jupiter.api.Test;

/**
 * The 20 ms media path allocates nothing, as the modems do: two protocol objects with a call up
 * exchange mini frames (our audio encoded, sent, received, through the playout buffer, decoded and
 * played) and the bytes this thread allocates are counted ({@code
 * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}) over {@link #FRAMES} frames each
 * way after a warm-up. What is counted: {@link Iax2Protocol#media} on both ends and the delivery of
 * what they send ({@link Iax2Protocol#receive}). The protocols' 10 ms timers run between the steps,
 * not counted. The full VOICE frames (one every 65.536 s each way, RFC 5456 8.1.2) do allocate and
 * are in the count; {@link #BYTES_PER_FRAME} is the bound on the mean.
 */
class MediaAllocationTest {
  /** Frames each way after the warm-up: 200 s of call. */
  static final int FRAMES = 10_000;

  /** Warm-up frames, so that what is measured runs compiled. */
  static final int WARM_UP = 30_000;

  /**
   * The bound on the mean bytes allocated per 20 ms step (a frame each way); 1.07 measured here.
   * Before the frame pool and the lent datagram buffer (42f3533), the same harness measured 1603
   * bytes per step: per direction a voice record, three payload copies, a mini frame, a look-up
   * key, a datagram and a playout slot.
   */
  static final double BYTES_PER_FRAME = 4;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Datagrams in flight between the two protocols, copied into reused slots. */
  private static final class Wire {
    final byte[][] data = new byte[256][Iax2FrameDecoder.MAX_FRAME];
    final int[] length = new int[256];
    final Iax2Protocol[] to = new Iax2Protocol[256];
    final InetSocketAddress[] from = new InetSocketAddress[256];
    int count;

    void put(Iax2Protocol dst, InetSocketAddress src, byte[] b, int len) {
      if (count == data.length) {
        throw new IllegalStateException("wire full");
      }
      System.arraycopy(b, 0, data[count], 0, len);
      length[count] = len;
      to[count] = dst;
      from[count] = src;
      count++;
    }

    /** Delivers until nothing is in flight (answers to answers included), bounded. */
    void deliver(long now) {
      for (int round = 0; round < 100 && count > 0; round++) {
        int n = count;
        for (int i = 0; i < n; i++) {
          to[i].receive(data[i], length[i], from[i], now);
        }
        // what the deliveries sent was appended after the first n
        for (int i = n; i < count; i++) {
          System.arraycopy(data[i], 0, data[i - n], 0, length[i]);
          length[i - n] = length[i];
          to[i - n] = to[i];
          from[i - n] = from[i];
        }
        count -= n;
      }
    }
  }

  /** A node's output: datagrams onto the wire, events into a list. */
  private static final class Node implements ProtocolOutput {
    final Wire wire;
    final InetSocketAddress address;
    Iax2Protocol protocol;
    Node peer;
    final List<ProtocolEvent> events = new ArrayList<>();

    Node(Wire wire, InetSocketAddress address) {
      this.wire = wire;
      this.address = address;
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
      wire.put(peer.protocol, address, datagram, datagram.length);
    }

    @Override
    public void sendBorrowed(InetSocketAddress to, byte[] datagram, int len) {
      wire.put(peer.protocol, address, datagram, len);
    }

    @Override
    public void event(ProtocolEvent e) {
      events.add(e);
    }
  }

  /** A tone out, and what comes in only summed: no allocation of its own. */
  private static final class ToneAudio implements CallAudio {
    private final short[] table = new short[CallAudio.BLOCK];
    long played;
    long lost;
    long energy;

    ToneAudio(double hz) {
      for (int i = 0; i < table.length; i++) {
        table[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000));
      }
    }

    @Override
    public void played(short[] samples, int off, int len) {
      played++;
      for (int i = 0; i < len; i++) {
        energy += Math.abs(samples[off + i]);
      }
    }

    @Override
    public void lost(int samples) {
      lost++;
    }

    @Override
    public void next(short[] out, int off, int len) {
      System.arraycopy(table, 0, out, off, len);
    }
  }

  @Test
  void theTwentyMillisecondPathAllocatesNothingPerFrame() {
    Wire wire = new Wire();
    InetSocketAddress aAddr = new InetSocketAddress("127.0.0.1", 4570);
    InetSocketAddress bAddr = new InetSocketAddress("127.0.0.1", 4569);
    Node a = new Node(wire, aAddr);
    Node b = new Node(wire, bAddr);
    a.peer = b;
    b.peer = a;
    long now = 1_000;
    a.protocol =
        new Iax2Protocol(
            ProtocolCallTest.callerConfig(bAddr, "s3cret", true), a, new Random(1), now);
    b.protocol = new Iax2Protocol(ProtocolCallTest.calleeConfig(true), b, new Random(2), now);

    CallId callA = a.protocol.dial("b", "5550101", now);
    CallId callB = null;
    for (int i = 0; i < 500 && !(callB != null && a.protocol.isUp(callA)); i++) {
      now += 10;
      wire.deliver(now);
      a.protocol.tick(now);
      b.protocol.tick(now);
      wire.deliver(now);
      for (int k = 0; k < b.events.size(); k++) {
        if (b.events.get(k) instanceof ProtocolEvent.IncomingCall ic && callB == null) {
          callB = ic.call();
          b.protocol.answer(callB, now);
        }
      }
    }
    assertThat(callB).isNotNull();
    assertThat(a.protocol.isUp(callA)).isTrue();

    ToneAudio audioA = new ToneAudio(1100);
    ToneAudio audioB = new ToneAudio(1700);
    long[] counted = new long[1];
    for (int i = 0; i < WARM_UP; i++) {
      now = step(a, b, callA, callB, audioA, audioB, wire, now, counted);
    }
    long calibration = THREADS.getCurrentThreadAllocatedBytes();
    calibration = THREADS.getCurrentThreadAllocatedBytes() - calibration;
    counted[0] = 0;
    for (int i = 0; i < FRAMES; i++) {
      now = step(a, b, callA, callB, audioA, audioB, wire, now, counted);
    }
    double perFrame = (double) (counted[0] - (long) FRAMES * calibration) / FRAMES;
    System.out.printf(
        "media path: %d bytes in %d frames each way, %.3f bytes per frame (calibration %d)%n",
        counted[0], FRAMES, perFrame, calibration);

    // the audio went through: played, not lost, and not silence
    assertThat(audioA.played + audioB.played).isGreaterThan(2L * (WARM_UP + FRAMES) - 100);
    assertThat(audioA.lost + audioB.lost).isZero();
    assertThat(audioA.energy).isPositive();
    assertThat(audioB.energy).isPositive();
    assertThat(a.protocol.isUp(callA)).isTrue();
    assertThat(a.protocol.playoutStats(callA).gaps()).isZero();
    assertThat(perFrame).isLessThan(BYTES_PER_FRAME);
  }

  /** One 20 ms step: the media of both ends and their delivery counted, the timers after. */
  private static long step(
      Node a,
      Node b,
      CallId callA,
      CallId callB,
      CallAudio audioA,
      CallAudio audioB,
      Wire wire,
      long now,
      long[] counted) {
    now += 20;
    long before = THREADS.getCurrentThreadAllocatedBytes();
    a.protocol.media(callA, audioA, now);
    b.protocol.media(callB, audioB, now);
    wire.deliver(now);
    counted[0] += THREADS.getCurrentThreadAllocatedBytes() - before;
    a.protocol.tick(now);
    b.protocol.tick(now);
    wire.deliver(now);
    return now;
  }
}
