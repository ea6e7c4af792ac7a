package org.faxgw.gateway.live;

import java.util.Arrays;
import org.faxgw.iax2.CallAudio;

/**
 * A {@link CallAudio} for live tests: keeps what the far end sent (up to a limit, gaps as silence
 * and counted), and sends silence or a caller's CNG (T.30 4.1: 1100 Hz, 0.5 s on, 3 s off). Written
 * on the endpoint's event loop, read by the test after the call.
 */
public final class RecordingAudio implements CallAudio {
  private final short[] heard;
  private final boolean sendCng;
  private int length;
  private long sentSamples;
  private volatile long played;
  private volatile long lost;
  private volatile long lostSamples;

  /**
   * @param seconds most audio kept
   * @param sendCng send CNG (as a calling fax does) instead of silence
   */
  public RecordingAudio(int seconds, boolean sendCng) {
    this.heard = new short[seconds * 8000];
    this.sendCng = sendCng;
  }

  @Override
  public synchronized void played(short[] samples, int off, int len) {
    played++;
    int n = Math.min(len, heard.length - length);
    System.arraycopy(samples, off, heard, length, n);
    length += n;
  }

  @Override
  public synchronized void lost(int samples) {
    lost++;
    lostSamples += samples;
    length = Math.min(heard.length, length + samples); // silence in place of the gap
  }

  @Override
  public void next(short[] out, int off, int len) {
    for (int i = 0; i < len; i++, sentSamples++) {
      long inCycle = sentSamples % (35 * 800); // 3.5 s
      out[off + i] =
          sendCng && inCycle < 4000
              ? (short) Math.round(8000 * Math.sin(2 * Math.PI * 1100 * sentSamples / 8000.0))
              : 0;
    }
  }

  /** What was heard so far, 8 kHz linear. */
  public synchronized short[] heard() {
    return Arrays.copyOf(heard, length);
  }

  /** Ticks with audio from the playout buffer. */
  public long playedBlocks() {
    return played;
  }

  /** Ticks the playout buffer reported as a gap. */
  public long lostBlocks() {
    return lost;
  }
}
