package org.faxgw.gateway.analyze;

import java.util.List;

/**
 * The result of analysing one recorded call.
 *
 * @param input the file analysed
 * @param inputFormat pcap, pcapng or raw audio (codec)
 * @param directions one timeline per direction that carried audio
 * @param signalling IAX2 call signalling seen (NEW, ACCEPT, ANSWER, HANGUP...), one line each
 * @param warnings one-line remarks: truncated capture, missing frames, receivers not available
 */
public record CallAnalysis(
    String input,
    String inputFormat,
    List<DirectionTimeline> directions,
    List<String> signalling,
    List<String> warnings) {
  public CallAnalysis {
    directions = List.copyOf(directions);
    signalling = List.copyOf(signalling);
    warnings = List.copyOf(warnings);
  }

  /** True when no direction shows any fax signal (tone, frame, burst or page). */
  public boolean noFaxSignal() {
    return directions.stream()
        .flatMap(d -> d.events().stream())
        .noneMatch(e -> !(e instanceof TimelineEvent.Note));
  }
}
