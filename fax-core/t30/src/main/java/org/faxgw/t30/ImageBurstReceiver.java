package org.faxgw.t30;

import org.faxgw.modem.BitSink;
import org.faxgw.modem.HdlcDecoder;
import org.faxgw.modem.HdlcListener;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.faxgw.t4.T4StreamDecoder;

/**
 * The receive side of one image session, the bursts on the image modem after a DCS (or a CTC, T.30
 * A.4.3): the receiver the DCS names ({@link ImageModems}), the TCF check of the first burst, then
 * pages: a T.4 bit stream into the error-tolerant decoder (non-ECM) or HDLC frames (ECM, T.4 Annex
 * A). Fed one direction's audio in blocks, e.g. by {@code faxgw analyze} over a recording, where
 * nobody answers and nothing is muted.
 *
 * <p>The TCF (T.30 5.3.6.2.3: 1.5 s of zeros) is judged by the engine's rule ({@link TcfChecker});
 * for the report it is also counted from the first zero (ones before it end the training) to the
 * sender's closing ones ({@link #TCF_END_ONES} in a row) or the carrier's end, every one bit in
 * that window an error.
 *
 * <p>Belongs to one thread; one instance per DCS.
 */
public final class ImageBurstReceiver {
  /** TCF bits kept for the error count: 3 s at 14400 bit/s (TCF is 1.5 s of zeros, T.30). */
  static final int MAX_TCF_BITS = 3 * 14400;

  /**
   * Ones in a row that end the TCF: the transmitter's closing ones after its zeros. Line errors in
   * a zero stream come out of the descrambler in clusters of two or three ones, not sixteen.
   */
  public static final int TCF_END_ONES = 16;

  /** What a burst carried. */
  public enum Purpose {
    /** The training check after DCS. */
    TCF("TCF"),
    /** Non-ECM image data, a T.4 bit stream. */
    PAGE("page"),
    /** ECM HDLC frames (T.4 Annex A). */
    ECM("ECM");

    private final String label;

    Purpose(String label) {
      this.label = label;
    }

    /** The report's word: TCF, page or ECM. */
    public String label() {
      return label;
    }
  }

  /** How the modem's training of a burst went. */
  public enum Training {
    /** No training seen (carrier without a training). */
    NONE,
    OK,
    FAILED
  }

  /**
   * One burst on the image modem.
   *
   * @param failure why the training failed (empty unless {@code training} is FAILED)
   * @param bits data bits delivered after training; for TCF only those of the counted window
   * @param ones of which ones: for TCF (all zeros on the line) the bit errors
   * @param longestZeroRun longest run of zeros, bits
   * @param tcfOk TCF only: the engine's verdict ({@link TcfChecker}: a zero run of at least one
   *     second), what a receiver would answer with CFR
   * @param frames ECM: HDLC frames with a good FCS
   * @param badFrames ECM: frames whose FCS failed
   */
  public record Burst(
      long startSample,
      long endSample,
      Modulation modulation,
      int bitRate,
      Purpose purpose,
      Training training,
      String failure,
      long bits,
      long ones,
      long longestZeroRun,
      boolean tcfOk,
      int frames,
      int badFrames) {

    /** The report's words: "ok", "failed: reason" or "none". */
    public String trainingLabel() {
      return switch (training) {
        case OK -> "ok";
        case FAILED -> "failed: " + failure;
        case NONE -> "none";
      };
    }
  }

  /** What the receiver reports, in order, on the thread that feeds it. */
  public interface Listener {
    /** A burst ended (carrier down, or the end of the session's audio). */
    void burst(Burst burst);

    /** An HDLC frame of an ECM burst, at the sample of the block it ended in. */
    void ecmFrame(long atSample, byte[] frame, boolean fcsOk);

    /** A non-ECM page decoded from a burst (repaired where rows were bad). */
    void page(
        long atSample, BilevelPage page, FaxCompression coding, int badRows, boolean complete);
  }

  private final DisDcsFields dcs;
  private final Listener listener;
  private final ModemReceiver rx;
  private final Bits bitSink = new Bits();
  private final byte[] tcfBits = new byte[MAX_TCF_BITS];
  private long pos;
  private boolean trained; // a training of this session succeeded
  private int bursts; // bursts that trained
  // the current burst
  private boolean open;
  private long start;
  private Training training = Training.NONE;
  private String failure = "";
  private Purpose purpose = Purpose.TCF;
  private long bits;
  private long ones;
  private long zeroRun;
  private long longestZeroRun;
  private int goodFrames;
  private int badFrames;
  private T4StreamDecoder t4;
  private HdlcDecoder ecmHdlc;
  private TcfChecker tcf;

  private ImageBurstReceiver(DisDcsFields dcs, boolean tcfFirst, Listener listener) {
    this.dcs = dcs;
    this.listener = listener;
    this.bursts = tcfFirst ? 0 : 1; // after CTC no TCF: the next burst carries frames
    this.rx = ImageModems.receiver(dcs.modulation(), dcs.bitRate(), bitSink, this::onEvent);
  }

  /**
   * The receiver for the bursts after {@code dcs}; {@code tcfFirst} false after a CTC (no TCF, the
   * frames follow at once). Null when the project has no receiver for the DCS's modem and rate.
   */
  public static ImageBurstReceiver create(DisDcsFields dcs, boolean tcfFirst, Listener listener) {
    if (dcs.modulation() == null) {
      return null;
    }
    ImageBurstReceiver r = new ImageBurstReceiver(dcs, tcfFirst, listener);
    return r.rx == null ? null : r;
  }

