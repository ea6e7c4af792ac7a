package org.faxgw.gateway.line;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faxgw.iax2.CallAudio;
import org.faxgw.iax2.CallListener;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.Iax2Call;
import org.faxgw.iax2.Iax2Endpoint;
import org.faxgw.iax2.InboundCallHandler;
import org.faxgw.iax2.IncomingCall;
import org.faxgw.iax2.MediaFormat;

/**
 * An in-memory {@link Iax2Endpoint} whose far ends follow a script per number: refuse with a cause,
 * or answer (then the test drives the audio with {@link #tick}) and optionally hang up after some
 * ticks. Its "event loop" is a queue the test runs with {@link #runLoop}: nothing happens behind
 * the test's back.
 */
public final class FakeEndpoint implements Iax2Endpoint {
  /** What the far end of a number does. */
  public record Script(HangupCause refuse, int hangUpAfterTicks) {
    public static Script answer() {
      return new Script(null, -1);
    }

    public static Script refuse(HangupCause c) {
      return new Script(c, -1);
    }

    public static Script answerThenHangUpAfter(int ticks) {
      return new Script(null, ticks);
    }
  }

  /** One placed call. */
  public final class Call implements Iax2Call {
    public final String peer;
    public final String number;
    final CallAudio audio;
    final CallListener listener;
    final Script script;
    boolean up;
    boolean over;
    int ticks;
    public HangupCause ourHangup;

    Call(String peer, String number, CallAudio audio, CallListener listener, Script script) {
      this.peer = peer;
      this.number = number;
      this.audio = audio;
      this.listener = listener;
      this.script = script;
    }

    @Override
    public String id() {
      return peer + "/" + number;
    }

    @Override
    public MediaFormat format() {
      return MediaFormat.ALAW;
    }

    @Override
    public void hangup(HangupCause cause) {
      loop.add(
          () -> {
            if (!over) {
              over = true;
              ourHangup = cause;
              listener.ended(cause, false);
            }
          });
    }

    void remoteHangup(HangupCause cause) {
      if (!over) {
        over = true;
        listener.ended(cause, true);
      }
    }
  }

  private final Set<String> peers;
  private final Map<String, Deque<Script>> scripts = new HashMap<>();
  private final Deque<Runnable> loop = new ArrayDeque<>();
  public final List<Call> dialled = new ArrayList<>();
  private InboundCallHandler handler;

  public FakeEndpoint(Set<String> peers) {
    this.peers = peers;
  }

  /** The next calls to {@code number} follow these scripts in turn; the last one repeats. */
  public void script(String number, Script... s) {
    scripts.put(number, new ArrayDeque<>(List.of(s)));
  }

  @Override
  public Iax2Call dial(String peer, String number, CallAudio audio, CallListener listener) {
    if (!peers.contains(peer)) {
      throw new IllegalArgumentException("no IAX2 peer " + peer);
    }
    Deque<Script> d = scripts.get(number);
    Script s = d == null ? Script.answer() : (d.size() > 1 ? d.poll() : d.peek());
    Call c = new Call(peer, number, audio, listener, s);
    dialled.add(c);
    loop.add(
        () -> {
          if (c.over) {
            return;
          }
          if (s.refuse() != null) {
            c.remoteHangup(s.refuse());
          } else {
            c.listener.ringing();
            c.up = true;
            c.listener.answered(MediaFormat.ALAW);
          }
        });
    return c;
  }

  /** Runs what is queued on the "event loop" (bounded). */
  public void runLoop() {
    for (int i = 0; i < 10_000 && !loop.isEmpty(); i++) {
      loop.poll().run();
    }
  }

  /** Drives every answered call's audio for {@code n} 20 ms ticks, running the loop after each. */
  public void tick(int n) {
    short[] in = new short[CallAudio.BLOCK];
    short[] out = new short[CallAudio.BLOCK];
    for (int i = 0; i < n; i++) {
      runLoop();
      for (Call c : List.copyOf(dialled)) {
        if (!c.up || c.over) {
          continue;
        }
        c.audio.played(in, 0, in.length);
        c.audio.next(out, 0, out.length);
        c.ticks++;
        if (c.script.hangUpAfterTicks() >= 0 && c.ticks >= c.script.hangUpAfterTicks()) {
          c.remoteHangup(HangupCause.NORMAL_CLEARING);
        }
      }
      runLoop();
    }
  }

  /** Delivers an incoming call to the handler, on the "event loop". */
  public void incoming(IncomingCall c) {
    loop.add(() -> handler.incoming(c));
    runLoop();
  }

  @Override
  public void onIncoming(InboundCallHandler h) {
    this.handler = h;
  }

  @Override
  public void drain() {}

  @Override
  public int activeCalls() {
    return (int) dialled.stream().filter(c -> !c.over).count();
  }

  @Override
  public List<Registration> registrations() {
    return List.of();
  }

  @Override
  public void close() {}
}
