package org.faxgw.gateway.analyze;

import org.faxgw.iax2.MediaFormat;

/**
 * The audio one side of a call sent, rebuilt from its VOICE frames.
 *
 * @param source sender's address and port
 * @param destination receiver's address and port
 * @param role {@code caller} (sent the IAX2 NEW), {@code callee}, or {@code unknown}
 * @param format the codec
 * @param audio the codec octets in timestamp order (16-bit linear big-endian, as on the wire)
 * @param firstTimestamp IAX2 timestamp of the first voice frame, ms
 * @param voiceFrames voice frames used
 * @param fullVoiceFrames of which full frames
 * @param missingFrames frame slots absent from the capture, filled with silence
 * @param duplicateFrames frames dropped because their timestamp was already seen
 */
public record DirectionAudio(
    String source,
    String destination,
    String role,
    MediaFormat format,
    byte[] audio,
    long firstTimestamp,
    int voiceFrames,
    int fullVoiceFrames,
    int missingFrames,
    int duplicateFrames) {

  /** Number of 8 kHz samples. */
  public int samples() {
    return audio.length / format.bytesPerSample();
  }

  /** A label such as {@code caller 127.0.0.1:4570 -> 127.0.0.1:4571}. */
  public String label() {
    return role + " " + source + " -> " + destination;
  }

  /** The audio as 16-bit linear samples. */
  public short[] linear() {
    return AudioCodec.toLinear(format, audio);
  }
}
