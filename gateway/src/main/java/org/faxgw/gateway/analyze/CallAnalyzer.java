package org.faxgw.gateway.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.faxgw.modem.HdlcDecoder;
import org.faxgw.modem.HdlcListener;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.V21Config;
import org.faxgw.modem.V21Receiver;
import org.faxgw.t30.DisDcsFields;
import org.faxgw.t30.EcmReassembler;
import org.faxgw.t30.Fcf;
import org.faxgw.t30.ImageBurstReceiver;
import org.faxgw.t30.T30Frame;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.BitOrder;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.Resolution;
import org.faxgw.t4.T4Decoder;
import org.faxgw.t4.T4FormatException;

/**
 * Runs the receivers over one direction of a call and builds its timeline. V.21 first (T.30 control
 * frames), because the DCS says which image modem, rate, coding and ECM the bursts after it use
 * (T.30 Table 2); then, for each DCS, the image receiver over the audio up to the next DCS with the
 * V.21 stretches blanked: the first burst is the TCF (T.30: 1.5 s of zeros, so every one bit is an
 * error), the later ones carry pages: a T.4 bit stream for the error-tolerant decoder, or HDLC
 * frames (ECM, T.4 Annex A) that are put together by frame number and decoded as a whole page.
 *
 * <p>Belongs to one thread; one instance per direction.
 */
public final class CallAnalyzer {
  /** Samples per block fed to the receivers: 20 ms, one IAX2 frame. */
  static final int BLOCK = 160;

  /** V.21 stretches blanked for the image receiver are widened by this much on each side. */
  static final int V21_GUARD = 80;

  /** Where decoded pages go. */
  @FunctionalInterface
  public interface PageWriter {
    /**
     * @return the file written, or null when pages are not kept
     */
    String write(int number, BilevelPage page, FaxCompression coding) throws java.io.IOException;

    PageWriter NONE = (n, p, c) -> null;
  }

  /** A page as decoded, for callers that want the pixels. */
  public record DecodedPage(int number, BilevelPage page, FaxCompression coding, boolean ecm) {}

  private record RxFrame(long sample, byte[] octets, boolean fcsOk) {}

  private final short[] pcm;
  private final boolean[] lost; // samples the playout buffer did not have, or null
  private final PageWriter writer;
  private final List<TimelineEvent> events = new ArrayList<>();
  private final List<DecodedPage> pages = new ArrayList<>();
  private final List<long[]> v21Carrier = new ArrayList<>();
  private final List<RxFrame> v21Frames = new ArrayList<>();
  private int pageNumber;

  private CallAnalyzer(short[] pcm, boolean[] lost, PageWriter writer) {
    this.pcm = pcm;
    this.lost = lost;
    this.writer = writer;
  }

  /** The result for one direction. */
  public record Result(List<TimelineEvent> events, List<DecodedPage> pages) {}

  /** Analyses one direction's audio (8 kHz linear samples). */
  public static Result analyze(short[] pcm, PageWriter writer) {
    return analyze(pcm, null, writer);
  }

  /**
   * Analyses one direction's audio (8 kHz linear samples) in which the samples marked in {@code
   * lost} (null: none) are not audio but silence put in for audio the playout buffer did not have;
   * the receivers bridge them ({@code fillIn}) as the gateway's modem did during the call.
   */
  public static Result analyze(short[] pcm, boolean[] lost, PageWriter writer) {
    CallAnalyzer a = new CallAnalyzer(pcm, lost, writer);
    a.run();
    return new Result(List.copyOf(a.events), List.copyOf(a.pages));
  }

  private void run() {
    tones();
    v21();
    // Each DCS starts a session on the image modem (TCF first); a CTC (T.30 A.4: continue to
    // correct) changes its rate, and image data follow at once without TCF.
    List<RxFrame> starts = new ArrayList<>();
    for (RxFrame f : v21Frames) {
      Fcf fcf = f.octets.length >= 3 ? Fcf.of(f.octets[2]) : null;
      if (f.fcsOk && f.octets.length >= 4 && (fcf == Fcf.DCS || fcf == Fcf.CTC)) {
        starts.add(f);
      }
    }
    byte[] lastDcs = null;
    for (int i = 0; i < starts.size(); i++) {
      RxFrame f = starts.get(i);
      long end = i + 1 < starts.size() ? starts.get(i + 1).sample : pcm.length;
      byte[] fif = T30Frame.of(f.octets).fif();
      if (Fcf.of(f.octets[2]) == Fcf.DCS) {
        lastDcs = fif;
        imageSegment(f.sample, end, DisDcsFields.decodeDcs(fif), true);
      } else if (lastDcs != null) {
        imageSegment(
            f.sample,
            end,
            DisDcsFields.decodeDcs(ImageBurstReceiver.withCtcRate(lastDcs, fif)),
            false);
      }
    }
    ecmPages();
    events.sort(Comparator.comparingLong(TimelineEvent::sample));
  }

