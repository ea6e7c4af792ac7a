package org.faxgw.t30;

import java.util.ArrayDeque;
import java.util.List;
import org.faxgw.modem.BitSink;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.Dbm0;
import org.faxgw.modem.FastOrV21Receiver;
import org.faxgw.modem.HdlcDecoder;
import org.faxgw.modem.HdlcEncoder;
import org.faxgw.modem.HdlcListener;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.Tone;
import org.faxgw.modem.ToneDetector;
import org.faxgw.modem.ToneGenerator;
import org.faxgw.modem.ToneListener;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Transmitter;
import org.faxgw.modem.V21Config;
import org.faxgw.modem.V21Receiver;
import org.faxgw.modem.V21Transmitter;
import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V27terTransmitter;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Transmitter;
import org.faxgw.t4.BilevelPage;

/**
 * A {@link FaxTerminal}: a {@link T30Session} joined to the modems. Transmit side: the session's
 * programs ({@link TxItem}) become tones, V.21 HDLC bursts (1 s of flags first, T.30 5.3.1), TCF,
 * non-ECM pages and ECM bursts (200 ms of flags first) on V.17/V.29/V.27ter. Receive side: V.21
 * with HDLC, or the fast-or-V.21 switch ({@link FastOrV21Receiver}) with the image bits going to
 * the TCF check, the page decoder or an HDLC decoder (ECM); the receivers are muted while we
 * transmit, except in observer mode. A tone detector reports CED/CNG.
 *
 * <p>Belongs to the one thread that drives it. Allocates per burst, not per block.
 */
final class T30Terminal implements FaxTerminal, T30Io {
  /**
   * T.30 5.3.1: the V.21 preamble is 1 s ± 15 % of flags; 32 flags (0.853 s at 300 bit/s) is within
   * it and what spandsp sends, and every V.21 burst of the call pays for it.
   */
  static final int V21_PREAMBLE_FLAGS = 32;

  /** Level of everything we send (a usual fax level). */
  static final double TX_LEVEL_DBM0 = V21Config.DEFAULT_TX_LEVEL_DBM0;

  /** Energy above this (mean square of a block) is a carrier we must not talk over. */
  private static final double BUSY_MEAN_SQUARE = Dbm0.ZERO_DBM0_MEAN_SQUARE * Math.pow(10, -4.3);

  /** A failed training counts as a bad TCF only after this much carrier (0.5 s). */
  private static final long MIN_FAILED_TCF = T30Timers.RATE / 2;

  private final boolean observer;
  private final T30Session session;
  private final T30Receiver pageSink;
  private long clock;

  // transmit
  private final ArrayDeque<TxItem> program = new ArrayDeque<>();
  private ModemTransmitter current;
  private boolean programActive;
  private boolean muting;

  // receive
  private Listen active = Listen.NOTHING;
  private Listen pending;
  private final HdlcListener v21Frames = new V21Frames();
  private final ModemListener v21Events = this::v21Event;
  private final HdlcDecoder v21Hdlc = new HdlcDecoder(v21Frames);
  private final V21Receiver v21 = new V21Receiver(V21Config.channel2(), v21Hdlc, v21Events);
  private final ToneDetector tones;
  private FastOrV21Receiver fastOrV21;
  private ModemReceiver fast;
  private SignalRate fastRate;
  private Listen.Purpose purpose = Listen.Purpose.TCF;
  private TcfChecker tcf;
  private HdlcDecoder ecmHdlc;
  private boolean fastTrained;
  private String fastFailure;
  private long fastCarrierUp = -1;
  private boolean busy;
  private final BitSink fastBits = this::fastBit;

  T30Terminal(
      FaxTerminalConfig config,
      List<BilevelPage> pages,
      FaxTerminalListener listener,
      SessionLogSink log) {
    this.observer = config.observer();
    this.session = new T30Session(config, pages, this, listener, log);
    this.pageSink = session.receiverPart();
    this.tones =
        new ToneDetector(
            new ToneListener() {
              @Override
              public void onToneDetected(Tone tone, long sample) {
                session.on(new T30Input.ToneHeard(tone.name()));
              }
            });
    session.start();
  }

  @Override
  public void receive(short[] samples, int off, int len) {
    if (session.isFinished()) {
      return;
    }
    double sum = 0;
    for (int i = off; i < off + len; i++) {
      sum += (double) samples[i] * samples[i];
    }
    busy = len > 0 && sum / len > BUSY_MEAN_SQUARE;
    if (!muted()) {
      tones.receive(samples, off, len);
      ModemReceiver rx = receiver();
      if (rx != null) {
        rx.receive(samples, off, len);
      }
    }
    clock += len;
    session.on(new T30Input.Tick());
  }

