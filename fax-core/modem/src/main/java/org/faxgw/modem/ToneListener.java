package org.faxgw.modem;

/** Receives what a {@link ToneDetector} hears. */
public interface ToneListener {
  /**
   * A tone was recognised: CED after 500 ms of it; CNG at the end of a burst of 0.5 s (accepted
   * 375–650 ms).
   *
   * @param sample the detector's sample count at recognition
   */
  void onToneDetected(Tone tone, long sample);

  /** A CED recognised before has stopped; {@code durationSamples} is how long it lasted. */
  default void onToneEnded(Tone tone, long sample, long durationSamples) {}
}
