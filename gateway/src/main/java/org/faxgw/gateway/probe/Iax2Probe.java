package org.faxgw.gateway.probe;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.faxgw.gateway.analyze.CallAnalyzer;
import org.faxgw.gateway.analyze.TimelineEvent;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.FrameType;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.Iax2Frame;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MalformedFrame;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.MiniFrame;
import org.faxgw.iax2.transport.Iax2EndpointConfig;
import org.faxgw.iax2.transport.NettyIax2Endpoint;

/** One probe call: dial, ladder, listen, hang up, report. */
public final class Iax2Probe {
  public static final int EXIT_ANSWERED = 0;
  public static final int EXIT_REFUSED = 1;
  public static final int EXIT_NO_ANSWER = 2;
  public static final int EXIT_INTERNAL = 3;
  public static final int EXIT_USAGE = 64;

  /**
   * What to probe.
   *
   * @param host the peer's host
   * @param port its UDP port
   * @param number CALLED NUMBER (may be empty)
   * @param format the one codec we offer
   * @param user USERNAME (may be empty)
   * @param secret for its MD5 challenge (may be empty)
   * @param seconds how long to listen once answered
   * @param timeoutSeconds how long to wait for the answer
   * @param sendCng send CNG once answered (else silence)
   */
  public record Options(
      String host,
      int port,
      String number,
      MediaFormat format,
      String user,
      String secret,
      int seconds,
      int timeoutSeconds,
      boolean sendCng) {}

  private final Options o;
  private final PrintWriter out;
  private final PrintWriter err;
  private final AtomicLong firstMillis = new AtomicLong(-1);
  private final AtomicLong newSentAt = new AtomicLong(-1);
  private final AtomicLong firstReplyAt = new AtomicLong(-1);
  private final AtomicLong miniIn = new AtomicLong();
  private final AtomicLong miniOut = new AtomicLong();
  private final boolean[] voiceShown = new boolean[2];

  public Iax2Probe(Options o, PrintWriter out, PrintWriter err) {
    this.o = o;
    this.out = out;
    this.err = err;
  }

  /** Runs the probe; returns the exit code. */
  public int run() {
    InetAddress addr;
    try {
      addr = InetAddress.getByName(o.host());
    } catch (UnknownHostException e) {
      err.println("faxgw iax2 probe: cannot resolve " + o.host());
      return EXIT_USAGE;
    }
    InetSocketAddress peer = new InetSocketAddress(addr, o.port());
    InetSocketAddress listen =
        new InetSocketAddress(addr.isLoopbackAddress() ? "127.0.0.1" : "0.0.0.0", 0);
    Iax2EndpointConfig config =
        Iax2EndpointConfig.of(listen)
            .withPeers(
                List.of(
                    Iax2EndpointConfig.Peer.of("probe", peer)
                        .withLogin(o.user(), o.secret())
                        .withCodecs(List.of(o.format()))));
    String where = addr.getHostAddress() + ":" + o.port();
    try (NettyIax2Endpoint endpoint = NettyIax2Endpoint.start(config)) {
      out.printf(
          Locale.ROOT,
          "probing %s from %s, number \"%s\", codec %s%n",
          where,
          endpoint.localAddress().getAddress().getHostAddress()
              + ":"
              + endpoint.localAddress().getPort(),
          o.number(),
          o.format());
      out.println("   time  dir  frame");
      out.flush();
      endpoint.tap(this::ladder);
      return call(endpoint, where);
    } catch (IllegalStateException e) {
      err.println("faxgw iax2 probe: " + e.getMessage());
      return EXIT_INTERNAL;
    }
  }

