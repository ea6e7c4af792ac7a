package org.faxgw.iax2.media;

/**
 * Settings of a {@link PlayoutBuffer}.
 *
 * @param delayMillis the fixed delay between a frame's arrival and its playout (40-60 ms suits
 *     loopback and a LAN; default 60)
 * @param frameMillis the frame period (20 ms for a fax call)
 * @param capacityFrames the most frames held (ARCHITECTURE.md rule 7: jitter-buffer depth); a frame
 *     further ahead than this is refused as too early
 * @param clocked true when {@link PlayoutBuffer#poll} is called once per frame period by a real (or
 *     virtual) clock: playout then starts {@code delayMillis} after the first frame, the depth is
 *     re-centred in silence when the far clock drifts, and a lasting jump ahead restarts the
 *     buffer. False for offline use (a capture), where the caller polls when the buffer is deep
 *     enough.
 * @param recentreWindowFrames polls over which the mean depth is measured before re-centring
 */
public record PlayoutConfig(
    int delayMillis,
    int frameMillis,
    int capacityFrames,
    boolean clocked,
    int recentreWindowFrames) {

  /** 60 ms delay, 20 ms frames, 1 s of capacity, clocked, depth measured over 10 s. */
  public static final PlayoutConfig DEFAULT = new PlayoutConfig(60, 20, 50, true, 500);

  public PlayoutConfig {
    if (frameMillis < 1 || delayMillis < frameMillis || delayMillis > 10_000) {
      throw new IllegalArgumentException("delay must be 1 frame..10 s: " + delayMillis);
    }
    if (capacityFrames < delayMillis / frameMillis + 2 || capacityFrames > 4096) {
      throw new IllegalArgumentException("capacity must exceed the delay: " + capacityFrames);
    }
    if (recentreWindowFrames < 1) {
      throw new IllegalArgumentException("recentreWindowFrames must be positive");
    }
  }

  /** The default with another delay. */
  public static PlayoutConfig clocked(int delayMillis) {
    return new PlayoutConfig(
        delayMillis, 20, Math.max(50, delayMillis / 20 + 10), true, DEFAULT.recentreWindowFrames);
  }

  /** For reading a capture: no start-up wait, no re-centring, 1 s of capacity. */
  public static PlayoutConfig offline(int delayMillis) {
    return new PlayoutConfig(delayMillis, 20, Math.max(50, delayMillis / 20 + 10), false, 500);
  }

  /** The delay in frames. */
  public int delayFrames() {
    return delayMillis / frameMillis;
  }
}
