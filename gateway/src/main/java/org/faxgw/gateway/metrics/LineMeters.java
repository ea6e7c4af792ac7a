package org.faxgw.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.faxgw.gateway.line.Line;
import org.faxgw.gateway.line.LineState;

/**
 * Line use: {@code faxgw_lines{activity}} (idle, dialing, sending, receiving), {@code
 * faxgw_lines_busy_ratio} (lines not idle over all lines; 0 without lines), read from the lines'
 * states at each scrape.
 */
final class LineMeters {
  private final List<Line> lines;

  LineMeters(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  void bindTo(MeterRegistry r) {
    for (String a : List.of("idle", "dialing", "sending", "receiving")) {
      Gauge.builder("faxgw.lines", this, m -> m.count(a))
          .description("fax lines by what they are doing")
          .tag("activity", a)
          .register(r);
    }
    Gauge.builder("faxgw.lines.busy.ratio", this, LineMeters::busy)
        .description("share of fax lines on a call")
        .register(r);
  }

  static String activity(LineState s) {
    if (s instanceof LineState.Dialing) {
      return "dialing";
    }
    if (s instanceof LineState.Sending) {
      return "sending";
    }
    if (s instanceof LineState.Receiving) {
      return "receiving";
    }
    return "idle";
  }

  private double count(String a) {
    return lines.stream().filter(l -> activity(l.state()).equals(a)).count();
  }

  private double busy() {
    return lines.isEmpty() ? 0 : (lines.size() - count("idle")) / lines.size();
  }
}
