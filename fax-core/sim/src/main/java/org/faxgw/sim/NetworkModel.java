package org.faxgw.sim;

import java.util.PriorityQueue;
import java.util.Random;

/**
 * A one-way IP path in virtual time: packets are {@link #send sent} at a time in milliseconds and
 * {@link #poll polled} when the caller's clock has reached their arrival time, in arrival order.
 * Loss follows a Gilbert–Elliott chain, delay is fixed plus |Gaussian| jitter (so packets may be
 * reordered), and some packets are duplicated ({@link NetworkModelConfig}). Belongs to one thread.
 *
 * @param <T> the packet type (e.g. a datagram's bytes); packets are passed on, not copied
 */
public final class NetworkModel<T> {
  private record InFlight<T>(T packet, double arrivalMs, long order) {}

  private final NetworkModelConfig config;
  private final Random lossRandom;
  private final Random delayRandom;
  private final double goodToBad;
  private final double badToGood;
  private final PriorityQueue<InFlight<T>> inFlight =
      new PriorityQueue<>(
          (a, b) ->
              a.arrivalMs != b.arrivalMs
                  ? Double.compare(a.arrivalMs, b.arrivalMs)
                  : Long.compare(a.order, b.order));

  private boolean bad;
  private long order;
  private long sent;
  private long lost;
  private long duplicated;
  private long delivered;
  private long reordered;
  private long lastDeliveredOrder = -1;

  public NetworkModel(NetworkModelConfig config) {
    this.config = config;
    this.lossRandom = new Random(config.seed());
    this.delayRandom = new Random(config.seed() * 7919 + 1);
    // Gilbert–Elliott: bad state loses everything; mean burst 1/r; steady-state loss p/(p+r)
    this.badToGood = 1.0 / config.meanLossBurst();
    double l = config.lossRate();
    this.goodToBad = l == 0 ? 0 : badToGood * l / (1 - l);
  }

  public NetworkModelConfig config() {
    return config;
  }

  /** Sends {@code packet} at {@code nowMs}. */
  public void send(T packet, double nowMs) {
    sent++;
    bad = bad ? lossRandom.nextDouble() >= badToGood : lossRandom.nextDouble() < goodToBad;
    if (bad) {
      lost++;
      return;
    }
    inFlight.add(new InFlight<>(packet, nowMs + delay(), order++));
    if (config.duplicateRate() > 0 && lossRandom.nextDouble() < config.duplicateRate()) {
      duplicated++;
      inFlight.add(new InFlight<>(packet, nowMs + delay(), order++));
    }
  }

  private double delay() {
    return config.delayMs() + Math.abs(delayRandom.nextGaussian()) * config.jitterMs();
  }

  /** The next packet that has arrived by {@code nowMs}, or null. */
  public T poll(double nowMs) {
    InFlight<T> head = inFlight.peek();
    if (head == null || head.arrivalMs > nowMs) {
      return null;
    }
    inFlight.poll();
    delivered++;
    if (head.order < lastDeliveredOrder) {
      reordered++;
    } else {
      lastDeliveredOrder = head.order;
    }
    return head.packet;
  }

  /** Arrival time of the next packet in flight, or +∞ when none. */
  public double nextArrivalMs() {
    InFlight<T> head = inFlight.peek();
    return head == null ? Double.POSITIVE_INFINITY : head.arrivalMs;
  }

  public long sent() {
    return sent;
  }

  public long lost() {
    return lost;
  }

  public long duplicated() {
    return duplicated;
  }

  public long delivered() {
    return delivered;
  }

  /** Packets delivered after one sent later than them. */
  public long reordered() {
    return reordered;
  }

  /** Packets still in flight. */
  public int inFlight() {
    return inFlight.size();
  }
}
