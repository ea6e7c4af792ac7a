package org.faxgw.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code capture:} section: which calls have both directions of their audio written beside
 * their session log (off by default).
 *
 * @param dids received calls to these DIDs (as routing rules write them, e.g. {@code 6045557977})
 * @param peers calls from these IAX2 users and to these IAX2 peers
 * @param numbers sent calls to these destinations, as {@code +E.164} (e.g. {@code +16045550100})
 * @param keep how long capture files are kept (default {@code 7d})
 */
public record CaptureSection(
    List<String> dids, List<String> peers, List<String> numbers, Duration keep) {
  public CaptureSection {
    dids = dids == null ? List.of() : List.copyOf(dids);
    peers = peers == null ? List.of() : List.copyOf(peers);
    numbers = numbers == null ? List.of() : List.copyOf(numbers);
    for (String n : numbers) {
      if (!n.matches("\\+[1-9][0-9]{1,14}")) {
        throw new IllegalArgumentException(
            "capture.numbers: " + n + " is not +E.164 (e.g. +16045550100)");
      }
    }
    keep = keep == null ? Duration.ofDays(7) : keep;
    if (keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("capture.keep must be positive");
    }
  }

  public static CaptureSection defaults() {
    return new CaptureSection(null, null, null, null);
  }
}
