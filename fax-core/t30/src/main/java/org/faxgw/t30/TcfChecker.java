package org.faxgw.t30;

import org.faxgw.modem.BitSink;

/**
 * Counts a received TCF (T.30: 1.5 s ± 10 % of zeros on the image modem) and applies our rule:
 * <b>the TCF is good when its longest run of zero bits lasts at least one second</b> (as spandsp
 * judges it). Ones before the first zero belong to the end of the training and are not counted.
 * Bits the modem produced while audio was reported lost ({@link #lost}) neither count nor break the
 * run: a VoIP gap of 20 ms is not a line fault, and ECM pages would survive it anyway.
 *
 * <p>Belongs to one receive session; allocates nothing.
 */
final class TcfChecker implements BitSink {
  private final int bitRate;
  private boolean started;
  private long bits;
  private long ones;
  private long zeroRun;
  private long longestZeroRun;
  private long skip;

  TcfChecker(int bitRate) {
    this.bitRate = bitRate;
  }

  @Override
  public void putBit(int bit) {
    if (skip > 0) {
      skip--;
      return;
    }
    if (!started) {
      if (bit != 0) {
        return;
      }
      started = true;
    }
    bits++;
    if (bit == 0) {
      if (++zeroRun > longestZeroRun) {
        longestZeroRun = zeroRun;
      }
    } else {
      ones++;
      zeroRun = 0;
    }
  }

  /** After lost audio the receiver needs this long to settle (60 ms) before bits count again. */
  static final int SETTLE_SAMPLES = 60 * T30Timers.RATE / 1000;

  /** {@code samples} of audio were lost: skip the bits they produce and the settling time. */
  void lost(int samples) {
    skip += (long) (samples + SETTLE_SAMPLES) * bitRate / T30Timers.RATE;
  }

  boolean ok() {
    return longestZeroRun >= bitRate;
  }

  /** HylaFAX's wording, e.g. "TCF 2748 bytes, 1% non-zero, 2700 zero-run". */
  String describe() {
    long pct = bits == 0 ? 0 : (ones * 100 + bits / 2) / bits;
    return "TCF " + bits / 8 + " bytes, " + pct + "% non-zero, " + longestZeroRun / 8 + " zero-run";
  }
}
