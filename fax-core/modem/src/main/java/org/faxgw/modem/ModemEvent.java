package org.faxgw.modem;

/**
 * Status of a modem, reported beside the bit stream and never inside it. {@code sample} is the
 * receiver's running count of 8 kHz samples when the event happened, so that timelines can be told
 * in time without a clock.
 */
public sealed interface ModemEvent {
  long sample();

  /** Energy in the band has risen above the receiver's on threshold. */
  record CarrierUp(long sample, double powerDbm0) implements ModemEvent {}

  /** Energy has fallen below the off threshold: the burst ended. */
  record CarrierDown(long sample) implements ModemEvent {}

  /** The training sequence was recognised; data bits follow. */
  record TrainingSucceeded(long sample, int bitRate) implements ModemEvent {}

  /** A carrier was seen but the training sequence could not be recognised. */
  record TrainingFailed(long sample, String reason) implements ModemEvent {}

  /** A transmitter has sent its last sample. */
  record TransmitComplete(long sample) implements ModemEvent {}
}
