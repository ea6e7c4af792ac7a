package org.faxgw.gateway.analyze;

import java.util.List;

/**
 * Everything seen on one direction of a call, in time order.
 *
 * @param label e.g. {@code caller 127.0.0.1:4570 -> 127.0.0.1:4571}
 * @param role caller, callee, unknown or audio (raw audio input)
 * @param codec alaw, ulaw, slin16be or slin16le
 * @param samples length of the audio in 8 kHz samples
 * @param events the timeline
 * @param pages the pages decoded, with their pixels
 */
public record DirectionTimeline(
    String label,
    String role,
    String codec,
    long samples,
    List<TimelineEvent> events,
    List<CallAnalyzer.DecodedPage> pages) {
  public DirectionTimeline {
    events = List.copyOf(events);
    pages = List.copyOf(pages);
  }
}
