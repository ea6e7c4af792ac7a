package org.faxgw.gateway.probe;

import java.util.Arrays;
import org.faxgw.iax2.CallAudio;

/**
 * The probe's side of the call: keeps what the far end sends (gaps as silence, bounded by the
 * listening time) and sends CNG as a calling fax would (T.30 4.1: 1100 Hz, 0.5 s on, 3 s off) or
 * silence. Runs on the endpoint's event loop; read after the call.
 */
final class ProbeAudio implements CallAudio {
  /** CNG: 0.5 s of 1100 Hz every 3.5 s (T.30 4.1). */
  private static final int CNG_ON = 4000;

  private static final int CNG_PERIOD = 28000;
  private static final double CNG_STEP = 2 * Math.PI * 1100 / 8000.0;

  private final short[] heard;
  private final boolean cng;
  private int length;
  private long sent;
  private long gaps;

  ProbeAudio(int seconds, boolean cng) {
    this.heard = new short[seconds * 8000];
    this.cng = cng;
  }

  @Override
  public synchronized void played(short[] samples, int off, int len) {
    int n = Math.min(len, heard.length - length);
    System.arraycopy(samples, off, heard, length, n);
    length += n;
  }

  @Override
  public synchronized void lost(int samples) {
    gaps++;
    length = Math.min(heard.length, length + samples);
  }

  @Override
  public void next(short[] out, int off, int len) {
    for (int i = 0; i < len; i++, sent++) {
      out[off + i] =
          cng && sent % CNG_PERIOD < CNG_ON
              ? (short) Math.round(6000 * Math.sin(CNG_STEP * sent))
              : 0;
    }
  }

  synchronized short[] heard() {
    return Arrays.copyOf(heard, length);
  }

  synchronized boolean full() {
    return length >= heard.length;
  }

  synchronized long gaps() {
    return gaps;
  }
}
