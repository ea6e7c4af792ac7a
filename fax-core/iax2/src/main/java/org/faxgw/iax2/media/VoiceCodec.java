package org.faxgw.iax2.media;

import org.faxgw.iax2.MediaFormat;
import org.faxgw.modem.G711;

/**
 * Voice payloads to and from 16-bit linear samples: G.711 A-law and µ-law via {@link G711}, and
 * slinear big-endian as Asterisk and iaxmodem send it ({@link MediaFormat#SLINEAR}).
 */
public final class VoiceCodec {
  private VoiceCodec() {}

  /** Octets needed for {@code samples} samples. */
  public static int octets(MediaFormat f, int samples) {
    return samples * f.bytesPerSample();
  }

  /** Encodes {@code in[off..off+len)} into {@code out} from {@code outOff}. */
  public static void encode(MediaFormat f, short[] in, int off, int len, byte[] out, int outOff) {
    switch (f) {
      case ALAW -> G711.encodeAlaw(in, off, out, outOff, len);
      case ULAW -> G711.encodeUlaw(in, off, out, outOff, len);
      case SLINEAR -> {
        for (int i = 0; i < len; i++) {
          out[outOff + 2 * i] = (byte) (in[off + i] >> 8);
          out[outOff + 2 * i + 1] = (byte) in[off + i];
        }
      }
    }
  }

  /**
   * Decodes {@code in[inOff..)} into {@code out[off..off+len)}; samples the payload does not have
   * are set to zero.
   *
   * @return the samples the payload had (at most {@code len})
   */
  public static int decode(
      MediaFormat f, byte[] in, int inOff, int inLen, short[] out, int off, int len) {
    int n = Math.min(len, inLen / f.bytesPerSample());
    switch (f) {
      case ALAW -> G711.decodeAlaw(in, inOff, out, off, n);
      case ULAW -> G711.decodeUlaw(in, inOff, out, off, n);
      case SLINEAR -> {
        for (int i = 0; i < n; i++) {
          out[off + i] =
              (short) (((in[inOff + 2 * i] & 0xFF) << 8) | (in[inOff + 2 * i + 1] & 0xFF));
        }
      }
    }
    java.util.Arrays.fill(out, off + n, off + len, (short) 0);
    return n;
  }

  /**
   * Whether the payload is silence for re-centring the playout buffer: every sample below {@code
   * peak} in magnitude.
   */
  public static boolean isSilent(MediaFormat f, byte[] payload, int peak) {
    return isSilent(f, payload, payload.length, peak);
  }

  /** {@link #isSilent(MediaFormat, byte[], int)} of {@code payload[0..len)}. */
  public static boolean isSilent(MediaFormat f, byte[] payload, int len, int peak) {
    int n = len / f.bytesPerSample();
    for (int i = 0; i < n; i++) {
      int s =
          switch (f) {
            case ALAW -> G711.alawToLinear(payload[i] & 0xFF);
            case ULAW -> G711.ulawToLinear(payload[i] & 0xFF);
            case SLINEAR -> (short) (((payload[2 * i] & 0xFF) << 8) | (payload[2 * i + 1] & 0xFF));
          };
      if (Math.abs(s) >= peak) {
        return false;
      }
    }
    return true;
  }
}