  @Override
  public void fillIn(int samples) {
    if (session.isFinished()) {
      return;
    }
    if (!muted()) {
      tones.fillIn(samples);
      ModemReceiver rx = receiver();
      if (rx != null) {
        if (tcf != null && active instanceof Listen.Fast) {
          tcf.lost(samples);
        }
        rx.fillIn(samples);
      }
    }
    clock += samples;
    session.on(new T30Input.Tick());
  }

  @Override
  public void transmit(short[] out, int off, int len) {
    int pos = off;
    int end = off + len;
    int guard = 0;
    while (pos < end && !session.isFinished() && guard++ < 64) {
      if (current == null) {
        TxItem next = program.poll();
        if (next == null) {
          if (!programActive) {
            break;
          }
          programActive = false;
          if (pending != null) {
            apply(pending);
            pending = null;
          }
          session.on(new T30Input.TransmitDone());
          continue;
        }
        current = transmitter(next);
      }
      int n = current.transmit(out, pos, end - pos);
      if (n < end - pos) {
        current = null;
      }
      pos += n;
    }
    for (int i = pos; i < end; i++) {
      out[i] = 0;
    }
  }

  @Override
  public void abort(boolean immediately) {
    session.abort(immediately);
  }

  @Override
  public void lineDropped() {
    session.lineDropped();
  }

  @Override
  public boolean isFinished() {
    return session.isFinished();
  }

  @Override
  public FaxResult result() {
    return session.result();
  }

  @Override
  public long sampleClock() {
    return clock;
  }

  @Override
  public void transmit(List<TxItem> items) {
    program.clear();
    program.addAll(items);
    current = null;
    programActive = !items.isEmpty();
    muting = !(items.size() == 1 && items.get(0) instanceof TxItem.Cng);
    if (!programActive && pending != null) {
      apply(pending);
      pending = null;
    }
  }

  @Override
  public void listen(Listen mode) {
    if (observer || !programActive || !muting) {
      pending = null;
      apply(mode);
    } else {
      pending = mode;
    }
  }

  @Override
  public boolean lineBusy() {
    return busy || (active instanceof Listen.V21 && v21.isCarrierUp());
  }

  @Override
  public long now() {
    return clock;
  }

  private boolean muted() {
    return programActive && muting && !observer;
  }

  private ModemReceiver receiver() {
    if (active instanceof Listen.V21) {
      return v21;
    }
    if (active instanceof Listen.Fast) {
      return fastOrV21;
    }
    return null;
  }

  private void apply(Listen mode) {
    active = mode;
    if (mode instanceof Listen.V21) {
      v21.restart(V21Config.channel2());
      v21Hdlc.reset();
    } else if (mode instanceof Listen.Fast f) {
      if (fastOrV21 == null || f.longTrain() || f.rate() != fastRate) {
        fastRate = f.rate();
        fastOrV21 =
            new FastOrV21Receiver(
                l -> fast = newFast(f.rate(), l),
                this::fastEvent,
                v21Frames,
                v21Events,
                (c, s) -> {});
      } else {
        fastOrV21.restart();
        // a later burst at the same rate after a good long training: V.17 expects the short one
        ImageModems.nextBurst(fast, f.rate().bitsPerSecond(), true);
      }
      purpose = f.purpose();
      tcf = f.purpose() == Listen.Purpose.TCF ? new TcfChecker(f.rate().bitsPerSecond()) : null;
      ecmHdlc =
          f.purpose() == Listen.Purpose.ECM
              ? new HdlcDecoder(
                  new HdlcListener() {
                    @Override
                    public void onFrame(byte[] frame, boolean fcsOk) {
                      if (fcsOk && frame.length >= 3) {
                        session.on(new T30Input.ImageFrame(T30Frame.of(frame)));
                      }
                    }
                  })
              : null;
      fastTrained = false;
      fastFailure = null;
    }
  }

  /** The image receiver the rate names, the same choice as analyze's {@link ImageBurstReceiver}. */
  private ModemReceiver newFast(SignalRate r, ModemListener l) {
    return ImageModems.receiver(r.modulation(), r.bitsPerSecond(), fastBits, l);
  }

  private void fastBit(int bit) {
    if (!fastTrained) {
      return;
    }
    switch (purpose) {
      case TCF -> {
        if (tcf != null) {
          tcf.putBit(bit);
        }
      }
      case PAGE -> {
        if (pageSink != null) {
          pageSink.pageBit(bit);
        }
      }
      case ECM -> {
        if (ecmHdlc != null) {
          ecmHdlc.putBit(bit);
        }
      }
    }
  }

