package org.faxgw.modem;

import java.util.function.Function;

/**
 * The "fast modem or V.21" receive mode a fax terminal needs after sending a command (T.30 5.3.3:
 * the answer may be a page at V.17/V.29/V.27ter or an HDLC response at V.21 channel 2): every
 * sample goes to a fast receiver and to a V.21 channel 2 receiver with an HDLC decoder, and the
 * first of the two to lock wins — the fast one on {@link ModemEvent.TrainingSucceeded}, V.21 on a
 * valid flag sequence ({@link HdlcListener#onFramingOk()}) or a frame with a good FCS. From then on
 * only the winner is fed, until {@link #restart()}. The choice is reported to a {@link
 * ChoiceListener}.
 *
 * <p>Belongs to one thread; allocates nothing per block.
 */
public final class FastOrV21Receiver implements ModemReceiver {
  /** Which receiver the mode has committed to. */
  public enum Choice {
    UNDECIDED,
    FAST,
    V21
  }

  /** Learns which receiver won, once per {@link #restart()}. */
  @FunctionalInterface
  public interface ChoiceListener {
    /**
     * @param choice {@link Choice#FAST} or {@link Choice#V21}
     * @param sample running sample count at the decision
     */
    void onChoice(Choice choice, long sample);
  }

  private final ModemReceiver fast;
  private final V21Receiver v21;
  private final HdlcDecoder hdlc;
  private final ChoiceListener choiceListener;
  private Choice choice = Choice.UNDECIDED;
  private long samples;

  /**
   * @param fastFactory makes the fast receiver (V.17, V.29, V.27ter…) given the listener it must
   *     report to; its bits go wherever the factory sends them
   * @param fastEvents gets the fast receiver's events (forwarded)
   * @param frames gets the V.21 HDLC frames
   * @param v21Events gets the V.21 receiver's events (forwarded)
   * @param choiceListener told which receiver won
   */
  public FastOrV21Receiver(
      Function<ModemListener, ModemReceiver> fastFactory,
      ModemListener fastEvents,
      HdlcListener frames,
      ModemListener v21Events,
      ChoiceListener choiceListener) {
    this.choiceListener = choiceListener;
    this.fast =
        fastFactory.apply(
            e -> {
              if (e instanceof ModemEvent.TrainingSucceeded && choice == Choice.UNDECIDED) {
                choose(Choice.FAST);
              }
              if (choice != Choice.V21) {
                fastEvents.onEvent(e);
              }
            });
    this.hdlc =
        new HdlcDecoder(
            new HdlcListener() {
              @Override
              public void onFrame(byte[] frame, boolean fcsOk) {
                if (fcsOk && choice == Choice.UNDECIDED) {
                  choose(Choice.V21);
                }
                if (choice == Choice.V21) {
                  frames.onFrame(frame, fcsOk);
                }
              }

              @Override
              public void onFramingOk() {
                if (choice == Choice.UNDECIDED) {
                  choose(Choice.V21);
                }
                if (choice == Choice.V21) {
                  frames.onFramingOk();
                }
              }

              @Override
              public void onAbort() {
                if (choice == Choice.V21) {
                  frames.onAbort();
                }
              }
            });
    this.v21 =
        new V21Receiver(
            V21Config.channel2(),
            hdlc,
            e -> {
              if (choice != Choice.FAST) {
                v21Events.onEvent(e);
              }
            });
  }

  /** The fast receiver (to restart it with a new configuration). */
  public ModemReceiver fast() {
    return fast;
  }

  /** The current choice. */
  public Choice choice() {
    return choice;
  }

  /**
   * Undecided again; the V.21 side and its HDLC decoder start afresh (restart the fast receiver
   * through {@link #fast()} if its configuration changes).
   */
  public void restart() {
    choice = Choice.UNDECIDED;
    v21.restart(V21Config.channel2());
    hdlc.reset();
  }

  private void choose(Choice c) {
    choice = c;
    choiceListener.onChoice(c, samples);
  }

  @Override
  public void receive(short[] in, int off, int len) {
    samples += len;
    if (choice != Choice.V21) {
      fast.receive(in, off, len);
    }
    if (choice != Choice.FAST) {
      v21.receive(in, off, len);
    }
  }

  @Override
  public void fillIn(int n) {
    samples += n;
    if (choice != Choice.V21) {
      fast.fillIn(n);
    }
    if (choice != Choice.FAST) {
      v21.fillIn(n);
    }
  }
}