  private void tones() {
    events.addAll(ToneScanner.scan(pcm));
  }

  private void v21() {
    final long[] up = {-1};
    final V21Receiver[] rx = new V21Receiver[1];
    HdlcDecoder hdlc =
        new HdlcDecoder(
            new HdlcListener() {
              @Override
              public void onFrame(byte[] frame, boolean fcsOk) {
                v21Frames.add(new RxFrame(rx[0].samples(), frame, fcsOk));
              }
            });
    rx[0] =
        new V21Receiver(
            V21Config.channel2(),
            hdlc,
            ev -> {
              if (ev instanceof ModemEvent.CarrierUp) {
                up[0] = rx[0].samples();
                hdlc.reset();
              } else if (ev instanceof ModemEvent.CarrierDown) {
                if (up[0] >= 0) {
                  v21Carrier.add(new long[] {up[0], rx[0].samples()});
                }
                up[0] = -1;
              }
            });
    for (int off = 0; off < pcm.length; off += BLOCK) {
      int end = Math.min(pcm.length, off + BLOCK);
      for (int run = off; run < end; ) {
        int stop = runEnd(run, end);
        if (isLost(run)) {
          rx[0].fillIn(stop - run);
        } else {
          rx[0].receive(pcm, run, stop - run);
        }
        run = stop;
      }
    }
    if (up[0] >= 0) {
      v21Carrier.add(new long[] {up[0], pcm.length});
    }
    // Carrier intervals that carried no frame at all are not V.21 for our purpose (the image
    // modems' energy can raise the V.21 detector too); keep only those with frames.
    v21Carrier.removeIf(
        c -> v21Frames.stream().noneMatch(f -> f.sample >= c[0] && f.sample <= c[1] + BLOCK));
    for (RxFrame f : v21Frames) {
      events.add(
          new TimelineEvent.Frame(
              f.sample,
              "V.21",
              f.octets,
              f.fcsOk,
              FrameDetails.name(f.octets),
              FrameDetails.of(f.octets)));
    }
  }

  private boolean isLost(long s) {
    return lost != null && s < lost.length && lost[(int) s];
  }

  /** The end (exclusive, at most {@code end}) of the run of samples lost or not as {@code from}. */
  private int runEnd(int from, int end) {
    boolean l = isLost(from);
    int i = from + 1;
    while (i < end && isLost(i) == l) {
      i++;
    }
    return i;
  }

  private boolean inV21(long s) {
    for (long[] c : v21Carrier) {
      if (s >= c[0] - V21_GUARD && s < c[1] + V21_GUARD) {
        return true;
      }
    }
    return false;
  }