  /**
   * The DCS {@code dcs} with the signalling rate (T.30 Table 2 bits 11-14) of a CTC's FIF (T.30
   * A.4.3: CTC carries the new rate in the DCS bit positions).
   */
  public static byte[] withCtcRate(byte[] dcs, byte[] ctc) {
    return T30Receiver.withRate(dcs, ctc); // the engine's own merge, one copy
  }

  /** The vertical resolution a DCS asks for (T.30 Table 2 bits 15, 41). */
  public static Resolution resolution(DisDcsFields dcs) {
    if (dcs.superfine()) {
      return Resolution.SUPERFINE;
    }
    return dcs.fine() ? Resolution.FINE : Resolution.NORMAL;
  }

  /** Feeds {@code len} samples that start at sample {@code atSample} of the direction's audio. */
  public void receive(short[] samples, int off, int len, long atSample) {
    pos = atSample;
    rx.receive(samples, off, len);
  }

  /**
   * {@code len} samples starting at {@code atSample} that the line lost (the playout buffer had no
   * audio): bridged as the engine's receiver bridges them during a call.
   */
  public void fillIn(int len, long atSample) {
    pos = atSample;
    rx.fillIn(len);
  }

  /** The session's audio ends at {@code atSample}: closes a burst still open. */
  public void finish(long atSample) {
    pos = atSample;
    if (open) {
      close();
    }
  }

  private void onEvent(ModemEvent ev) {
    if (ev instanceof ModemEvent.CarrierUp) {
      if (open) {
        close();
      }
      open = true;
      start = pos;
      training = Training.NONE;
      failure = "";
      bits = ones = zeroRun = longestZeroRun = 0;
      goodFrames = badFrames = 0;
      purpose = currentPurpose();
    } else if (ev instanceof ModemEvent.TrainingSucceeded t) {
      if (!open) {
        onEvent(new ModemEvent.CarrierUp(t.sample(), 0));
      }
      training = Training.OK;
      purpose = currentPurpose();
      bursts++;
      trained = true;
      switch (purpose) {
        case TCF -> tcf = new TcfChecker(dcs.bitRate());
        case PAGE -> t4 = new T4StreamDecoder(dcs.widthPels(), dcs.coding(), resolution(dcs));
        case ECM -> ecmHdlc = new HdlcDecoder(new EcmFrames());
      }
    } else if (ev instanceof ModemEvent.TrainingFailed f) {
      if (!open) {
        onEvent(new ModemEvent.CarrierUp(f.sample(), 0));
      }
      training = Training.FAILED;
      failure = String.valueOf(f.reason());
    } else if (ev instanceof ModemEvent.CarrierDown && open) {
      close();
    }
  }

  private Purpose currentPurpose() {
    return bursts == 0 ? Purpose.TCF : dcs.ecm() ? Purpose.ECM : Purpose.PAGE;
  }

  private final class EcmFrames implements HdlcListener {
    @Override
    public void onFrame(byte[] frame, boolean fcsOk) {
      if (fcsOk) {
        goodFrames++;
      } else {
        badFrames++;
      }
      listener.ecmFrame(pos, frame, fcsOk);
    }
  }

  private final class Bits implements BitSink {
    @Override
    public void putBit(int bit) {
      if (!open || training != Training.OK) {
        return;
      }
      bits++;
      if (bit != 0) {
        ones++;
        zeroRun = 0;
      } else if (++zeroRun > longestZeroRun) {
        longestZeroRun = zeroRun;
      }
      if (purpose == Purpose.TCF) {
        if (bits <= MAX_TCF_BITS) {
          tcfBits[(int) bits - 1] = (byte) bit;
        }
        if (tcf != null) {
          tcf.putBit(bit);
        }
      } else if (t4 != null) {
        t4.putBit(bit);
      } else if (ecmHdlc != null) {
        ecmHdlc.putBit(bit);
      }
    }
  }

  private void close() {
    open = false;
    long counted = bits;
    long errors = ones;
    boolean tcfOk = false;
    if (purpose == Purpose.TCF) {
      int n = (int) Math.min(bits, MAX_TCF_BITS);
      int first = 0;
      while (first < n && tcfBits[first] != 0) {
        first++;
      }
      int last = n;
      int run = 0;
      for (int i = first; i < n; i++) {
        run = tcfBits[i] != 0 ? run + 1 : 0;
        if (run == TCF_END_ONES) {
          last = i + 1 - TCF_END_ONES;
          break;
        }
      }
      counted = last - first;
      errors = 0;
      for (int i = first; i < last; i++) {
        errors += tcfBits[i];
      }
      tcfOk = tcf != null && tcf.ok();
    }
    listener.burst(
        new Burst(
            start,
            pos,
            dcs.modulation(),
            dcs.bitRate(),
            purpose,
            training,
            failure,
            counted,
            errors,
            longestZeroRun,
            tcfOk,
            goodFrames,
            badFrames));
    if (t4 != null) {
      if (!t4.isPageComplete()) {
        t4.endOfData();
      }
      if (t4.rows() > 0) {
        listener.page(start, t4.page(), dcs.coding(), t4.badRows(), t4.isPageComplete());
      }
      t4 = null;
    }
    ecmHdlc = null;
    tcf = null;
    ImageModems.nextBurst(rx, dcs.bitRate(), trained);
  }
}