  private void fastEvent(ModemEvent e) {
    if (!(active instanceof Listen.Fast)) {
      return;
    }
    if (e instanceof ModemEvent.CarrierUp) {
      fastCarrierUp = clock;
    } else if (e instanceof ModemEvent.TrainingSucceeded) {
      fastTrained = true;
      session.on(new T30Input.ImageTrained());
    } else if (e instanceof ModemEvent.TrainingFailed f) {
      fastFailure = f.reason();
      if (fastOrV21.choice() == FastOrV21Receiver.Choice.UNDECIDED
          && purpose != Listen.Purpose.TCF) {
        return; // V.21 energy often looks like a failed training; the frames will tell
      }
      session.on(new T30Input.ImageTrainingFailed(f.reason()));
    } else if (e instanceof ModemEvent.CarrierDown) {
      if (fastTrained) {
        fastTrained = false;
        if (purpose == Listen.Purpose.TCF && tcf != null) {
          session.on(new T30Input.TcfMeasured(tcf.ok(), tcf.describe()));
        } else {
          session.on(new T30Input.ImageCarrierDown());
        }
      } else if (purpose == Listen.Purpose.TCF
          && fastFailure != null
          && fastCarrierUp >= 0
          && clock - fastCarrierUp >= MIN_FAILED_TCF) {
        // a carrier long enough to be the TCF that did not train (shorter ones are the tail of
        // the V.21 burst before it)
        session.on(new T30Input.TcfMeasured(false, "TCF not received: " + fastFailure, false));
      }
      fastFailure = null;
      fastCarrierUp = -1;
    }
  }

  private void v21Event(ModemEvent e) {
    if (e instanceof ModemEvent.CarrierDown) {
      session.on(new T30Input.V21CarrierDown());
    }
  }

  private final class V21Frames implements HdlcListener {
    @Override
    public void onFrame(byte[] frame, boolean fcsOk) {
      if (frame.length >= 3) {
        session.on(new T30Input.Frame(T30Frame.of(frame), fcsOk));
      } else {
        session.on(new T30Input.BadFrame());
      }
    }

    @Override
    public void onFramingOk() {
      session.on(new T30Input.FlagsSeen());
    }
  }

  private static ModemTransmitter transmitter(TxItem item) {
    if (item instanceof TxItem.Silence s) {
      return new SilenceTransmitter(s.samples());
    }
    if (item instanceof TxItem.Ced) {
      return ToneGenerator.ced(TX_LEVEL_DBM0, ModemListener.IGNORE);
    }
    if (item instanceof TxItem.Cng) {
      return ToneGenerator.cng(TX_LEVEL_DBM0, -1, ModemListener.IGNORE);
    }
    if (item instanceof TxItem.V21Frames v) {
      HdlcEncoder enc = new HdlcEncoder(V21_PREAMBLE_FLAGS);
      v.frames().forEach(f -> enc.sendFrame(f.octets()));
      enc.finish();
      return new V21Transmitter(V21Config.channel2(), enc, ModemListener.IGNORE);
    }
    if (item instanceof TxItem.Tcf t) {
      int bits = t.rate().bitsPerSecond() * 3 / 2; // 1.5 s of zeros
      int[] left = {bits};
      return fastTransmitter(t.rate(), false, () -> left[0]-- > 0 ? 0 : BitSource.END);
    }
    if (item instanceof TxItem.Image im) {
      return fastTransmitter(im.rate(), im.shortTrain(), new OctetSource(im.data()));
    }
    TxItem.ImageFrames f = (TxItem.ImageFrames) item;
    // T.30 5.3.1 for the image modem in HDLC mode: 200 ms of flags before the first frame
    HdlcEncoder enc = new HdlcEncoder(f.rate().bitsPerSecond() / 40, 1, 2);
    f.frames().forEach(fr -> enc.sendFrame(fr.octets()));
    enc.finish();
    return fastTransmitter(f.rate(), f.shortTrain(), enc);
  }

  private static ModemTransmitter fastTransmitter(SignalRate r, boolean shortTrain, BitSource s) {
    int bps = r.bitsPerSecond();
    return switch (r.modulation()) {
      case V17 ->
          new V17Transmitter(
              shortTrain ? V17Config.shortTrain(bps) : V17Config.longTrain(bps),
              s,
              ModemListener.IGNORE);
      case V29 -> new V29Transmitter(V29Config.of(bps), s, ModemListener.IGNORE);
      default -> new V27terTransmitter(V27terConfig.of(bps), s, ModemListener.IGNORE);
    };
  }

  /** Quiet for a number of samples. */
  private static final class SilenceTransmitter implements ModemTransmitter {
    private int left;

    SilenceTransmitter(int samples) {
      left = samples;
    }

    @Override
    public int transmit(short[] out, int off, int len) {
      int n = Math.min(left, len);
      java.util.Arrays.fill(out, off, off + n, (short) 0);
      left -= n;
      return n;
    }
  }

  /** The bits of octets, least significant first (the line order of T.4 data). */
  private static final class OctetSource implements BitSource {
    private final byte[] data;
    private int bit;

    OctetSource(byte[] data) {
      this.data = data;
    }

    @Override
    public int getBit() {
      if (bit >= data.length * 8) {
        return END;
      }
      int b = (data[bit >>> 3] >>> (bit & 7)) & 1;
      bit++;
      return b;
    }
  }
}
