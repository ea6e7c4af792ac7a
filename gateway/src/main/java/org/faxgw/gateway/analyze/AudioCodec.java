package org.faxgw.gateway.analyze;

import org.faxgw.iax2.MediaFormat;
import org.faxgw.modem.G711;

/** Conversions between codec octets and 16-bit linear samples. */
public final class AudioCodec {
  private AudioCodec() {}

  /** The codec's octets for one sample of silence (G.711: the code nearest zero). */
  public static byte[] silence(MediaFormat f) {
    return switch (f) {
      case ALAW -> new byte[] {(byte) 0xD5};
      case ULAW -> new byte[] {(byte) 0xFF};
      case SLINEAR -> new byte[] {0, 0};
    };
  }

  /** Decodes {@code audio} to linear samples; 16-bit linear is big-endian (IAX2 wire order). */
  public static short[] toLinear(MediaFormat f, byte[] audio) {
    return toLinear(f, audio, false);
  }

  /**
   * Decodes {@code audio}; for 16-bit linear, {@code littleEndian} chooses the byte order. A
   * trailing odd octet of linear audio is ignored.
   */
  public static short[] toLinear(MediaFormat f, byte[] audio, boolean littleEndian) {
    switch (f) {
      case ALAW -> {
        short[] out = new short[audio.length];
        G711.decodeAlaw(audio, 0, out, 0, audio.length);
        return out;
      }
      case ULAW -> {
        short[] out = new short[audio.length];
        G711.decodeUlaw(audio, 0, out, 0, audio.length);
        return out;
      }
      default -> {
        short[] out = new short[audio.length / 2];
        for (int i = 0; i < out.length; i++) {
          int a = audio[2 * i] & 0xFF;
          int b = audio[2 * i + 1] & 0xFF;
          out[i] = (short) (littleEndian ? (b << 8) | a : (a << 8) | b);
        }
        return out;
      }
    }
  }
}
