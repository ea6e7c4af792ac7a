package org.faxgw.iax2;

/**
 * The audio side of one answered call, driven by the call's 20 ms media clock on the transport's
 * event loop. Each tick the endpoint first hands over what the playout buffer has for this 20 ms
 * ({@link #played} or {@link #lost}), then asks for our next 20 ms ({@link #next}). Implementations
 * must not block: they run on the event loop that serves every call.
 */
public interface CallAudio {
  /** 20 ms at 8 kHz. */
  int BLOCK = 160;

  /** The far end's audio for this tick, 8 kHz 16-bit linear, already decoded from the codec. */
  void played(short[] samples, int off, int len);

  /**
   * No audio arrived for this tick (a gap the playout buffer saw: lost, late or not yet sent).
   *
   * @param samples the length of the gap in samples
   */
  void lost(int samples);

  /** Fills {@code out[off..off+len)} with our audio for this tick. */
  void next(short[] out, int off, int len);
}