  private int call(NettyIax2Endpoint endpoint, String where) {
    ProbeAudio audio = new ProbeAudio(o.seconds(), o.sendCng());
    CountDownLatch answered = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    AtomicLong rtt = new AtomicLong(-1);
    AtomicLong rtts = new AtomicLong();
    HangupCause[] endCause = new HangupCause[1];
    MediaFormat[] format = new MediaFormat[1];
    CallListener listener =
        new CallListener() {
          @Override
          public void answered(MediaFormat f) {
            format[0] = f;
            answered.countDown();
          }

          @Override
          public void roundTrip(long ms) {
            rtt.set(ms);
            rtts.incrementAndGet();
          }

          @Override
          public void ended(HangupCause cause, boolean byRemote) {
            endCause[0] = cause;
            ended.countDown();
          }
        };
    Iax2Call call = endpoint.dial("probe", o.number(), audio, listener);
    boolean up = await(answered, ended, o.timeoutSeconds());
    if (!up) {
      if (ended.getCount() == 0) {
        out.flush();
        err.println(
            "faxgw iax2 probe: "
                + where
                + " refused the call: "
                + (endCause[0] == null ? "no cause" : endCause[0]));
        return EXIT_REFUSED;
      }
      call.hangup(HangupCause.NORMAL_CLEARING);
      awaitQuietly(ended, 3);
      out.flush();
      err.println(
          firstReplyAt.get() < 0
              ? "faxgw iax2 probe: no answer from "
                  + where
                  + ": nothing came back to our NEW in "
                  + o.timeoutSeconds()
                  + " s (wrong host or port, nothing listening, or a firewall)"
              : "faxgw iax2 probe: "
                  + where
                  + " did not answer within "
                  + o.timeoutSeconds()
                  + " s (it replied but sent no ANSWER)");
      return EXIT_NO_ANSWER;
    }
    endpoint.lagRequest(call);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seconds() + 5L);
    while (!audio.full() && ended.getCount() > 0 && System.nanoTime() < deadline) {
      awaitQuietly(ended, 0.1);
    }
    boolean remoteEnded = ended.getCount() == 0;
    if (!remoteEnded) {
      call.hangup(HangupCause.NORMAL_CLEARING);
      awaitQuietly(ended, 5);
    }
    awaitQuietly(new CountDownLatch(1), 0.2); // the ACK of the HANGUP, for the ladder
    endpoint.tap(null);
    out.println();
    out.println("codec:      " + format[0]);
    long setup =
        firstReplyAt.get() >= 0 && newSentAt.get() >= 0 ? firstReplyAt.get() - newSentAt.get() : -1;
    out.println(
        "round trip: "
            + (rtt.get() >= 0
                ? rtt.get() + " ms (last of " + rtts.get() + " LAGRQ/LAGRP and PING/PONG)"
                : "no LAGRQ or PING answered")
            + (setup >= 0 ? "; " + setup + " ms from our NEW to the first reply" : ""));
    out.println(
        "voice:      "
            + miniOut.get()
            + " mini frames sent, "
            + miniIn.get()
            + " received; "
            + audio.gaps()
            + " gaps in the playout buffer");
    out.println(
        "ended:      "
            + (remoteEnded ? "by " + where + ": " + endCause[0] : "we hung up")
            + " after "
            + String.format(Locale.ROOT, "%.1f", audio.heard().length / 8000.0)
            + " s of audio");
    heard(audio.heard());
    out.flush();
    return EXIT_ANSWERED;
  }

  private void heard(short[] pcm) {
    out.println("heard:");
    List<TimelineEvent> events = CallAnalyzer.analyze(pcm, CallAnalyzer.PageWriter.NONE).events();
    if (events.isEmpty()) {
      out.println("  nothing a fax sends (no CED/CNG tone, no V.21 frame)");
    }
    for (TimelineEvent e : events) {
      double t = e.sample() / 8000.0;
      if (e instanceof TimelineEvent.Tone tone) {
        out.printf(
            Locale.ROOT,
            "  %6.2f s  %s tone, %.2f s%n",
            t,
            tone.tone(),
            tone.durationSamples() / 8000.0);
      } else if (e instanceof TimelineEvent.Frame f) {
        out.printf(
            Locale.ROOT,
            "  %6.2f s  %s %s%s%s%n",
            t,
            f.carrier(),
            f.name(),
            f.fcsOk() ? "" : " (bad FCS)",
            f.details().isEmpty() ? "" : ": " + String.join("; ", f.details()));
      } else if (e instanceof TimelineEvent.Burst b) {
        out.printf(Locale.ROOT, "  %6.2f s  %s burst (%s)%n", t, b.modulation(), b.purpose());
      }
    }
  }

  /** The tap: one ladder line per full frame (mini voice frames are counted, not shown). */
  private void ladder(boolean outbound, long at, InetSocketAddress remote, Iax2Frame frame) {
    firstMillis.compareAndSet(-1, at);
    if (!outbound) {
      firstReplyAt.compareAndSet(-1, at);
    }
    String dir = outbound ? " -> " : " <- ";
    String line;
    if (frame instanceof MiniFrame) {
      (outbound ? miniOut : miniIn).incrementAndGet();
      return;
    } else if (frame instanceof MalformedFrame m) {
      line = "malformed (" + m.length() + " octets): " + m.reason();
    } else if (frame instanceof FullFrame f) {
      if (f.type() == FrameType.VOICE) {
        if (voiceShown[outbound ? 0 : 1]) {
          return;
        }
        voiceShown[outbound ? 0 : 1] = true;
      }
      if (outbound && f.iaxSubclass() == org.faxgw.iax2.IaxSubclass.NEW) {
        newSentAt.compareAndSet(-1, at);
      }
      line =
          String.format(
              Locale.ROOT,
              "%-18s call %d/%d ts %d seq %d/%d%s",
              f.describe(),
              f.sourceCall(),
              f.destinationCall(),
              f.timestamp(),
              f.oSeqno(),
              f.iSeqno(),
              f.informationElements().isEmpty()
                  ? ""
                  : "  "
                      + f.informationElements().stream()
                          .map(InformationElement::describe)
                          .collect(Collectors.joining(" ")));
    } else {
      line = frame.getClass().getSimpleName();
    }
    out.printf(Locale.ROOT, "%7.3f %s %s%n", (at - firstMillis.get()) / 1000.0, dir, line);
    out.flush();
  }

  /** True when {@code answered} came first, false when {@code ended} did or time ran out. */
  private static boolean await(CountDownLatch answered, CountDownLatch ended, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (answered.getCount() == 0) {
        return true;
      }
      if (ended.getCount() == 0) {
        return false;
      }
      awaitQuietly(answered, 0.05);
    }
    return answered.getCount() == 0;
  }

  private static void awaitQuietly(CountDownLatch l, double seconds) {
    try {
      l.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
