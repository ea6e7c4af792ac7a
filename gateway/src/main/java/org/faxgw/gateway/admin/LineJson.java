package org.faxgw.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.line.Line;

/**
 * The JSON of the fax lines, as {@code /v1/lines} and {@code /api/v1/lines} give it: per line
 * {@code name}, {@code peer}, {@code localId}, {@code direction} (send, receive or both) and {@code
 * state} (its text, as faxstat shows it).
 */
public final class LineJson {
  private LineJson() {}

  public static List<Object> of(List<Line> lines) {
    List<Object> out = new ArrayList<>();
    for (Line l : lines) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.name());
      m.put("peer", l.peer());
      m.put("localId", l.localId());
      m.put("direction", l.sends() && l.receives() ? "both" : l.sends() ? "send" : "receive");
      m.put("state", l.state().text());
      out.add(m);
    }
    return out;
  }
}
