package org.faxgw.queue;

/**
 * What the gateway remembers about one destination number between jobs (HylaFAX's {@code
 * info/<number>} file with its {@code hasV17Trouble} and {@code maxSignallingRate}).
 *
 * @param number the destination as +E.164
 * @param rateCap the highest signalling rate (bit/s) to offer this destination first; 0 = no cap
 * @param troubleRate the rate (bit/s) of the recent failures counted in {@code troubleCount}, 0
 *     none
 * @param troubleCount consecutive calls that failed in the image phase at {@code troubleRate}
 */
public record DestinationInfo(String number, int rateCap, int troubleRate, int troubleCount) {
  public DestinationInfo {
    if (rateCap < 0 || troubleRate < 0 || troubleCount < 0) {
      throw new IllegalArgumentException("negative destination counters");
    }
  }

  /** Nothing known yet. */
  public static DestinationInfo unknown(String number) {
    return new DestinationInfo(number, 0, 0, 0);
  }
}