  /**
   * The bursts after one DCS (or CTC) through the engine's image receive path, with the V.21
   * stretches of this direction blanked.
   */
  private void imageSegment(long from, long end, DisDcsFields dcs, boolean tcfFirst) {
    String carrierName =
        (dcs.modulation() == null ? "?" : dcs.modulation().label()) + " " + dcs.bitRate();
    ImageBurstReceiver image =
        ImageBurstReceiver.create(
            dcs,
            tcfFirst,
            new ImageBurstReceiver.Listener() {
              @Override
              public void burst(ImageBurstReceiver.Burst b) {
                events.add(TimelineEvent.Burst.of(b));
              }

              @Override
              public void ecmFrame(long atSample, byte[] frame, boolean fcsOk) {
                events.add(
                    new TimelineEvent.Frame(
                        atSample,
                        carrierName,
                        frame,
                        fcsOk,
                        FrameDetails.name(frame),
                        FrameDetails.of(frame)));
              }

              @Override
              public void page(
                  long atSample,
                  BilevelPage page,
                  FaxCompression coding,
                  int badRows,
                  boolean complete) {
                addPage(
                    atSample, page, coding, false, badRows, complete ? "complete" : "incomplete");
              }
            });
    if (image == null) {
      events.add(
          new TimelineEvent.Note(
              from,
              "no receiver for "
                  + carrierName
                  + " in this build: the bursts after this "
                  + (tcfFirst ? "DCS" : "CTC")
                  + " are not demodulated"));
      return;
    }
    short[] block = new short[BLOCK];
    for (long off = from; off < end; off += BLOCK) {
      int n = (int) Math.min(BLOCK, end - off);
      for (int i = 0; i < n; ) {
        int stop = runEnd((int) off + i, (int) off + n) - (int) off;
        if (isLost(off + i)) {
          image.fillIn(stop - i, off + i);
        } else {
          for (int k = i; k < stop; k++) {
            long s = off + k;
            block[k - i] = inV21(s) ? 0 : pcm[(int) s];
          }
          image.receive(block, 0, stop - i, off + i);
        }
        i = stop;
      }
    }
    image.finish(end);
  }

  private void ecmPages() {
    List<TimelineEvent.Frame> frames = new ArrayList<>();
    for (TimelineEvent e : events) {
      if (e instanceof TimelineEvent.Frame f && f.fcsOk() && f.octets().length >= 3) {
        frames.add(f);
      }
    }
    frames.sort(Comparator.comparingLong(TimelineEvent.Frame::sample));
    EcmReassembler r = null;
    DisDcsFields dcs = null;
    long lastSample = 0;
    int taken = 0;
    for (TimelineEvent.Frame f : frames) {
      Fcf fcf = Fcf.of(f.octets()[2]);
      if (fcf == Fcf.DCS) {
        dcs = DisDcsFields.decodeDcs(T30Frame.of(f.octets()).fif());
        if (dcs.ecm() && r == null) {
          r = new EcmReassembler();
        }
      } else if (r != null && fcf == Fcf.FCD) {
        r.fcdFrame(T30Frame.of(f.octets()));
      } else if (r != null && (fcf == Fcf.PPS || fcf == Fcf.EOR)) {
        byte[] fif = T30Frame.of(f.octets()).fif();
        if (fcf == Fcf.PPS) {
          r.pps(fif);
        } else {
          r.endOfRetransmission(fif);
        }
        lastSample = f.sample();
        taken = decodeEcmPages(r, dcs, taken, lastSample);
      }
    }
    if (r != null) {
      r.finish();
      decodeEcmPages(r, dcs, taken, lastSample);
    }
  }

  private int decodeEcmPages(EcmReassembler r, DisDcsFields dcs, int taken, long sample) {
    List<EcmReassembler.Page> done = r.pages();
    for (int i = taken; i < done.size(); i++) {
      EcmReassembler.Page p = done.get(i);
      FaxCompression coding = dcs == null ? FaxCompression.MMR : dcs.coding();
      int width = dcs == null ? 1728 : dcs.widthPels();
      Resolution res = dcs == null ? Resolution.NORMAL : ImageBurstReceiver.resolution(dcs);
      String status =
          p.complete() ? "complete" : "incomplete: " + p.missingFrames() + " frames missing";
      try {
        BilevelPage page = T4Decoder.decode(p.data(), coding, width, -1, res, BitOrder.LSB_FIRST);
        addPage(sample, page, coding, true, 0, status);
      } catch (T4FormatException e) {
        events.add(
            new TimelineEvent.Page(
                sample,
                ++pageNumber,
                coding.name(),
                true,
                width,
                0,
                0,
                null,
                "undecodable: " + e.getMessage()));
      }
    }
    return done.size();
  }

  private void addPage(
      long sample,
      BilevelPage page,
      FaxCompression coding,
      boolean ecm,
      int badRows,
      String status) {
    int n = ++pageNumber;
    String file = null;
    try {
      file = writer.write(n, page, coding);
    } catch (java.io.IOException | RuntimeException e) {
      status = status + "; not written: " + e.getMessage();
    }
    pages.add(new DecodedPage(n, page, coding, ecm));
    events.add(
        new TimelineEvent.Page(
            sample, n, coding.name(), ecm, page.width(), page.height(), badRows, file, status));
  }
}
