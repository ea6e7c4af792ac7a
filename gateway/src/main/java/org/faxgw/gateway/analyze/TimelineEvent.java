package org.faxgw.gateway.analyze;

import java.util.List;
import org.faxgw.t30.ImageBurstReceiver;

/**
 * One thing seen on one direction of a call, at {@code sample} (8 kHz samples from the start of
 * that direction's audio).
 */
public sealed interface TimelineEvent {
  long sample();

  /** A CED (2100 Hz) or CNG (1100 Hz) tone, T.30 4.1/4.2. */
  record Tone(long sample, String tone, long durationSamples) implements TimelineEvent {}

  /**
   * An HDLC frame: on V.21 (T.30 control) or on the image modem (ECM, T.4 Annex A).
   *
   * @param carrier "V.21" or the image modem, e.g. "V.17 14400"
   * @param octets address, control, FCF, FIF (without FCS)
   * @param fcsOk whether the FCS checked
   * @param name FCF name, e.g. DCS, PPS-EOP, FCD; "?" when too short
   * @param details decoded fields: DIS/DCS lines, "id +1 555 ...", PPS counters, FCD frame number
   */
  record Frame(
      long sample, String carrier, byte[] octets, boolean fcsOk, String name, List<String> details)
      implements TimelineEvent {}

  /**
   * A high-speed burst.
   *
   * @param purpose TCF, non-ECM image data or ECM HDLC frames
   * @param training how the modem's training went
   * @param trainingFailure the modem's reason when the training failed, else empty
   * @param bits data bits delivered after training; for TCF only those from the first zero up to
   *     the sender's closing ones (16 ones in a row) or carrier loss
   * @param ones of which ones: for TCF, which is all zeros (T.30: 1.5 s of zeros), these are the
   *     bit errors
   * @param longestZeroRun longest run of zeros (spandsp's TCF criterion), bits
   * @param frames ECM: HDLC frames with a good FCS; bad frames counted in {@code badFrames}
   */
  record Burst(
      long sample,
      long endSample,
      String modulation,
      int bitRate,
      ImageBurstReceiver.Purpose purpose,
      ImageBurstReceiver.Training training,
      String trainingFailure,
      long bits,
      long ones,
      long longestZeroRun,
      int frames,
      int badFrames)
      implements TimelineEvent {

    /** From the engine's receive path. */
    static Burst of(ImageBurstReceiver.Burst b) {
      return new Burst(
          b.startSample(),
          b.endSample(),
          b.modulation().label(),
          b.bitRate(),
          b.purpose(),
          b.training(),
          b.failure(),
          b.bits(),
          b.ones(),
          b.longestZeroRun(),
          b.frames(),
          b.badFrames());
    }

    /** The report's words: "ok", "failed: reason" or "none". */
    public String trainingLabel() {
      return switch (training) {
        case OK -> "ok";
        case FAILED -> "failed: " + trainingFailure;
        case NONE -> "none";
      };
    }
  }

  /**
   * A received page.
   *
   * @param coding MH, MR or MMR
   * @param ecm received with error correction
   * @param rows rows decoded
   * @param badRows rows that had coding errors (non-ECM; concealed by repeating the last good row)
   * @param file the TIFF written, or null
   * @param status "complete", "incomplete: ..." or "undecodable: ..."
   */
  record Page(
      long sample,
      int number,
      String coding,
      boolean ecm,
      int width,
      int rows,
      int badRows,
      String file,
      String status)
      implements TimelineEvent {}

  /** Anything else worth saying, e.g. "no V.17 receiver available". */
  record Note(long sample, String text) implements TimelineEvent {}
}
