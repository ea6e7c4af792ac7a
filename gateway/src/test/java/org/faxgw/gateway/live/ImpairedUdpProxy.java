package org.faxgw.gateway.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bad network between two UDP peers on 127.0.0.1, for tests: A sends to {@link #front()}, the
 * proxy forwards from its back socket to B, and B's replies go back to A. Every datagram is lost
 * with probability {@code loss}, sent twice with probability {@code duplicate}, and delayed by a
 * uniform random 0..{@code jitterMillis} (which reorders datagrams sent closer together than the
 * jitter). Optionally the first {@code dropFirstFull} IAX2 full frames of each direction are lost
 * (to force retransmissions). Seeded, so a run can be repeated. {@link
 * #ImpairedUdpProxy(InetSocketAddress, Impairment, Impairment)} impairs each direction on its own,
 * each with its own random sequence (so that one direction's drops do not depend on how the other's
 * datagrams interleave).
 */
public final class ImpairedUdpProxy implements AutoCloseable {
  /**
   * The impairments.
   *
   * @param loss probability a datagram is lost
   * @param duplicate probability a datagram is delivered twice
   * @param jitterMillis each datagram is delayed by a uniform 0..jitterMillis
   * @param dropFirstFull IAX2 full frames lost at the start of each direction
   * @param seed random seed
   */
  public record Impairment(
      double loss, double duplicate, int jitterMillis, int dropFirstFull, long seed) {
    /**
     * 1% loss, 1% duplication, 50 ms jitter (so reordering), the first full frame each way lost.
     */
    public static Impairment bad(long seed) {
      return new Impairment(0.01, 0.01, 50, 1, seed);
    }

    /** A perfect network. */
    public static Impairment none() {
      return new Impairment(0, 0, 0, 0, 0);
    }

    /** Only loss: each datagram lost with probability {@code loss}, nothing else. */
    public static Impairment lossOnly(double loss, long seed) {
      return new Impairment(loss, 0, 0, 0, seed);
    }
  }

  /** Counters of one direction. */
  public static final class Stats {
    public final AtomicLong received = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong droppedFull = new AtomicLong();
    public final AtomicLong duplicated = new AtomicLong();

    @Override
    public String toString() {
      return received
          + " in, "
          + dropped
          + " lost ("
          + droppedFull
          + " full), "
          + duplicated
          + " doubled";
    }
  }

  private final DatagramChannel front;
  private final DatagramChannel back;
  private final InetSocketAddress target;
  private final Impairment toTargetImp;
  private final Impairment toClientImp;
  private final SplittableRandom toTargetRandom;
  private final SplittableRandom toClientRandom;
  private final ScheduledExecutorService delayer;
  private final Thread[] readers = new Thread[2];
  private volatile SocketAddress client;
  private volatile boolean open = true;
  public final Stats toTarget = new Stats();
  public final Stats toClient = new Stats();

  /** The same impairment both ways, from one random sequence. */
  public ImpairedUdpProxy(InetSocketAddress target, Impairment imp) {
    this(target, imp, imp, new SplittableRandom(imp.seed()), null);
  }

  /**
   * {@code toTarget} on the datagrams A sends to B, {@code toClient} on B's replies, each direction
   * with its own random sequence seeded by its impairment's seed.
   */
  public ImpairedUdpProxy(InetSocketAddress target, Impairment toTarget, Impairment toClient) {
    this(
        target,
        toTarget,
        toClient,
        new SplittableRandom(toTarget.seed()),
        new SplittableRandom(toClient.seed()));
  }

  private ImpairedUdpProxy(
      InetSocketAddress target,
      Impairment toTarget,
      Impairment toClient,
      SplittableRandom toTargetRandom,
      SplittableRandom toClientRandom) {
    this.target = target;
    this.toTargetImp = toTarget;
    this.toClientImp = toClient;
    this.toTargetRandom = toTargetRandom;
    this.toClientRandom = toClientRandom == null ? toTargetRandom : toClientRandom;
    try {
      front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
      back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    delayer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "impaired-proxy-delay");
              t.setDaemon(true);
              return t;
            });
    readers[0] = reader("impaired-proxy-front", front, true);
    readers[1] = reader("impaired-proxy-back", back, false);
  }

  /** Where A sends (a peer address for the endpoint under test). */
  public InetSocketAddress front() {
    try {
      return (InetSocketAddress) front.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Thread reader(String name, DatagramChannel in, boolean fromClient) {
    Thread t =
        new Thread(
            () -> {
              ByteBuffer buf = ByteBuffer.allocate(65536);
              Stats stats = fromClient ? toTarget : toClient;
              while (open) {
                try {
                  buf.clear();
                  SocketAddress from = in.receive(buf);
                  if (from == null) {
                    continue;
                  }
                  buf.flip();
                  byte[] d = new byte[buf.remaining()];
                  buf.get(d);
                  if (fromClient) {
                    client = from;
                  }
                  forward(d, fromClient, stats);
                } catch (IOException e) {
                  return; // closed
                }
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private synchronized void forward(byte[] d, boolean fromClient, Stats stats) {
    stats.received.incrementAndGet();
    Impairment imp = fromClient ? toTargetImp : toClientImp;
    SplittableRandom random = fromClient ? toTargetRandom : toClientRandom;
    boolean full = d.length >= 12 && (d[0] & 0x80) != 0;
    if (full && stats.droppedFull.get() < imp.dropFirstFull()) {
      stats.droppedFull.incrementAndGet();
      stats.dropped.incrementAndGet();
      return;
    }
    if (random.nextDouble() < imp.loss()) {
      stats.dropped.incrementAndGet();
      return;
    }
    int copies = random.nextDouble() < imp.duplicate() ? 2 : 1;
    if (copies == 2) {
      stats.duplicated.incrementAndGet();
    }
    for (int i = 0; i < copies; i++) {
      long delay = imp.jitterMillis() == 0 ? 0 : random.nextInt(imp.jitterMillis() + 1);
      delayer.schedule(() -> send(d, fromClient), delay, TimeUnit.MILLISECONDS);
    }
  }

  private void send(byte[] d, boolean fromClient) {
    try {
      if (fromClient) {
        back.send(ByteBuffer.wrap(d), target);
      } else if (client != null) {
        front.send(ByteBuffer.wrap(d), client);
      }
    } catch (IOException e) {
      // closed or unreachable: as a network would, lose it
    }
  }

  @Override
  public void close() {
    open = false;
    delayer.shutdownNow();
    try {
      front.close();
      back.close();
    } catch (IOException e) {
      // closing
    }
    for (Thread t : readers) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
