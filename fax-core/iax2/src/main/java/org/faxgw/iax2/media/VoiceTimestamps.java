package org.faxgw.iax2.media;

/**
 * Mini frames carry only the low 16 bits of the timestamp (RFC 5456 8.1.2); the receiver extends
 * them from the last full timestamp it knows. The sender sends a full VOICE frame whenever the
 * upper 16 bits change, every 65.536 s, so a reference within half a wrap is always known.
 */
public final class VoiceTimestamps {
  private VoiceTimestamps() {}

  /**
   * The 32-bit timestamp nearest to {@code reference} whose low 16 bits are {@code ts16}.
   *
   * @param reference the newest full timestamp seen (negative when none: {@code ts16} is taken as
   *     is)
   */
  public static long extend(long reference, int ts16) {
    ts16 &= 0xFFFF;
    if (reference < 0) {
      return ts16;
    }
    long ts = (reference & ~0xFFFFL) | ts16;
    if (ts < reference - 0x8000) {
      ts += 0x10000;
    } else if (ts > reference + 0x8000 && ts >= 0x10000) {
      ts -= 0x10000;
    }
    return ts;
  }
}
