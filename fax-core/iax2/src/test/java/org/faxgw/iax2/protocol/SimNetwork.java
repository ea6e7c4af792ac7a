package org.faxgw.iax2.protocol;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.BiPredicate;
import org.faxgw.iax2.CallAudio;

/**
 * A scripted IP network in virtual time (microseconds) between protocol objects: delay, jitter,
 * random loss, duplication and reordering from a seeded generator, plus scripted drops. Each node
 * ticks its protocol every 10 ms and drives the media of its calls on its own 20 ms clock, which
 * may run fast or slow (ppm) to model a far clock.
 */
final class SimNetwork {
  final Random random;
  long nowMicros;
  double loss;
  double duplicate;
  long delayMicros = 1000;
  long jitterMicros;

  /** Scripted drop: (from node, datagram) → true to lose it. */
  BiPredicate<Node, byte[]> drop = (n, b) -> false;

  private long seq;
  private final PriorityQueue<Action> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final Map<InetSocketAddress, Node> nodes = new HashMap<>();
  long delivered;
  long lost;

  private record Action(long at, long seq, Runnable run) {}

  SimNetwork(long seed) {
    this.random = new Random(seed);
  }

  long nowMillis() {
    return nowMicros / 1000;
  }

  Node node(String host, int port, ProtocolConfig config) {
    Node n = new Node(new InetSocketAddress(host, port));
    n.protocol = new Iax2Protocol(config, n, new Random(random.nextLong()), nowMillis());
    nodes.put(n.address, n);
    schedule(nowMicros + 10_000, n::tick);
    return n;
  }

  void schedule(long at, Runnable r) {
    queue.add(new Action(at, seq++, r));
  }

  /** Runs every action due up to {@code untilMicros} (bounded: it is virtual time). */
  void runUntil(long untilMicros) {
    while (!queue.isEmpty() && queue.peek().at <= untilMicros) {
      Action a = queue.poll();
      nowMicros = a.at;
      a.run.run();
    }
    nowMicros = untilMicros;
  }

  void runFor(long millis) {
    runUntil(nowMicros + millis * 1000);
  }

  /** Injects a datagram as if {@code from} had sent it to {@code to}. */
  void inject(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
    Node dst = nodes.get(to);
    if (dst != null) {
      dst.protocol.receive(datagram, from, nowMillis());
    }
  }

  final class Node implements ProtocolOutput {
    final InetSocketAddress address;
    Iax2Protocol protocol;
    final List<ProtocolEvent> events = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();

    /** Media clock: period of 20 ms times (1 - ppm/1e6) in our microseconds. */
    double ppm;

    boolean recordSent;

    Node(InetSocketAddress address) {
      this.address = address;
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
      if (recordSent) {
        sent.add(datagram);
      }
      if (drop.test(this, datagram) || random.nextDouble() < loss) {
        lost++;
        return;
      }
      int copies = random.nextDouble() < duplicate ? 2 : 1;
      for (int i = 0; i < copies; i++) {
        long at =
            nowMicros
                + delayMicros
                + (jitterMicros > 0 ? (long) (random.nextDouble() * jitterMicros) : 0);
        schedule(
            at,
            () -> {
              Node dst = nodes.get(to);
              if (dst != null) {
                delivered++;
                dst.protocol.receive(datagram, address, nowMillis());
              }
            });
      }
    }

    /** Reacts to events (scheduled after the protocol call returns, as a transport would). */
    java.util.function.Consumer<ProtocolEvent> onEvent = e -> {};

    @Override
    public void event(ProtocolEvent e) {
      events.add(e);
      schedule(nowMicros, () -> onEvent.accept(e));
    }

    /** Answers every incoming call and drives media with fresh audio on both sides. */
    Node answering(
        java.util.function.Supplier<CallAudio> audio, java.util.Map<CallId, CallAudio> audios) {
      onEvent =
          e -> {
            if (e instanceof ProtocolEvent.IncomingCall ic) {
              protocol.answer(ic.call(), nowMillis());
              CallAudio a = audio.get();
              audios.put(ic.call(), a);
              drive(ic.call(), a);
            }
          };
      return this;
    }

    void tick() {
      protocol.tick(nowMillis());
      schedule(nowMicros + 10_000, this::tick);
    }

    /** Drives {@code audio} every 20 ms of this node's clock while the call is up. */
    void drive(CallId call, CallAudio audio) {
      long period = Math.round(20_000 * (1 - ppm / 1e6));
      long start = nowMicros;
      step(call, audio, start, 0, period);
    }

    private void step(CallId call, CallAudio audio, long start, long n, long period) {
      schedule(
          start + n * period,
          () -> {
            if (protocol.format(call) == null) {
              return; // gone
            }
            protocol.media(call, audio, nowMillis());
            step(call, audio, start, n + 1, period);
          });
    }

    <T extends ProtocolEvent> List<T> events(Class<T> type) {
      List<T> out = new ArrayList<>();
      for (ProtocolEvent e : events) {
        if (type.isInstance(e)) {
          out.add(type.cast(e));
        }
      }
      return out;
    }

    <T extends ProtocolEvent> T last(Class<T> type) {
      List<T> l = events(type);
      return l.isEmpty() ? null : l.get(l.size() - 1);
    }
  }
}
