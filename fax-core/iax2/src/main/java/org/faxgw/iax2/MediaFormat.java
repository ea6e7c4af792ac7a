package org.faxgw.iax2;

/**
 * The audio formats a fax endpoint meets, as IAX2 media-format bits (RFC 5456 section 8.7; the
 * subclass of a VOICE frame and the FORMAT/CAPABILITY information elements).
 */
public enum MediaFormat {
  /** G.711 mu-law, one octet per sample. */
  ULAW(0x04, 1),
  /** G.711 A-law, one octet per sample. */
  ALAW(0x08, 1),
  /**
   * 16-bit linear PCM at 8 kHz. RFC 5456 8.7 leaves the byte order open; Asterisk (which byte-swaps
   * on little-endian hosts) and iaxmodem (ntohs on every sample) put it on the wire big-endian, so
   * a frame payload is big-endian.
   */
  SLINEAR(0x40, 2);

  private final int bit;
  private final int bytesPerSample;

  MediaFormat(int bit, int bytesPerSample) {
    this.bit = bit;
    this.bytesPerSample = bytesPerSample;
  }

  /** The format's bit in the IAX2 format mask. */
  public int bit() {
    return bit;
  }

  public int bytesPerSample() {
    return bytesPerSample;
  }

  /**
   * @return the format whose bit is {@code mask} exactly, or {@code null} for any other value (a
   *     codec a fax endpoint does not use, or several bits)
   */
  public static MediaFormat ofMask(long mask) {
    for (MediaFormat f : values()) {
      if (f.bit == mask) {
        return f;
      }
    }
    return null;
  }
}
